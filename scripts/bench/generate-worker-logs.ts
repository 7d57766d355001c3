// One disaggregated run whose worker logs are huge (default 16 workers x 200,000 lines, ~740 MB),
// for worker-log parser benchmarks. Usage: npx tsx scripts/bench/generate-worker-logs.ts RUN_DIR [--workers 16] [--lines 200000] [--realistic 1]
// Uniform (default): each worker writes one `[TS ranks]` tag style throughout. Realistic: every line
// draws its prefix from the real proportions (scripts/shared/log-prefix-mix.ts), and one worker in
// eight per role writes ms stamps, another the 2026 `Prefill batch [N],` form.
import { basename, join, resolve } from "node:path";
import { isMain, parseNumericFlags } from "../shared/cli";
import { ChunkWriter, formatMB, resetDir, writeText } from "../shared/fs-out";
import { TextSource } from "../shared/generated-text";
import { metadataJson, recipeYaml } from "../shared/metadata";
import { createRng, type Rng } from "../shared/prng";
import { resultDirName, resultFileName, schedulerRanks, tagStyleFor, type RunSpec } from "../shared/run-spec";
import { writeSaBenchResult } from "../shared/sa-bench-result";
import { simulateStep, userTps } from "../shared/sa-bench-sim";
import { nodeConfigJson } from "../shared/server-config";
import { formatDecode, formatPrefill, healthCheckLine, rankTag, type BatchDialect, type Rank } from "../shared/sglang-log";
import { memoryPlan, startupLines } from "../shared/sglang-startup";
import { formatCompactTime, formatLogTime } from "../shared/time-format";
import { bigRunSpec, bigWorkers, type BigWorker } from "./big-run-spec";
import { pickPrefixForm, withBatchIndex, withPrefix } from "../shared/log-prefix-mix";

export interface WorkerLogsOptions {
  workers?: number;
  linesPerWorker?: number;
  /** "realistic": the real prefix mix and the 2026 forms (see the header). */
  mix?: "uniform" | "realistic";
}

/** How one worker's lines are written in the realistic mix; null for the uniform one. */
interface LineStyle {
  ms: boolean;
  batchIndex: boolean;
}

// The benchmark sweeps load up and down, so batch sizes and throughputs move like a real run.
const LOAD_LEVELS = [64, 128, 256, 512, 1024, 2048, 4096, 2048, 1024, 512];
const LOG_SPAN_SEC = 8 * 3600;
const loadAt = (t: number) => LOAD_LEVELS[Math.floor(t / 1200) % LOAD_LEVELS.length];

function batchText(s: RunSpec, b: BigWorker, schedulers: number, kvTokens: number, c: number, rng: Rng): string {
  const running = Math.max(1, Math.round((c / schedulers) * rng.lognormal(0.25)));
  const d: BatchDialect = b.dialect;
  if (b.worker.role === "decode") {
    const tokens = Math.round(running * (0.9 * s.isl + 0.45 * s.osl) * rng.lognormal(0.1));
    const prealloc = rng.chance(0.3) ? rng.int(1, 4) : 0;
    return formatDecode(d, {
      runningReq: running, tokens, usage: Math.min(0.99, tokens / kvTokens), preallocUsage: (prealloc * s.isl) / kvTokens,
      preallocReq: prealloc, transferReq: prealloc ? rng.int(0, prealloc) : 0, cudaGraph: running <= 256,
      genThroughput: running * userTps(s.perf, c) * rng.lognormal(0.1), queueReq: running > 256 ? rng.int(0, 40) : 0,
    });
  }
  const seqs = rng.int(1, Math.max(1, Math.round(running / 4)));
  const newToken = Math.min(16384, seqs * rng.int(820, 1024));
  return formatPrefill(d, {
    newSeq: seqs, newToken, cachedToken: rng.chance(0.1) ? rng.int(1, 8) * 64 : 0, usage: Math.min(0.99, (running * s.isl) / kvTokens),
    runningReq: 0, queueReq: rng.int(0, running), inflightReq: rng.int(0, 8), pendingToken: rng.int(0, 6) * s.isl,
    bootstrapReq: rng.int(0, 2), throughput: newToken / rng.uniform(0.08, 0.9), gapLatency: rng.uniform(0.05, 1.5),
  });
}

/** A realistic-mix line: a prefix drawn from the real proportions, and the worker's 2026 forms. */
function mixedLine(style: LineStyle, sec: number, r: Rank, message: string, forward: number, rng: Rng): string {
  const text = style.batchIndex ? withBatchIndex(message, forward) : message;
  return withPrefix(pickPrefixForm(rng), sec, style.ms, r, text);
}

