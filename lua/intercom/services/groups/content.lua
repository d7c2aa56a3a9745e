-- Services of the content group (merged into services/index.lua).
return { services = {}, types = {} }
