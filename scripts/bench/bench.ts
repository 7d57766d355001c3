// `npm run bench [runs|nodes|nodes-cli [REPEATS]|index [RUNS]|...]`: loader speed on generated runs, printed beside a
// floor (`cat`, `grep -c` of the same files). nodes-cli: whole `srtlog nodes` processes (bench-nodes-cli.ts).
// Figures, not assertions: the targets live in the issues.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { madeOnce, removeCaches, resultsTree } from "./bench-dirs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BENCH_DIR = path.join(ROOT, ".bench");

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full, keep));
    else if (keep(full)) out.push(full);
  }
  return out;
}

function timeMs(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}


interface LoadTimes { firstMs: number; reloadMs: number; runs: number; skipped: number; points: number; rssMb: number }

/** Load in a fresh process, as a user's first dashboard request or CLI call would. */
function loadInFreshProcess(logsDir: string): LoadTimes & { processMs: number } {
  const start = performance.now();
  const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/bench/load-runs-once.ts"), logsDir], { encoding: "utf8", cwd: ROOT });
  const processMs = performance.now() - start;
  if (child.status !== 0) throw new Error(child.stderr);
  return { ...(JSON.parse(child.stdout.trim().split("\n").at(-1)!) as LoadTimes), processMs };
}

const mbps = (bytes: number, ms: number) => `${(bytes / 2 ** 20 / (ms / 1000)).toFixed(0)} MB/s`;
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

async function benchResults(): Promise<void> {
  const dir = await resultsTree();
  const results = filesUnder(dir, (f) => /\.jsonl?$/.test(f) && f.includes("_isl_"));
  const bytes = results.reduce((n, f) => n + statSync(f).size, 0);
  const catMs = timeMs(() => execFileSync("sh", ["-c", `cat ${results.map((f) => `'${f}'`).join(" ")} > /dev/null`], { maxBuffer: 1 << 20 }));
  removeCaches(dir);
  const cold = loadInFreshProcess(dir);
  const warm = loadInFreshProcess(dir);
  console.log(`\nRun loading: ${cold.runs} runs, ${cold.points} points, ${results.length} result files, ${(bytes / 2 ** 20).toFixed(0)} MB of result JSON`);
  console.log(`  floor  cat of the result files          ${fmt(catMs).padStart(8)}  ${mbps(bytes, catMs)}`);
  console.log(`  cold   parse + write Parquet caches     ${fmt(cold.firstMs).padStart(8)}  ${mbps(bytes, cold.firstMs)}  (target >= 250 MB/s; peak RSS ${cold.rssMb.toFixed(0)} MB)`);
  console.log(`  warm   fresh process, Parquet caches    ${fmt(warm.firstMs).padStart(8)}  (target <= 300 ms; whole process incl. Node+tsx start ${fmt(warm.processMs)})`);
  console.log(`  reload same process, nothing changed    ${fmt(warm.reloadMs).padStart(8)}  (target <= 50 ms)`);
  console.log(`  Python original on this machine: 8.9 s cold (44 MB/s), 1.08 s warm`);
}

interface NodeTimes { ms: number; withCacheMs: number; nodes: number; batches: number; maxRssMb: number }

function parseNodesInFreshProcess(runPath: string, mode: string, env: Record<string, string> = {}): NodeTimes {
  const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/bench/parse-nodes-once.ts"), runPath, mode], { encoding: "utf8", cwd: ROOT, env: { ...process.env, SRTLOG_ROOT: ROOT, ...env } });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as NodeTimes;
}

function bigRun(): Promise<string> {
  return madeOnce("bigrun", "16 workers x 200,000 log lines", async (run) => {
    const { generateWorkerLogs } = await import("./generate-worker-logs");
    await generateWorkerLogs(run, { workers: 16, linesPerWorker: 200_000 });
  });
}

/** A running job: 1 MB appended to one log of the big run, parsed incrementally, beside a full parse. */
async function benchAppend(): Promise<void> {
  const run = await bigRun();
  const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/bench/append-parse-once.ts"), run], { encoding: "utf8", cwd: ROOT, env: { ...process.env, SRTLOG_ROOT: ROOT } });
  if (child.status !== 0) throw new Error(child.stderr);
  const r = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Record<string, number> & { file: string };
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MB`;
  console.log(`\nFollowing a running job: ${mb(r.appended)} appended to ${r.file}`);
  console.log(`  full   parse of every log (all cores)          ${fmt(r.fullMs).padStart(8)}  ${mb(r.fullBytes)} parsed`);
  console.log(`  append follower's update (state in memory)     ${fmt(r.appendMs).padStart(8)}  ${mb(r.appendBytes)} parsed`);
  console.log(`  append fresh process: cache + tails, then parse ${fmt(r.freshMs).padStart(8)}  ${mb(r.freshBytes)} parsed (cache rewritten: ${fmt(r.withCacheMs)})`);
}

