# The two commands the README promises:
#   make run   set up, build, and serve the demo on http://127.0.0.1:8080
#   make test  set up, build, and run every test
# Both install what is missing first (scripts/setup.sh), so they work on a fresh machine.

BUILD_DIR ?= build
DEMO_DIR ?= var/demo
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

.PHONY: all setup configure build web run test bench clean

all: build web

setup:
	@bash scripts/setup.sh

configure: setup
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then cmake -S . -B $(BUILD_DIR) -G Ninja; fi

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

web: setup
	@cd web && npm run build --silent

run: build web
	@mkdir -p $(DEMO_DIR)
	@echo "Starting the demo on http://$(LISTEN)/ (Ctrl-C stops it)"
	@./$(BUILD_DIR)/conduct demo --data $(DEMO_DIR) --listen $(LISTEN)

test: build web
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Benchmarks (bench/): figures for docs/performance.md. Not part of `make test`.
# SIZES picks the community sizes of the load benchmark (default 1000 10000 100000).
SIZES ?= 1000 10000 100000
bench: build
	@./$(BUILD_DIR)/bench/sealing_bench --benchmark_min_time=0.5
	@BUILD_DIR=$(BUILD_DIR) bash bench/load.sh $(SIZES)
	@BUILD_DIR=$(BUILD_DIR) bash bench/sign_in_flood.sh

clean:
	rm -rf $(BUILD_DIR) web/dist
