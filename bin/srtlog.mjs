#!/usr/bin/env node
// The srtlog CLI launcher. It runs dist/srtlog.mjs, the esbuild bundle of cli/ built by `npm ci`
// (`prepare`), `make build`/`make test` or `npm run build:cli`: no TypeScript compile at start.
// When that bundle is missing, or a source it was built from changed after the build, it runs the
// sources through tsx instead, with a one-line note on stderr, so a dev checkout never runs stale code.
// SRTLOG_CLI_BUNDLE=0 always runs the sources (no note).
import { register } from "node:module";
import { fileURLToPath } from "node:url";
import { staleBundle } from "./bundle-state.mjs";

const ROOT = new URL("..", import.meta.url);
// Worker threads find their script from here (lib/server/log-worker.mjs).
process.env.SRTLOG_ROOT ??= fileURLToPath(ROOT);

async function fromSources() {
  register("./server-only-hook.mjs", import.meta.url);
  const { register: registerTypeScript } = await import("tsx/esm/api");
  registerTypeScript();
  return import("../cli/main.ts");
}

const stale = process.env.SRTLOG_CLI_BUNDLE === "0" ? "off" : staleBundle(ROOT);
if (stale && stale !== "off") {
  process.stderr.write(`srtlog: dist/srtlog.mjs is ${stale}; running the sources through tsx (slower start); \`npm run build:cli\` rebuilds it\n`);
}
const { main } = stale ? await fromSources() : await import("../dist/srtlog.mjs");
process.exitCode = await main(process.argv.slice(2));
