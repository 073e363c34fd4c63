# The two commands of the README:
#   make run    install dependencies, build (release) and run livegate with the demo site
#   make test   install dependencies, build every configuration and run every test
SHELL := /bin/bash
export CCACHE_DIR ?= $(CURDIR)/.cache/ccache
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime
JOBS ?= $(shell nproc)
PORT ?= 8000

.PHONY: run test deps test-deps build-release build-% unit-% e2e-% fuzz clean format tidy

deps:
	scripts/install-deps.sh

test-deps:
	scripts/install-deps.sh --test

build-release: deps
	cmake --preset release >/dev/null
	cmake --build build/release -j $(JOBS)

run: build-release
	LIVEGATE_HTTP_STATIC_DIR=$${LIVEGATE_HTTP_STATIC_DIR:-$(CURDIR)/web} \
	LIVEGATE_HTTP_PORT=$(PORT) \
	LIVEGATE_CLIENT_TOKEN_HMAC_SECRET_KEY=$${LIVEGATE_CLIENT_TOKEN_HMAC_SECRET_KEY:-dev-secret-change-me} \
	LIVEGATE_HTTP_API_KEY=$${LIVEGATE_HTTP_API_KEY:-dev-api-key} \
	build/release/src/main/livegate --config config/demo.yaml

build-%:
	cmake --preset $* >/dev/null
	cmake --build build/$* -j $(JOBS)

test: test-deps
	scripts/run-tests.sh

fuzz:
	scripts/run-fuzzers.sh

format:
	find src tests -name '*.h' -o -name '*.cc' | xargs clang-format-14 -i

tidy:
	run-clang-tidy -p build/debug -quiet src/

clean:
	rm -rf build
