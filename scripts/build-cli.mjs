// Bundles the CLI (cli/main.ts, what it imports, and its packages) into dist/srtlog.mjs, one ESM file
// that bin/srtlog.mjs runs without compiling TypeScript at every start. Run by `npm ci`/`npm install`
// (the `prepare` script), `make build`/`make test` and `npm run build:cli`.
// Packages are bundled too: left external, their imports would be hoisted to the top of the file and
// loaded even for `srtlog --help`; inside the bundle they load only when a command needs them.
// Beside the bundle, srtlog.inputs.json lists the project sources it was built from and when, so the
// launcher can tell a stale bundle and fall back to the sources.
import { randomUUID } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { staleBundle } from "../bin/bundle-state.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT_DIR = path.join(ROOT, "dist");

/** "server-only" throws outside Next.js; the CLI is server code, so it is an empty module here. */
const emptyServerOnly = {
  name: "server-only",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};

export async function buildCli() {
  // Taken before esbuild reads a source: a source saved during the build then counts as newer.
  const builtAtMs = Date.now();
  const result = await esbuild.build({
    entryPoints: ["cli/main.ts"],
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    plugins: [emptyServerOnly],
    // DuckDB ships a native binary (.node) that cannot be bundled; `srtlog query` imports it lazily, so
    // it still loads only when that command runs. Playwright (a devDependency, `srtlog report --format md`
    // only) stays a lazy import of the installed package rather than megabytes of bundle.
    external: ["@duckdb/node-api", "@playwright/test"],
    // Bundled CommonJS packages (yaml) call require() for node builtins, which ESM lacks.
    banner: { js: 'import { createRequire as __srtlogCreateRequire } from "node:module";\nconst require = __srtlogCreateRequire(import.meta.url);' },
    metafile: true,
    write: false,
    logLevel: "warning",
  });
  // Our own files only (packages change through `npm ci`, which runs this build again), and this
  // script: new build settings make a new bundle too.
  const bundled = Object.keys(result.metafile.inputs).filter((file) => !file.includes(":") && !file.startsWith("node_modules/"));
  const sources = [...bundled, "scripts/build-cli.mjs"];
  await mkdir(OUT_DIR, { recursive: true });
  const tmp = path.join(OUT_DIR, `.${randomUUID()}`);
  await writeFile(`${tmp}.mjs`, result.outputFiles[0].contents);
  await writeFile(`${tmp}.json`, JSON.stringify({ builtAtMs, sources }, null, 1));
  // The bundle first: a launcher that reads the new inputs list finds the new bundle beside it.
  await rename(`${tmp}.mjs`, path.join(OUT_DIR, "srtlog.mjs"));
  await rename(`${tmp}.json`, path.join(OUT_DIR, "srtlog.inputs.json"));
  return { sources: sources.length, bytes: result.outputFiles[0].contents.length };
}

// `--if-stale` (make): skip a bundle that is current, e.g. one `npm ci` built a moment ago in the same
// `make` run. `prepare` always builds, since packages may have changed where no source did.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--if-stale") && staleBundle(new URL("..", import.meta.url)) === null) {
    console.log("srtlog: dist/srtlog.mjs is current");
  } else {
    const { sources, bytes } = await buildCli();
    console.log(`srtlog: built dist/srtlog.mjs (${(bytes / 2 ** 20).toFixed(1)} MB from ${sources} sources)`);
  }
}
