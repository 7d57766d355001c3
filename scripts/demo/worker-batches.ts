// Prefill/Decode batch lines of one worker over the benchmark timeline. Load per scheduler follows
// the step's concurrency and request rate, so node metrics and benchmark results tell one story.
import type { Rng } from "../shared/prng";
import { chunkedPrefillSize, roleWorkers, schedulerRanks, tagStyleFor, workerKey, type RunSpec, type WorkerSpec } from "../shared/run-spec";
import { formatDecode, formatPrefill, linePrefix, rankTag, type Rank } from "../shared/sglang-log";
import { memoryPlan, type TimedLine } from "../shared/sglang-startup";
import { formatLogTime } from "../shared/time-format";
import type { Phase } from "./timeline";

interface Ctx {
  s: RunSpec;
  w: WorkerSpec;
  rng: Rng;
  kvTokens: number;
  out: TimedLine[];
}

const schedulersOf = (s: RunSpec, role: "prefill" | "decode" | "agg") =>
  roleWorkers(s, role)
    .filter((w) => !s.silentWorkers.includes(workerKey(w)))
    .reduce((n, w) => n + w.dp, 0);

function emit(ctx: Ctx, sec: number, r: Rank, text: string): void {
  ctx.out.push({ sec, text: linePrefix(formatLogTime(sec), rankTag(tagStyleFor(ctx.w), r)) + text });
}

function decodeRunning(ctx: Ctx, p: Phase): number {
  const role = ctx.w.role === "agg" ? "agg" : "decode";
  const share = p.concurrency / schedulersOf(ctx.s, role);
  return Math.max(0, Math.round(share * ctx.rng.lognormal(0.2)));
}

function decodeLines(ctx: Ctx, p: Phase, r: Rank): void {
  const { s, rng } = ctx;
  const gap = s.log.decodeLogInterval / p.userTps;
  const firstToken = p.startSec + s.perf.ttftBaseSec + rng.uniform(0, gap);
  for (let t = firstToken; t < p.endSec; t += gap * rng.lognormal(0.1)) {
    const running = decodeRunning(ctx, p);
    if (running === 0) continue;
    const tokens = Math.round(running * (0.9 * s.isl + 0.45 * s.osl) * rng.lognormal(0.08));
    const prealloc = s.mode === "disaggregated" && rng.chance(0.3) ? rng.int(1, 3) : 0;
    const text = formatDecode(s.log.dialect, {
      runningReq: running,
      tokens,
      usage: Math.min(0.99, tokens / ctx.kvTokens),
      preallocUsage: (prealloc * s.isl) / ctx.kvTokens,
      preallocReq: prealloc,
      transferReq: prealloc > 0 ? rng.int(0, prealloc) : 0,
      cudaGraph: running <= 256,
      genThroughput: running * p.userTps * rng.lognormal(0.08),
      queueReq: 0,
    });
    emit(ctx, t, r, text);
  }
}

function prefillLines(ctx: Ctx, p: Phase, r: Rank): void {
  const { s, rng } = ctx;
  const role = ctx.w.role === "agg" ? "agg" : "prefill";
  const rate = p.reqPerSec / schedulersOf(s, role);
  const chunk = chunkedPrefillSize(s);
  const batchSize = Math.max(1, Math.round(rate / 6));
  let last = p.startSec;
  // request_rate "inf": the first wave arrives the moment the step starts.
  for (let t = p.startSec + rng.uniform(0, 0.05); t < p.endSec; t += (batchSize / rate) * rng.lognormal(0.5)) {
    const seqs = rng.int(1, batchSize);
    let tokens = 0;
    for (let i = 0; i < seqs; i++) tokens += rng.int(Math.floor(0.8 * s.isl), s.isl);
    for (let done = 0; done < tokens; done += chunk) {
      const newToken = Math.min(chunk, tokens - done);
      const gapSec = Math.max(0.05, t - last);
      const inflight = rng.int(0, 6);
      emit(ctx, t, r, formatPrefill(s.log.dialect, {
        newSeq: done === 0 ? seqs : 0,
        newToken,
        cachedToken: 0,
        usage: Math.min(0.99, ((inflight + seqs) * s.isl) / ctx.kvTokens),
        runningReq: ctx.w.role === "agg" ? decodeRunning(ctx, p) : 0,
        queueReq: rng.int(0, Math.ceil(rate)),
        inflightReq: inflight,
        pendingToken: rng.int(0, 3) * s.isl,
        bootstrapReq: rng.int(0, 1),
        throughput: newToken / gapSec,
        gapLatency: gapSec,
      }));
      last = t;
      t += 0.02;
    }
  }
}

/** All batch lines of worker `w` (unsorted). A silent worker returns none: it never got traffic. */
export function batchLines(s: RunSpec, w: WorkerSpec, phases: Phase[], rng: Rng): TimedLine[] {
  const ctx: Ctx = { s, w, rng, kvTokens: memoryPlan(s, w).kvTokens, out: [] };
  if (s.silentWorkers.includes(workerKey(w))) return ctx.out;
  for (const p of phases) {
    for (const r of schedulerRanks(w)) {
      if (w.role !== "decode") prefillLines(ctx, p, r);
      if (w.role !== "prefill") decodeLines(ctx, p, r);
    }
  }
  return ctx.out;
}
