// `npm run bench nodes-cli`: `srtlog nodes RUN --json --no-cache` as a user runs it (a fresh process,
// no .cache), on the uniform and the realistic-mix run, beside `LC_ALL=C grep -c 'Prefill batch'` of
// the same files. Wall time swings with the load other users put on the machine, so CPU time
// (user + sys of the whole process) and a one-thread run are printed too, with the load average.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { madeOnce } from "./bench-dirs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TIME = "/usr/bin/time";

interface ProcessFigures {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

function workerLogs(run: string): string[] {
  const dir = path.join(run, "logs");
  return readdirSync(dir).filter((f) => /_(prefill|decode|agg)_w\d+(_DP\d+)?\.(out|err)$/.test(f)).map((f) => path.join(dir, f));
}

/** Runs `argv` under /usr/bin/time (wall, user, sys, max RSS of the whole process tree's largest). */
function measure(argv: string[], env: Record<string, string> = {}): ProcessFigures {
  const child = spawnSync(TIME, ["-f", "@@ %e %U %S %M", ...argv], { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 256 << 20 });
  const stats = /@@ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(child.stderr);
  if (child.status !== 0 || !stats) throw new Error(`${argv.join(" ")} failed: ${child.stderr.slice(-2000)}`);
  return { wallMs: Number(stats[1]) * 1000, cpuMs: (Number(stats[2]) + Number(stats[3])) * 1000, maxRssMb: Number(stats[4]) / 1024 };
}

/** Cold: the run's .cache removed first, and a fresh `node bin/srtlog.mjs` process. */
function srtlogNodesCold(run: string, env: Record<string, string> = {}): ProcessFigures {
  rmSync(path.join(run, ".cache"), { recursive: true, force: true });
  return measure([process.execPath, path.join(ROOT, "bin/srtlog.mjs"), "nodes", run, "--json", "--no-cache"], env);
}

function ensureRun(name: string, mix: "uniform" | "realistic"): Promise<string> {
  return madeOnce(name, `16 workers x 200,000 log lines, ${mix} mix`, async (run) => {
    const { generateWorkerLogs } = await import("./generate-worker-logs");
    await generateWorkerLogs(run, { workers: 16, linesPerWorker: 200_000, mix });
  });
}

const mbps = (mb: number, ms: number) => `${(mb / (ms / 1000)).toFixed(0).padStart(5)} MB/s`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2).padStart(6)} s`;

function row(label: string, mb: number, f: ProcessFigures): string {
  return `  ${label.padEnd(34)} wall ${secs(f.wallMs)} ${mbps(mb, f.wallMs)}   cpu ${secs(f.cpuMs)} ${mbps(mb, f.cpuMs)}   peak RSS ${f.maxRssMb.toFixed(0).padStart(4)} MB`;
}

async function benchOne(name: string, mix: "uniform" | "realistic", repeats: number): Promise<void> {
  const run = await ensureRun(name, mix);
  const logs = workerLogs(run);
  const mb = logs.reduce((n, f) => n + statSync(f).size, 0) / 2 ** 20;
  const grep = measure(["sh", "-c", `LC_ALL=C grep -c 'Prefill batch' ${logs.map((f) => `'${f}'`).join(" ")} > /dev/null`]);
  console.log(`\nsrtlog nodes RUN --json --no-cache, ${mix} mix: ${logs.length} worker logs, ${mb.toFixed(0)} MiB (load average ${loadavg().map((l) => l.toFixed(1)).join(" ")})`);
  console.log(row("floor  LC_ALL=C grep -c 'Prefill batch'", mb, grep));
  for (let k = 0; k < repeats; k++) console.log(row(`cold   all cores (run ${k + 1})`, mb, srtlogNodesCold(run)));
  console.log(row("cold   one thread (SRTLOG_THREADS=0)", mb, srtlogNodesCold(run, { SRTLOG_THREADS: "0" })));
  console.log(`  target >= 300 MB/s wall, <= 600 MB peak RSS; cpu = user + sys of the whole process, its MB/s = MiB per CPU-second (start-up included)`);
}

/** Both mixes; `repeats` cold runs each (wall time is noisy on a shared machine). */
export async function benchNodesCli(repeats = 2): Promise<void> {
  if (!existsSync(TIME)) throw new Error(`${TIME} is needed for CPU time and peak RSS (apt-get install time)`);
  await benchOne("bigrun", "uniform", repeats);
  await benchOne("bigrun-mix", "realistic", repeats);
}
