# Set-up is two commands on a fresh machine: `make dashboard` and `make test`.
SHELL := /bin/bash
export NEXT_TELEMETRY_DISABLED := 1
HOST ?= 127.0.0.1
PORT ?= 8501
DEMO_DIR := $(CURDIR)/.demo/logs
# LOGS_DIR=/path/to/outputs picks the runs to serve; without it the generated demo is served.
SERVE_DIR := $(or $(LOGS_DIR),$(SRTLOG_LOGS_DIR),$(DEMO_DIR))
SOURCES := $(shell git ls-files app components lib parsers public next.config.ts postcss.config.mjs tsconfig.json 2>/dev/null)
CLI_SOURCES := $(shell git ls-files cli lib parsers 2>/dev/null)

.PHONY: dashboard test install demo build cli unit e2e bench browser python-deps clean

dashboard: install demo build
	@echo "srtlog dashboard: http://$(HOST):$(PORT)  (logs: $(SERVE_DIR))"
	SRTLOG_LOGS_DIR="$(SERVE_DIR)" npx next start -H $(HOST) -p $(PORT)

test: install browser python-deps build
	bash scripts/ci/test-all.sh

install: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

demo: $(DEMO_DIR)/.generated
$(DEMO_DIR)/.generated: node_modules/.installed $(wildcard scripts/demo/*.ts scripts/shared/*.ts)
	npx tsx scripts/demo/generate-demo.ts "$(DEMO_DIR)"
	touch $@

build: .next/BUILD_ID cli
.next/BUILD_ID: node_modules/.installed $(SOURCES)
	npx next build

# The CLI bundle bin/srtlog.mjs runs. `npm ci` builds it too (prepare), hence order-only on the install
# stamp and --if-stale: a bundle npm ci just built is not built again.
cli: dist/srtlog.mjs
dist/srtlog.mjs: $(CLI_SOURCES) scripts/build-cli.mjs | node_modules/.installed
	node scripts/build-cli.mjs --if-stale

# Debian's Chromium for the e2e suite (Playwright cannot download browsers here).
browser:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# pandas + pyarrow prove the Parquet caches are readable from Python.
python-deps:
	@python3 -c "import pandas, pyarrow" 2>/dev/null || python3 -m pip install -q pandas pyarrow

unit: install cli
	npx vitest run

e2e: install browser build
	npx playwright test

bench: install
	npm run bench

clean:
	rm -rf .next .demo .bench tmp
