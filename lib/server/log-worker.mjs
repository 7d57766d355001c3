// Worker thread for lib/server/log-pool.ts: parses one worker log per message, handing the results
// over when asked (`collect`), or writes a Parquet cache, off the main thread. Plain .mjs so it starts the same under vitest, the CLI and `next start`.
// It runs the TypeScript sources as esbuild bundles cached in node_modules/.cache/srtlog (built on
// first use, rebuilt when a source changes): loading them through tsx took ~0.5 s per thread, a
// bundle ~50 ms. If a bundle cannot be built or loaded, it falls back to tsx (SRTLOG_WORKER_BUNDLE=0
// forces that). "server-only" resolves to nothing either way.
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { register } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parentPort } from "node:worker_threads";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// SRTLOG_WORKER_CACHE moves the bundles elsewhere (tests use a temp dir).
const CACHE_DIR = path.join(process.env.SRTLOG_WORKER_CACHE || fileURLToPath(new URL("../../node_modules/.cache/srtlog", import.meta.url)), "/");
/** One bundle per job kind, so a parsing thread does not load the Parquet writer (~40 ms). */
const SOURCES = { parse: "lib/server/parse-log-file.ts", parquet: "lib/server/node-cache.ts" };

/** Size and mtime of a source file, to tell whether the bundle made from it is stale. */
async function stampOf(file) {
  const s = await stat(`${ROOT}${file}`);
  return `${s.size}:${s.mtimeMs}`;
}

async function isFresh(name) {
  try {
    const inputs = JSON.parse(await readFile(`${CACHE_DIR}${name}.inputs.json`, "utf8"));
    const stamps = await Promise.all(Object.keys(inputs).map(stampOf));
    return Object.values(inputs).every((stamp, i) => stamp === stamps[i]);
  } catch {
    return false;
  }
}

const emptyServerOnly = {
  name: "server-only",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};

/** Bundle our sources (not node_modules); written to a temp name and renamed, so threads may race. */
async function build(name) {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [SOURCES[name]],
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    plugins: [emptyServerOnly],
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  // Source files only, not the `empty:server-only` stub.
  const files = Object.keys(result.metafile.inputs).filter((file) => !file.includes(":"));
  const inputs = Object.fromEntries(await Promise.all(files.map(async (file) => [file, await stampOf(file)])));
  await mkdir(CACHE_DIR, { recursive: true });
  const tmp = `${CACHE_DIR}.${randomUUID()}`;
  await writeFile(`${tmp}.mjs`, result.outputFiles[0].contents);
  await writeFile(`${tmp}.json`, JSON.stringify(inputs));
  // The bundle first: a reader that sees the new inputs list then also sees the new bundle.
  await rename(`${tmp}.mjs`, `${CACHE_DIR}${name}.mjs`);
  await rename(`${tmp}.json`, `${CACHE_DIR}${name}.inputs.json`);
}

async function fromBundle(name) {
  if (!(await isFresh(name))) await build(name);
  return import(`${CACHE_DIR}${name}.mjs`);
}

let tsxRegistered = false;

async function fromTsx(name) {
  if (!tsxRegistered) {
    register("../../bin/server-only-hook.mjs", import.meta.url);
    const { register: registerTypeScript } = await import("tsx/esm/api");
    registerTypeScript();
    tsxRegistered = true;
  }
  return import(`../../${SOURCES[name]}`);
}

/** The module of `SOURCES[name]`, bundled when that works, else through tsx. */
async function load(name) {
  if (process.env.SRTLOG_WORKER_BUNDLE !== "0") {
    try {
      return await fromBundle(name);
    } catch {
      // No esbuild, a read-only node_modules, a bundle that will not load: the slower way still works.
    }
  }
  return fromTsx(name);
}

/** Modules by job kind, loaded on a thread's first job of that kind. */
const modules = {};
const use = async (name) => (modules[name] ??= await load(name));

/**
 * Parsed files wait here until the pool collects them all, and their columns then move without a
 * copy. Transferring after each file would detach ArrayBuffers while this thread still parses: from
 * the first detach on, V8 checks every typed-array access in the thread (~25% slower parsing).
 */
const kept = [];

function collect() {
  const buffers = kept.flatMap(({ table }) => [table.ts, table.line, table.dp, table.tp, table.ep, table.batchType, ...Object.values(table.metrics)].map((a) => a.buffer));
  parentPort.postMessage({ collected: kept }, buffers);
  kept.length = 0;
}

parentPort.on("message", async ({ id, path, yearHint, parquetJob, collect: collectNow }) => {
  try {
    if (collectNow) return collect();
    if (parquetJob) {
      const { writeNodeParquetJob } = await use("parquet");
      await writeNodeParquetJob(parquetJob);
      parentPort.postMessage({ id, ok: true });
      return;
    }
    kept.push(await (await use("parse")).parseLogFile(path, yearHint));
    parentPort.postMessage({ id, ok: true });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
