/* The lua-compat-5.3 functions, compiled once, for LuaJIT builds only. */
#include "compat.h"

#if LUA_VERSION_NUM == 501
#include "compat-5.3.c"
#endif
