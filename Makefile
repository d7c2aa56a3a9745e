# The two commands of the README: make demo, make test. Both set up a fresh
# Debian machine first (scripts/bootstrap), then build with CMake.
BUILD ?= build
LUA ?= lua5.4
WERROR ?= OFF # make test builds with warnings as errors
MAKEFLAGS += --no-print-directory # cmake --build runs make: no "Entering directory" lines
export LUA_PATH := lua/?.lua;lua/?/init.lua;;
export LUA_CPATH := $(BUILD)/?.so;;

.PHONY: all bootstrap build demo test fuzz bench bench-docs valgrind coverage docs clean

all: build

bootstrap:
	@scripts/bootstrap

# CMake prints its warnings and the compiler's; only its status chatter is left out.
build: bootstrap
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWERROR=$(WERROR) --log-level=WARNING
	@cmake --build $(BUILD) -j2

demo: build
	$(LUA) examples/quickstart.lua

test: WERROR = ON
test: build
	@scripts/test

fuzz: bootstrap
	@scripts/fuzz

bench: build
	@scripts/bootstrap bench
	@bench/run
	@$(LUA) bench/pacing.lua # 2,000 requests paced by the sandbox's limiter (about 33 s)

# make bench, then its figures written into docs/benchmarks.md (never typed by hand).
bench-docs: build
	@scripts/bootstrap bench
	@BENCH_WRITE=1 bench/run

valgrind: build
	@scripts/bootstrap valgrind
	@scripts/valgrind

# docs/services/ from the service definitions and docs/src/ (make test fails
# when it is stale), and the LDoc HTML reference of the public modules.
docs: build
	@scripts/bootstrap docs
	@scripts/gen-docs
	@ldoc . && echo "docs: docs/services/ regenerated; HTML reference in $(BUILD)/ldoc/index.html"

clean:
	rm -rf build build-* .luarocks-test

coverage: build
	@scripts/coverage $(VERSION)
