# The two commands of the README: make demo, make test. Both set up a fresh
# Debian machine first (scripts/bootstrap), then build with CMake.
BUILD ?= build
LUA ?= lua5.4
export LUA_PATH := lua/?.lua;lua/?/init.lua;;
export LUA_CPATH := $(BUILD)/?.so;;

.PHONY: all bootstrap build demo test fuzz bench valgrind coverage clean

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j2 >/dev/null

demo: build
	$(LUA) examples/quickstart.lua

test: build
	@scripts/test

fuzz: bootstrap
	@scripts/fuzz

bench: build
	@scripts/bootstrap bench
	@bench/run

valgrind: build
	@scripts/bootstrap valgrind
	@scripts/valgrind

clean:
	rm -rf build build-* .luarocks-test

coverage: build
	@scripts/coverage $(VERSION)
