import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// `srtlog ingest` and `srtlog query` end to end, as child processes, on copies of the loader fixtures
// split into two "clusters". Expected counts come from the fixtures' hand-written expected.json files.
const BIN = path.resolve("bin/srtlog.mjs");
const FIXTURES = path.resolve("tests/fixtures/loader");
const CLUSTER_A = ["current-v2-logs-layout", "result-variants"];
const CLUSTER_B = ["legacy-v1-disagg"];

interface ExpectedRun {
  runDir: string;
  points: unknown[];
}
const expectedRuns = (fixtures: string[]): ExpectedRun[] =>
  fixtures.flatMap((name) => JSON.parse(readFileSync(path.join(FIXTURES, name, "expected.json"), "utf8")).runs as ExpectedRun[]);
const pointCount = (fixtures: string[]) => expectedRuns(fixtures).reduce((sum, run) => sum + run.points.length, 0);

let root: string;
let dataset: string;
const logsOf = (cluster: string, fixtures: string[]) => fixtures.map((name) => path.join(root, cluster, name));

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "srtlog-dataset-"));
  dataset = path.join(root, "dataset");
  for (const name of CLUSTER_A) cpSync(path.join(FIXTURES, name, "logs"), path.join(root, "a", name), { recursive: true });
  for (const name of CLUSTER_B) cpSync(path.join(FIXTURES, name, "logs"), path.join(root, "b", name), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const ENV = { ...process.env, SRTLOG_LOGS_DIR: "", SRTLOG_DATASET: "" };
function srtlog(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: ENV });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
function srtlogAsync(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: ENV });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
const ingestA = () => srtlog("ingest", ...logsOf("a", CLUSTER_A), "--to", dataset, "--cluster", "a");
const ingestB = () => srtlog("ingest", ...logsOf("b", CLUSTER_B), "--to", dataset, "--cluster", "b");
function query(sql: string): Record<string, unknown>[] {
  const result = srtlog("query", sql, "--dataset", dataset, "--format", "json");
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}
const countsByCluster = (table: string) =>
  Object.fromEntries(query(`SELECT cluster, count(*)::INTEGER AS n FROM ${table} GROUP BY cluster`).map((row) => [row.cluster, row.n]));

/** path -> size and mtime of every file in the dataset. */
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dataset, full)] = `${statSync(full).size}:${statSync(full).mtimeMs}`;
    }
  };
  walk(dataset);
  return out;
}
const partFile = (table: string, cluster: string, month: string) => {
  const dir = path.join(dataset, table, `cluster=${cluster}`, `month=${month}`);
  return path.join(dir, readdirSync(dir).find((name) => name.endsWith(".parquet"))!);
};