async function benchWorkerLogs(): Promise<void> {
  const run = await bigRun();
  const logs = filesUnder(path.join(run, "logs"), (f) => /_(prefill|decode|agg)_w\d+\.(out|err)$/.test(f));
  const bytes = logs.reduce((n, f) => n + statSync(f).size, 0);
  const grepMs = timeMs(() => spawnSync("sh", ["-c", `LC_ALL=C grep -c 'Prefill batch' ${logs.map((f) => `'${f}'`).join(" ")} > /dev/null`]));
  rmSync(path.join(run, ".cache"), { recursive: true, force: true });
  const oneThread = parseNodesInFreshProcess(run, "no-cache", { SRTLOG_THREADS: "0" });
  const cold = parseNodesInFreshProcess(run, "cache");
  const warmSummary = parseNodesInFreshProcess(run, "summary");
  const warmFull = parseNodesInFreshProcess(run, "cache");
  console.log(`\nWorker logs: ${cold.nodes} workers, ${cold.batches} batch lines, ${(bytes / 2 ** 20).toFixed(0)} MB`);
  console.log(`  floor  LC_ALL=C grep -c 'Prefill batch'        ${fmt(grepMs).padStart(8)}  ${mbps(bytes, grepMs)}`);
  console.log(`  cold   parse on all cores, results ready      ${fmt(cold.ms).padStart(8)}  ${mbps(bytes, cold.ms)}  (target >= 300 MB/s; peak RSS ${cold.maxRssMb.toFixed(0)} MB, target <= 1 GB)`);
  console.log(`  cold   the same on this thread only (per thread) ${fmt(oneThread.ms).padStart(8)}  ${mbps(bytes, oneThread.ms)}`);
  console.log(`  cold   ... plus node_metrics.parquet written  ${fmt(cold.withCacheMs).padStart(8)}  (written on a worker thread after the results are returned)`);
  console.log(`  warm   fresh process, node summaries (footer) ${fmt(warmSummary.ms).padStart(8)}  (target <= 1 s)`);
  console.log(`  warm   fresh process, every batch row         ${fmt(warmFull.ms).padStart(8)}  (peak RSS ${warmFull.maxRssMb.toFixed(0)} MB)`);
  console.log(`  Python original on this machine: 84 s cold (8.8 MB/s), 6.1 GB peak RSS, 45 s warm`);
}

interface RequestTimes { ms: number; requests: number; rssMb: number }

function requestsInFreshProcess(logsDir: string, runDir: string): RequestTimes {
  const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts/bench/requests-once.ts"), logsDir, runDir], { encoding: "utf8", cwd: ROOT });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as RequestTimes;
}

/** The Requests view of a point whose result file is ~100 MB: cold (stream + Parquet cache) and warm. */
async function benchRequests(): Promise<void> {
  const logs = path.join(BENCH_DIR, "requests");
  const run = path.join(logs, "9100");
  if (!existsSync(path.join(logs, ".complete"))) {
    console.log("\ngenerating one 100 MB sa-bench result with per-request arrays (once) ...");
    const { generateRequestResult } = await import("./generate-request-result");
    await generateRequestResult(run);
    execFileSync("touch", [path.join(logs, ".complete")]);
  }
  const file = filesUnder(run, (f) => f.endsWith(".json") && f.includes("_isl_"))[0];
  const bytes = statSync(file).size;
  const catMs = timeMs(() => execFileSync("sh", ["-c", `cat '${file}' > /dev/null`]));
  rmSync(path.join(run, ".cache"), { recursive: true, force: true });
  const cold = requestsInFreshProcess(logs, "9100");
  const warm = requestsInFreshProcess(logs, "9100");
  console.log(`\nRequests view: one point, ${cold.requests} requests, result file ${(bytes / 2 ** 20).toFixed(0)} MB`);
  console.log(`  floor  cat of the result file              ${fmt(catMs).padStart(8)}  ${mbps(bytes, catMs)}`);
  console.log(`  cold   stream arrays + write Parquet cache ${fmt(cold.ms).padStart(8)}  ${mbps(bytes, cold.ms)}  (target <= 2 s; peak RSS ${cold.rssMb.toFixed(0)} MB, target < 500 MB)`);
  console.log(`  warm   fresh process, Parquet cache        ${fmt(warm.ms).padStart(8)}  (target <= 300 ms; peak RSS ${warm.rssMb.toFixed(0)} MB)`);
}

const only = process.argv[2];
if (!only || only === "runs") await benchResults();
if (!only || only === "nodes") await benchWorkerLogs();
if (!only || only === "cli") await (await import("./bench-cli")).benchCli();
if (!only || only === "append") await benchAppend();
if (!only || only === "requests") await benchRequests();
if (!only || only === "nodes-cli") await (await import("./bench-nodes-cli")).benchNodesCli(Number(process.argv[3] ?? 2));
if (!only || only === "index") await (await import("./bench-index")).benchIndex(Number(only === "index" ? (process.argv[3] ?? 1000) : 1000));
if (!only || only === "dataset") await (await import("./bench-dataset")).benchDataset(Number(only === "dataset" ? (process.argv[3] ?? 1000) : 1000));
