-- Services of the people group (merged into services/index.lua).
return { services = {}, types = {} }
