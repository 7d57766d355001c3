// `npm run bench`: loader speed on generated runs, printed beside a floor (`cat` of the same files).
// Figures, not assertions: the targets live in the issues.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";

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

function removeCaches(dir: string): void {
  for (const run of readdirSync(dir, { withFileTypes: true })) if (run.isDirectory()) rmSync(path.join(dir, run.name, ".cache"), { recursive: true, force: true });
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
  const dir = path.join(BENCH_DIR, "results");
  if (!existsSync(path.join(dir, ".complete"))) {
    console.log("generating 100 runs x 10 concurrencies of sa-bench results (once) ...");
    const { generateBenchResults } = await import("./generate-bench-results");
    await generateBenchResults(dir, { runs: 100, concurrencies: 10 });
    execFileSync("touch", [path.join(dir, ".complete")]);
  }
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

await benchResults();
