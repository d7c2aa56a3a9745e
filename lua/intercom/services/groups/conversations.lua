-- Services of the conversations group (merged into services/index.lua).
return { services = {}, types = {} }
