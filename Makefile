# Set-up is two commands on a fresh machine: `make dashboard` and `make test`.
SHELL := /bin/bash
export NEXT_TELEMETRY_DISABLED := 1
# Not HOST: csh/tcsh set HOST to the machine name in every shell, which would put the server on the network.
SRTLOG_HOST ?= 127.0.0.1
LOOPBACK_HOSTS := 127.0.0.1 localhost ::1 [::1]
PORT ?= 8501
DEMO_DIR := $(CURDIR)/.demo/logs
# LOGS_DIR=/path/to/outputs picks the runs to serve; without it the generated demo is served.
SERVE_DIR := $(or $(LOGS_DIR),$(SRTLOG_LOGS_DIR),$(DEMO_DIR))
SOURCES := $(shell git ls-files app components lib parsers public next.config.ts postcss.config.mjs tsconfig.json 2>/dev/null)
CLI_SOURCES := $(shell git ls-files cli lib parsers 2>/dev/null)

.PHONY: dashboard test install demo build cli unit e2e bench browser python-deps clean

dashboard: install demo build
	$(if $(filter-out $(LOOPBACK_HOSTS),$(SRTLOG_HOST)),$(warning WARNING: SRTLOG_HOST=$(SRTLOG_HOST) is not a loopback address: anyone who can reach this machine on port $(PORT) can read every run and edit tags. Use the default 127.0.0.1 and an SSH tunnel unless you mean it.))
	@echo "srtlog dashboard: http://$(SRTLOG_HOST):$(PORT)  (logs: $(SERVE_DIR))"
	SRTLOG_HOST="$(SRTLOG_HOST)" SRTLOG_LOGS_DIR="$(SERVE_DIR)" npx next start -H $(SRTLOG_HOST) -p $(PORT)

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

# pandas + pyarrow are an optional extra check that the Parquet caches read in Python (DuckDB from npm is the
# required one): installed when pip can reach them, skipped without failing when it cannot (make test never needs pip).
python-deps:
	@python3 -c "import pandas, pyarrow" 2>/dev/null || timeout 300 python3 -m pip install -q pandas pyarrow >/dev/null 2>&1 \
	  || echo "note: pandas/pyarrow not installable here; the Parquet interop tests check DuckDB only"

unit: install cli
	npx vitest run

e2e: install browser build
	npx playwright test

bench: install
	npm run bench

clean:
	rm -rf .next .demo .bench tmp
