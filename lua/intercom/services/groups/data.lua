-- Services of the data group (merged into services/index.lua).
return { services = {}, types = {} }