/** Streams one worker log of exactly `lines` lines; returns its size in bytes. */
function writeWorkerLog(path: string, s: RunSpec, b: BigWorker, all: BigWorker[], lines: number, rng: Rng, style: LineStyle | null): number {
  const out = new ChunkWriter(path, 4 << 20);
  const startup = startupLines(s, b.worker, s.submitSec + 60, rng);
  for (const l of startup.lines.slice(0, lines)) out.write(l.text + "\n");
  const rankList = schedulerRanks(b.worker);
  const ranks = rankList.map((r) => rankTag(tagStyleFor(b.worker), r));
  const schedulers = all.filter((o) => o.worker.role === b.worker.role).reduce((n, o) => n + o.worker.dp, 0);
  const kvTokens = memoryPlan(s, b.worker).kvTokens;
  const step = LOG_SPAN_SEC / lines; // every worker log covers the same 8-hour benchmark window
  let t = startup.readySec + 30;
  let shownSec = -1;
  let ts = "";
  for (let i = startup.lines.length; i < lines; i++) {
    t += step * rng.lognormal(0.4);
    if (Math.floor(t) !== shownSec) [shownSec, ts] = [Math.floor(t), formatLogTime(t)];
    // Draws in the uniform generator's order, so its files stay as they were.
    if (rng.chance(0.04)) {
      const noise = healthCheckLine(ts, rng.int(32768, 60999), rng.chance(0.3));
      out.write((style ? mixedLine(style, t, rankList[rng.int(0, ranks.length - 1)], noise.slice(noise.indexOf("] ") + 2), i, rng) : noise) + "\n");
      continue;
    }
    const text = batchText(s, b, schedulers, kvTokens, loadAt(t - startup.readySec), rng);
    const rank = rng.int(0, ranks.length - 1);
    out.write((style ? mixedLine(style, t, rankList[rank], text, i, rng) : `[${ts}${ranks[rank]}] ${text}`) + "\n");
  }
  return out.close();
}

/** Worker `k`'s line style in the realistic mix (ms stamps / batch index on one worker in eight each). */
function lineStyle(mix: WorkerLogsOptions["mix"], k: number): LineStyle | null {
  return mix === "realistic" ? { ms: k % 8 === 2, batchIndex: k % 8 === 4 } : null;
}

function writeSmallResult(runDir: string, s: RunSpec): void {
  const c = s.concurrencies[0];
  const rng = createRng(`big-run-result-${s.jobId}`);
  const outcome = simulateStep({ isl: s.isl, osl: s.osl, concurrency: c, numPrompts: s.promptsFor(c), streamInterval: s.streamInterval, perf: s.perf }, rng);
  const texts = new TextSource("big-run-texts");
  const path = join(runDir, "logs", resultDirName(s), resultFileName(s, c));
  writeSaBenchResult(path, {
    date: formatCompactTime(s.submitSec + 3 * 3600, "-"), modelId: s.model.servedName, tokenizerId: "/model/",
    concurrency: c, numPrompts: s.promptsFor(c), withPeak: s.withPeak,
  }, outcome, outcome.outputLens.map(() => texts.slice(rng, 60)));
}

/** Wipes `runDir` and writes the run; the job id is the directory name. Resolves to the worker-log byte count. */
export async function generateWorkerLogs(runDir: string, opts: WorkerLogsOptions = {}): Promise<number> {
  const workers = bigWorkers(opts.workers ?? 16);
  const s = bigRunSpec(basename(resolve(runDir)), workers);
  resetDir(runDir);
  writeText(join(runDir, `${s.jobId}.json`), metadataJson(s));
  writeText(join(runDir, "config.yaml"), recipeYaml(s));
  writeSmallResult(runDir, s);
  let bytes = 0;
  for (const [k, b] of workers.entries()) {
    const w = b.worker;
    writeText(join(runDir, "logs", `${w.node}_config.json`), nodeConfigJson(s, w));
    const path = join(runDir, "logs", `${w.node}_${w.role}_w${w.index}.out`);
    bytes += writeWorkerLog(path, s, b, workers, opts.linesPerWorker ?? 200_000, createRng(`big-run-${w.node}`), lineStyle(opts.mix, k));
  }
  return bytes;
}

if (isMain(import.meta.url)) {
  const { positional, flags } = parseNumericFlags(process.argv.slice(2));
  if (positional.length !== 1) {
    console.error("usage: npx tsx scripts/bench/generate-worker-logs.ts RUN_DIR [--workers 16] [--lines 200000] [--realistic 1]");
    process.exit(2);
  }
  const started = performance.now();
  const bytes = await generateWorkerLogs(resolve(positional[0]), { workers: flags.workers, linesPerWorker: flags.lines, mix: flags.realistic ? "realistic" : "uniform" });
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`worker logs: ${formatMB(bytes)} (${(bytes / 2 ** 20).toFixed(0)} MiB) in ${secs} s`);
}