describe("srtlog ingest + query", () => {
  it("writes runs and points per cluster that DuckDB reads with the right counts and types", () => {
    const a = ingestA();
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^4 added, 0 updated, 0 unchanged, 0 skipped/);
    expect(a.stderr).toContain("ingest: wrote points/cluster=a/month=2026-01");
    expect(ingestB().code).toBe(0);
    expect(countsByCluster("runs")).toEqual({ a: expectedRuns(CLUSTER_A).length, b: expectedRuns(CLUSTER_B).length });
    expect(countsByCluster("points")).toEqual({ a: pointCount(CLUSTER_A), b: pointCount(CLUSTER_B) });
    // Every points row joins a runs row.
    expect(query("SELECT count(*)::INTEGER AS n FROM points p ANTI JOIN runs r USING (run_key)")).toEqual([{ n: 0 }]);
    const types = (table: string) => Object.fromEntries(query(`DESCRIBE ${table}`).map((row) => [row.column_name, row.column_type]));
    expect(types("points")).toMatchObject({ run_key: "VARCHAR", concurrency: "INTEGER", output_tps_per_gpu: "DOUBLE", request_rate: "DOUBLE", cluster: "VARCHAR", month: "VARCHAR" });
    expect(types("runs")).toMatchObject({ job_id: "VARCHAR", total_gpus: "INTEGER", is_complete: "BOOLEAN", tags: "VARCHAR" });
    // 4401470: 16 GPUs, outputs 3200 and 8000 tok/s (its result files) -> 200 and 500 per GPU.
    expect(query("SELECT concurrency, output_tps_per_gpu FROM points WHERE run_key = 'a/4401470' ORDER BY concurrency")).toEqual([
      { concurrency: 32, output_tps_per_gpu: 200 },
      { concurrency: 128, output_tps_per_gpu: 500 },
    ]);
    expect(query("SELECT tags FROM runs WHERE job_id = '3667'")).toEqual([{ tags: "baseline, h100" }]);
  });

  it("re-ingesting an unchanged tree writes nothing", () => {
    expect(ingestA().code).toBe(0);
    const before = snapshot();
    const again = ingestA();
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^0 added, 0 updated, 4 unchanged, 0 skipped/);
    expect(snapshot()).toEqual(before);
  });

  it("a changed run (edited tags, a new result file) replaces only its rows", () => {
    expect(ingestA().code).toBe(0);
    const others = "SELECT * FROM points WHERE run_key <> 'a/4401470' ORDER BY run_key, concurrency";
    const pointsBefore = query(others);
    const runsBefore = query("SELECT * FROM runs WHERE run_key <> 'a/4401470' ORDER BY run_key");
    const february = partFile("points", "a", "2026-02");
    const februaryStamp = statSync(february).mtimeMs;

    const runDir = path.join(root, "a", "current-v2-logs-layout", "4401470");
    const metaFile = path.join(runDir, "4401470.json");
    writeFileSync(metaFile, JSON.stringify({ ...JSON.parse(readFileSync(metaFile, "utf8")), tags: ["edited"] }));
    const resultDir = path.join(runDir, "logs", "sa-bench_isl_1024_osl_1024");
    const result = JSON.parse(readFileSync(path.join(resultDir, "results_concurrency_32_gpus_16.json"), "utf8"));
    writeFileSync(path.join(resultDir, "results_concurrency_64_gpus_16.json"), JSON.stringify({ ...result, max_concurrency: 64 }));

    const again = ingestA();
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^0 added, 1 updated, 3 unchanged, 0 skipped/);
    expect(query("SELECT tags FROM runs WHERE run_key = 'a/4401470'")).toEqual([{ tags: "edited" }]);
    expect(query("SELECT concurrency FROM points WHERE run_key = 'a/4401470' ORDER BY 1")).toEqual([{ concurrency: 32 }, { concurrency: 64 }, { concurrency: 128 }]);
    // The other runs' rows are the very rows written before (same ingest time), and the other month's file is untouched.
    expect(query(others)).toEqual(pointsBefore);
    expect(query("SELECT * FROM runs WHERE run_key <> 'a/4401470' ORDER BY run_key")).toEqual(runsBefore);
    expect(statSync(february).mtimeMs).toBe(februaryStamp);
  });

  it("a run whose date moved leaves its old month; a run that no longer loads keeps its rows", () => {
    expect(ingestA().code).toBe(0);
    const runDir = path.join(root, "a", "current-v2-logs-layout", "4401470");
    const metaFile = path.join(runDir, "4401470.json");
    writeFileSync(metaFile, JSON.stringify({ ...JSON.parse(readFileSync(metaFile, "utf8")), generated_at: "2026-03-02 08:00:00" }));
    // 4401463 loses its results: it is skipped from now on, and its rows stay as they were.
    rmSync(path.join(root, "a", "current-v2-logs-layout", "4401463", "logs", "sa-bench_isl_8192_osl_1024"), { recursive: true });
    const again = ingestA();
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^0 added, 1 updated, 2 unchanged, 1 skipped/);
    expect(again.stdout).toMatch(/skipped \S*4401463: no benchmark results/);
    expect(query("SELECT run_key, month FROM runs ORDER BY run_key")).toEqual([
      { run_key: "a/4401455", month: "2026-01" },
      { run_key: "a/4401463", month: "2026-01" },
      { run_key: "a/4401470", month: "2026-03" },
      { run_key: "a/4410001", month: "2026-02" },
    ]);
    expect(query("SELECT month, count(*)::INTEGER AS n FROM points WHERE run_key = 'a/4401470' GROUP BY month")).toEqual([{ month: "2026-03", n: 2 }]);
    expect(countsByCluster("points")).toEqual({ a: pointCount(CLUSTER_A) });
  });

  it("refuses a dataset of a newer schema version, naming both versions", () => {
    expect(ingestB().code).toBe(0);
    const manifest = path.join(dataset, "runs", "cluster=b", "month=2025-11", "_manifest.json");
    writeFileSync(manifest, JSON.stringify({ ...JSON.parse(readFileSync(manifest, "utf8")), schemaVersion: 7 }));
    const refusedQuery = srtlog("query", "SELECT 1", "--dataset", dataset);
    expect(refusedQuery.code).toBe(2);
    expect(refusedQuery.stderr).toMatch(/schema version 7; this srtlog reads and writes version 2/);
    const info = path.join(dataset, "dataset.json");
    writeFileSync(info, JSON.stringify({ ...JSON.parse(readFileSync(info, "utf8")), schemaVersion: 9 }));
    const refusedIngest = ingestB();
    expect(refusedIngest.code).toBe(2);
    expect(refusedIngest.stderr).toMatch(/schema version 9; this srtlog reads and writes version 2/);
  });

  it("skips a truncated partition file with a warning; the next ingest rewrites it", () => {
    expect(ingestA().code).toBe(0);
    const file = partFile("points", "a", "2026-02");
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const partial = srtlog("query", "SELECT count(*)::INTEGER AS n FROM points", "--dataset", dataset, "--format", "json");
    expect(partial.code).toBe(0);
    expect(partial.stderr).toMatch(/warning: skipped .*month=2026-02.*truncated/);
    // result-variants' 9 points lived in that file; the three January runs keep theirs.
    expect(JSON.parse(partial.stdout)).toEqual([{ n: pointCount(["current-v2-logs-layout"]) }]);
    const repair = ingestA();
    expect(repair.code).toBe(0);
    expect(repair.stderr).toMatch(/warning: skipped .*month=2026-02/);
    expect(repair.stdout).toMatch(/1 updated, 3 unchanged/);
    expect(countsByCluster("points")).toEqual({ a: pointCount(CLUSTER_A) });
  });

  it("two ingests at once into the same partition both land, with no torn or stray files", async () => {
    // Two logs dirs whose runs share one partition (cluster a, January 2026): without the lock, each
    // writer would start from the empty partition and the last rename would drop the other's runs.
    const source = path.join(root, "a", "current-v2-logs-layout");
    const [x, y] = [path.join(root, "x"), path.join(root, "y")];
    for (const run of ["4401455", "4401463"]) cpSync(path.join(source, run), path.join(x, run), { recursive: true });
    cpSync(path.join(source, "4401470"), path.join(y, "4401470"), { recursive: true });
    for (let round = 0; round < 2; round++) {
      rmSync(dataset, { recursive: true, force: true });
      const results = await Promise.all([x, y].map((dir) => srtlogAsync("ingest", dir, "--to", dataset, "--cluster", "a")));
      expect(results.map((result) => result.code)).toEqual([0, 0]);
      expect(countsByCluster("runs")).toEqual({ a: 3 });
      expect(countsByCluster("points")).toEqual({ a: pointCount(["current-v2-logs-layout"]) });
      expect(Object.keys(snapshot()).filter((name) => name.endsWith(".tmp") || name.endsWith(".lock"))).toEqual([]);
    }
  }, 60_000);

  it("breaks a lock left by an ingest that died", () => {
    expect(ingestB().code).toBe(0);
    // The pid of a process that has exited: its lock file is all that is left of it.
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    writeFileSync(path.join(dataset, ".ingest.lock"), `${dead.stdout.trim()}\n2026-01-01T00:00:00Z\n`);
    const result = ingestA();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^4 added/);
    expect(readdirSync(dataset)).not.toContain(".ingest.lock");
  });

  it("SQL errors are DuckDB's message and exit 2; --logs queries a logs dir through the same tables", () => {
    expect(ingestB().code).toBe(0);
    const bad = srtlog("query", "SELEC 1", "--dataset", dataset);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^srtlog query: Parser Error: syntax error at or near "SELEC"/);
    const direct = srtlog("query", "SELECT count(*)::INTEGER AS n FROM points", "--logs", logsOf("b", CLUSTER_B)[0], "--format", "csv");
    expect(direct.code).toBe(0);
    expect(direct.stdout).toBe(`n\r\n${pointCount(CLUSTER_B)}\r\n`);
  });
});

describe("srtlog query from the bundle", () => {
  it("loads DuckDB's native binary only when a query runs, and queries from dist/srtlog.mjs", () => {
    // A static import of the (external) binding would be hoisted to the top of the bundle and load it for every command.
    const probe = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", "await import('./dist/srtlog.mjs'); const fs = await import('node:fs'); console.log(fs.readFileSync('/proc/self/maps', 'utf8').includes('duckdb'))"],
      { encoding: "utf8" },
    );
    expect(probe.stderr).toBe("");
    expect(probe.stdout.trim()).toBe("false");
    expect(ingestB().code).toBe(0);
    const bundled = srtlog("query", "SELECT count(*)::INTEGER AS n FROM runs", "--dataset", dataset, "--format", "csv");
    // No stale-bundle note: the bundle ran, not the sources.
    expect(bundled.stderr).toBe("");
    expect(bundled.stdout).toBe(`n\r\n${expectedRuns(CLUSTER_B).length}\r\n`);
  });
});
