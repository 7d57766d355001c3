#!/usr/bin/env bash
# Runs every suite, prints each runner's own output, then one line "N passed, N failed" summed over them.
set -uo pipefail
cd "$(dirname "$0")/../.."
mkdir -p tmp
rm -f tmp/vitest.json tmp/playwright.json

npx vitest run --reporter=default --reporter=json --outputFile.json=tmp/vitest.json
unit=$?
PLAYWRIGHT_JSON_OUTPUT_NAME=tmp/playwright.json npx playwright test --reporter=list,json
e2e=$?

node -e '
const fs = require("fs");
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return null; } };
const v = read("tmp/vitest.json"), p = read("tmp/playwright.json");
let passed = 0, failed = 0;
if (v) { passed += v.numPassedTests; failed += v.numFailedTests; } else failed += 1;
if (p) { passed += p.stats.expected + p.stats.flaky; failed += p.stats.unexpected; } else failed += 1;
if (p && p.stats.flaky > 0) console.log(`e2e tests that passed only on their retry (flaky): ${p.stats.flaky}`);
console.log(`${passed} passed, ${failed} failed`);
'
[ "$unit" -eq 0 ] && [ "$e2e" -eq 0 ]
