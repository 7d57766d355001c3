#!/usr/bin/env node
// The srtlog CLI: runs the TypeScript sources directly (through tsx), so `npm ci` is all it needs.
import { register } from "node:module";

register("./server-only-hook.mjs", import.meta.url);
// Worker threads find their script from here (lib/server/log-worker.mjs).
process.env.SRTLOG_ROOT ??= new URL("..", import.meta.url).pathname;
const { register: registerTypeScript } = await import("tsx/esm/api");
registerTypeScript();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
