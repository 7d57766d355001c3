// `npm run bench dataset [RUNS]` (also part of `npm run bench`, with 1,000 runs): srtlog ingest and
// srtlog query as a user meets them, whole processes through bin/srtlog.mjs, beside `node -e 0` as the
// floor. Issue 18's targets are for 5,000 runs: `npm run bench dataset 5000`.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { madeOnce } from "./bench-dirs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin/srtlog.mjs");

function timed(args: string[]): number {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 28, env: { ...process.env, SRTLOG_LOGS_DIR: "" } });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`${args.join(" ")}: exit ${child.status}\n${child.stderr}`);
  if (child.stderr.includes("srtlog: dist/srtlog.mjs is")) throw new Error(`stale CLI bundle: run npm run build:cli\n${child.stderr}`);
  return ms;
}

const median = (n: number, args: string[]) => Array.from({ length: n }, () => timed(args)).sort((a, b) => a - b)[Math.floor(n / 2)];

/** Small logs: 10 concurrencies, 2 prompts per file, made once per run count. */
function smallLogs(runs: number): Promise<string> {
  return madeOnce(`dataset-logs-${runs}`, `${runs} small runs x 10 concurrencies`, async (dir) => {
    const { generateBenchResults } = await import("./generate-bench-results");
    await generateBenchResults(dir, { runs, concurrencies: 10, promptsPerConcurrency: 2 });
  });
}

const row = (label: string, ms: number, note = "") => console.log(`  ${label.padEnd(46)} ${`${ms.toFixed(0)} ms`.padStart(9)}${note ? `  ${note}` : ""}`);

export async function benchDataset(runs: number): Promise<void> {
  const logs = await smallLogs(runs);
  const dataset = path.join(ROOT, ".bench", `dataset-${runs}`);
  rmSync(dataset, { recursive: true, force: true });
  const ingestArgs = [BIN, "ingest", logs, "--to", dataset, "--cluster", "bench"];
  const full = timed(ingestArgs);
  const again = median(3, ingestArgs);
  const sql = "SELECT gpu_type, topology, count(*) AS points, max(output_tps_per_gpu) AS best FROM points GROUP BY ALL ORDER BY best DESC";
  const floor = median(5, ["-e", "0"]);
  const query = median(5, [BIN, "query", sql, "--dataset", dataset, "--format", "csv"]);
  // The engine's own floor: loading DuckDB's native library dominates a small query.
  const selectOne = "await (await (await DuckDBInstance.create(':memory:')).connect()).run('SELECT 1')";
  const engine = median(5, ["--input-type=module", "-e", `const { DuckDBInstance } = await import('@duckdb/node-api'); ${selectOne}`]);
  // What srtlog does (duckdb.ts): require() skips Node's scan of the CommonJS package for export names.
  const required = median(5, ["--input-type=module", "-e", `import { createRequire } from 'node:module'; const { DuckDBInstance } = createRequire(process.cwd() + '/')('@duckdb/node-api'); ${selectOne}`]);
  const trivial = median(5, [BIN, "query", "SELECT 1", "--dataset", dataset, "--format", "csv"]);
  console.log(`\nDataset: ${runs} generated runs (10 points each), whole processes; medians (ingest once, re-ingest of 3, queries of 5)`);
  row("floor  node -e 0", floor);
  row("srtlog ingest, full (empty dataset)", full);
  row("srtlog ingest, unchanged tree again", again, `(${((100 * again) / full).toFixed(0)} % of full; target <= 10 %)`);
  row("floor  node + import() DuckDB + SELECT 1", engine);
  row("floor  node + require() DuckDB + SELECT 1", required);
  row("srtlog query SELECT 1 (DuckDB start + views)", trivial);
  row("srtlog query grouped aggregate over points", query, "(target <= 500 ms at 5,000 runs)");
}
