// `npm run bench cli` (also part of `npm run bench`): the srtlog CLI as a user meets it, whole processes through bin/srtlog.mjs,
// beside bare `node -e 0` as the floor. Median of 5 each; the tsx path (SRTLOG_CLI_BUNDLE=0) for scale.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { removeCaches, resultsTree } from "./bench-dirs";

const ROOT = path.resolve(import.meta.dirname, "../..");
// SRTLOG_BENCH_BIN times another checkout's launcher (a before/after comparison) on the same files.
export const BIN = process.env.SRTLOG_BENCH_BIN || path.join(ROOT, "bin/srtlog.mjs");
const TIME = "/usr/bin/time";

/** Wall time; with /usr/bin/time also peak RSS and CPU (user + sys), steadier than wall on a busy machine. */
interface Sample { ms: number; rssMb: number | null; cpuMs: number | null }

/** One whole process; peak RSS and CPU from /usr/bin/time when the machine has it. */
export function spawnOnce(args: string[], env: Record<string, string>): Sample {
  const withTime = existsSync(TIME);
  const [cmd, argv] = withTime ? [TIME, ["-f", "%M %U %S", process.execPath, ...args]] : [process.execPath, args];
  const start = performance.now();
  const child = spawnSync(cmd, argv, { encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 28, env: { ...process.env, SRTLOG_LOGS_DIR: "", ...env } });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`${args.join(" ")}: exit ${child.status}\n${child.stderr}`);
  const lines = child.stderr.trim().split("\n");
  // The CLI must not fall back to its sources here unless asked: that would time the wrong path.
  if (lines.some((line) => line.startsWith("srtlog: dist/srtlog.mjs is"))) throw new Error(`stale CLI bundle: run npm run build:cli\n${child.stderr}`);
  if (!withTime) return { ms, rssMb: null, cpuMs: null };
  const [rssKb, user, sys] = lines.at(-1)!.split(" ").map(Number);
  return { ms, rssMb: rssKb / 1024, cpuMs: (user + sys) * 1000 };
}

/** Median time (and the peak RSS of the median run) over `n` runs, `before` each one. */
export function median(n: number, args: string[], env: Record<string, string> = {}, before = () => {}): Sample {
  const samples: Sample[] = [];
  for (let i = 0; i < n; i++) {
    before();
    samples.push(spawnOnce(args, env));
  }
  return samples.sort((a, b) => a.ms - b.ms)[Math.floor(n / 2)];
}


export const row = (label: string, s: Sample, note = "") =>
  console.log(`  ${label.padEnd(42)} ${`${s.ms.toFixed(0)} ms`.padStart(8)}${s.cpuMs === null ? "" : `  cpu ${`${s.cpuMs.toFixed(0)} ms`.padStart(7)}  ${`${s.rssMb!.toFixed(0)} MB`.padStart(6)} RSS`}${note ? `  ${note}` : ""}`);

export async function benchCli(): Promise<void> {
  const logs = await resultsTree();
  const tsx = { SRTLOG_CLI_BUNDLE: "0" };
  const floor = median(5, ["-e", "0"]);
  const help = median(5, [BIN, "--help"]);
  const helpTsx = median(5, [BIN, "--help"], tsx);
  const runsArgs = [BIN, "runs", "--logs", logs, "--json"];
  const cold = median(5, runsArgs, {}, () => removeCaches(logs));
  spawnOnce(runsArgs, {}); // caches written, so the next runs are warm
  const warm = median(5, runsArgs);
  const warmTsx = median(5, runsArgs, tsx);
  const runs = readdirSync(logs, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith(".")).length;
  console.log(`\nCLI, whole processes (spawn, median of 5), ${runs} run dirs in ${path.relative(ROOT, logs)}`);
  row("floor  node -e 0", floor);
  row("srtlog --help", help, "(target <= 200 ms)");
  row("srtlog --help, sources through tsx", helpTsx, "(SRTLOG_CLI_BUNDLE=0)");
  row("srtlog runs --logs DIR --json, cold", cold, "(no .cache)");
  row("srtlog runs --logs DIR --json, warm", warm);
  row("srtlog runs --logs DIR --json, warm, tsx", warmTsx, "(SRTLOG_CLI_BUNDLE=0)");
}
