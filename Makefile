# Komek: `make run` sets up, builds and serves the demo; `make test` runs every test.
BUILD ?= build
DB ?= data/komek.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= 2

.PHONY: run test build deps test-format test-unit test-pg test-release test-sanitize test-fuzz test-api test-browser bench format clean

run: deps build
	@$(BUILD)/komek --db $(DB) demo
	@echo
	@echo "Komek: http://$(LISTEN)/   demo login: admin / komek-demo-2026 (also supervisor, worker, analyst …)"
	@echo
	$(BUILD)/komek --db $(DB) serve --listen $(LISTEN)

deps:
	@scripts/install-deps.sh

build:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

# Every test: unit and HTTP suites, the same under ASan+UBSan, a short fuzz pass, the API
# contract, the browser tests.
test:
	@scripts/install-deps.sh --test
	@$(MAKE) --no-print-directory test-format
	@$(MAKE) --no-print-directory build
	@$(MAKE) --no-print-directory test-unit
	@$(MAKE) --no-print-directory test-pg
	@$(MAKE) --no-print-directory test-release
	@$(MAKE) --no-print-directory test-sanitize
	@$(MAKE) --no-print-directory test-fuzz
	@$(MAKE) --no-print-directory test-api
	@$(MAKE) --no-print-directory test-browser

# The PostgreSQL driver's tests run against a throwaway cluster (scripts/with-pg.sh).
test-unit: build
	cd $(BUILD) && $(CURDIR)/scripts/with-pg.sh ctest --output-on-failure -j$(JOBS)

# The HTTP suites again with every server on a database of its own on a throwaway
# PostgreSQL cluster, and test_instances: two servers on one database.
test-pg: build
	cd $(BUILD) && KOMEK_TEST_HTTP_PG=1 $(CURDIR)/scripts/with-pg.sh ctest --output-on-failure -R http -j$(JOBS)

# The Release build (-O3: the benchmarks' build) warns about more than the others do, and
# warnings are errors: compile it too.
test-release:
	@cmake -S . -B $(BUILD)-release -DCMAKE_BUILD_TYPE=Release -DKOMEK_TESTS=OFF >/dev/null
	@cmake --build $(BUILD)-release -j$(JOBS) --target komek

test-sanitize:
	@cmake -S . -B $(BUILD)-asan -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DKOMEK_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD)-asan -j$(JOBS)
	cd $(BUILD)-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		$(CURDIR)/scripts/with-pg.sh ctest --output-on-failure -j$(JOBS)

# A short pass of every fuzzer (6 s each: CI's 30 minutes are nearly spent); scripts/fuzz.sh
# SECONDS runs longer, and scripts/long-checks.sh for hours.
test-fuzz:
	scripts/fuzz.sh 6

# The OpenAPI document against routes.c and against a live server's answers.
test-api: build
	cd tests/api && KOMEK_BIN=$(CURDIR)/$(BUILD)/komek node --test

test-browser: build
	cd tests/browser && KOMEK_BIN=$(CURDIR)/$(BUILD)/komek node --test --test-concurrency=1 *.test.mjs

bench: build
	bench/run.sh

C_FILES = src/*.c src/*/*.c src/*/*.h tests/*/*.c tests/http/*.h tools/*.c

format:
	clang-format -i $(C_FILES)

test-format:
	clang-format --dry-run --Werror $(C_FILES)

clean:
	rm -rf $(BUILD) $(BUILD)-asan
