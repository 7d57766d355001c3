// A small queueing model of one sa-bench concurrency step (request rate "inf", --max-concurrency C),
// producing per-request arrays and the aggregate metrics sa-bench derives from them.
import type { Rng } from "./prng";
import { summarize, type Summary } from "./stats";

export interface PerfModel {
  /** Decode tokens/s one user sees on an idle deployment. */
  singleUserTps: number;
  /** Output tokens/s of the whole deployment when saturated. */
  maxOutputTps: number;
  /** Input tokens/s the prefill side can absorb. */
  prefillTps: number;
  /** Time to first token with no queueing. */
  ttftBaseSec: number;
}

export interface StepSpec {
  isl: number;
  osl: number;
  concurrency: number;
  numPrompts: number;
  /** SGLang --stream-interval: tokens per streamed chunk after the first token. */
  streamInterval: number;
  perf: PerfModel;
  failures?: number;
}

export interface StepOutcome {
  inputLens: number[];
  outputLens: number[];
  ttfts: number[];
  itls: Float64Array[];
  errors: string[];
  /** Request start offsets in seconds from the benchmark start (not written by sa-bench). */
  starts: number[];
  durationSec: number;
  completed: number;
  totalInput: number;
  totalOutput: number;
  peakOutputTps: number;
  ttft: Summary;
  tpot: Summary;
  itl: Summary;
  e2el: Summary;
}

/** Per-user decode speed under load: total throughput saturates at maxOutputTps. */
export function userTps(perf: PerfModel, concurrency: number): number {
  return (perf.singleUserTps * perf.maxOutputTps) / (perf.maxOutputTps + concurrency * perf.singleUserTps);
}

// sa-bench's random dataset with --random-range-ratio 0.8 draws lengths uniformly in [0.8 * len, len].
function sampleLen(rng: Rng, len: number): number {
  return rng.int(Math.floor(len * 0.8), len);
}

function steadyTtftSec(spec: StepSpec, activeUsers: number): number {
  const { perf, isl, osl } = spec;
  const reqPerSec = (activeUsers * userTps(perf, activeUsers)) / (0.9 * osl);
  const load = Math.min(0.9, (reqPerSec * 0.9 * isl) / perf.prefillTps);
  return perf.ttftBaseSec * (1 + load / (1 - load));
}

function sampleItls(rng: Rng, outputLen: number, tokenSec: number, interval: number): Float64Array {
  const chunks = Math.ceil((outputLen - 1) / interval);
  const itl = new Float64Array(chunks);
  const sigma = interval > 1 ? 0.1 : 0.22;
  for (let j = 0; j < chunks; j++) {
    const tokens = Math.min(interval, outputLen - 1 - j * interval);
    let gap = tokens * tokenSec * rng.lognormal(sigma);
    if (rng.chance(interval > 1 ? 0.02 : 0.004)) gap *= rng.uniform(2, 8); // a prefill or transfer stall
    itl[j] = gap;
  }
  return itl;
}

const FAILURE_TRACE =
  "Traceback (most recent call last):\n" +
  '  File "/srtctl-benchmarks/sa-bench/backend_request_func.py", line 412, in async_request_openai_completions\n' +
  "    async for chunk_bytes in response.content:\n" +
  "aiohttp.client_exceptions.ClientPayloadError: Response payload is not completed: " +
  "<ContentLengthError: 400, message='Not enough data for satisfy transfer length header.'>\n";

/** Simulates one concurrency step; all randomness comes from `rng`. */
export function simulateStep(spec: StepSpec, rng: Rng): StepOutcome {
  const n = spec.numPrompts;
  const active = Math.min(spec.concurrency, n);
  const tokenSecMean = 1 / userTps(spec.perf, active);
  const steadyTtft = steadyTtftSec(spec, active);
  const burstStep = (0.9 * spec.isl) / spec.perf.prefillTps;
  const failed = new Set<number>();
  for (let k = 0; k < (spec.failures ?? 0); k++) failed.add(n - 1 - 3 * k);

  const out = emptyOutcome();
  const slots = new Float64Array(active);
  for (let i = 0; i < n; i++) {
    const inputLen = sampleLen(rng, spec.isl);
    const outputLen = sampleLen(rng, spec.osl);
    // Requests are all released at t=0; the first wave queues behind each other's prefill.
    const queued = i < active ? spec.perf.ttftBaseSec + i * burstStep : steadyTtft;
    const ttft = queued * rng.lognormal(0.3);
    const itl = sampleItls(rng, outputLen, tokenSecMean * rng.lognormal(0.06), spec.streamInterval);
    const slot = argMin(slots);
    out.starts.push(slots[slot]);
    out.inputLens.push(inputLen);
    if (failed.has(i)) {
      slots[slot] += ttft * 3;
      out.outputLens.push(0);
      out.ttfts.push(0);
      out.itls.push(new Float64Array(0));
      out.errors.push(FAILURE_TRACE);
      continue;
    }
    slots[slot] += ttft + sumOf(itl);
    out.outputLens.push(outputLen);
    out.ttfts.push(ttft);
    out.itls.push(itl);
    out.errors.push("");
  }
  out.durationSec = Math.max(...slots) + rng.uniform(0.02, 0.3);
  return finishMetrics(out, spec.streamInterval);
}

function emptyOutcome(): StepOutcome {
  const zero = { mean: 0, median: 0, std: 0, p99: 0 };
  return {
    inputLens: [], outputLens: [], ttfts: [], itls: [], errors: [], starts: [],
    durationSec: 0, completed: 0, totalInput: 0, totalOutput: 0, peakOutputTps: 0,
    ttft: zero, tpot: zero, itl: zero, e2el: zero,
  };
}

function finishMetrics(out: StepOutcome, interval: number): StepOutcome {
  const ttfts: number[] = [];
  const tpots: number[] = [];
  const e2els: number[] = [];
  let itlCount = 0;
  for (const itl of out.itls) itlCount += itl.length;
  const allItls = new Float64Array(itlCount);
  let at = 0;
  out.outputLens.forEach((len, i) => {
    if (out.errors[i] !== "") return;
    const decodeSec = sumOf(out.itls[i]);
    out.completed++;
    out.totalInput += out.inputLens[i];
    out.totalOutput += len;
    ttfts.push(out.ttfts[i]);
    e2els.push(out.ttfts[i] + decodeSec);
    if (len > 1) tpots.push(decodeSec / (len - 1));
    allItls.set(out.itls[i], at);
    at += out.itls[i].length;
  });
  out.ttft = summarize(ttfts, 1000);
  out.tpot = summarize(tpots, 1000);
  out.itl = summarize(allItls, 1000);
  out.e2el = summarize(e2els, 1000);
  out.peakOutputTps = peakOutputTps(out, interval);
  return out;
}

// Mirrors sa-bench: tokens bucketed into 1 s windows by chunk arrival, then a 10-bucket moving average.
function peakOutputTps(out: StepOutcome, interval: number): number {
  const buckets = new Float64Array(Math.ceil(out.durationSec) + 1);
  out.itls.forEach((itl, i) => {
    if (out.errors[i] !== "") return;
    let t = out.starts[i] + out.ttfts[i];
    let remaining = out.outputLens[i] - 1;
    buckets[Math.floor(t)] += 1;
    for (let j = 0; j < itl.length; j++) {
      t += itl[j];
      const tokens = Math.min(interval, remaining);
      remaining -= tokens;
      const b = Math.floor(t);
      if (b < buckets.length) buckets[b] += tokens;
    }
  });
  const window = 10;
  if (buckets.length < window) return sumOf(buckets) / window;
  let best = 0;
  let acc = 0;
  for (let b = 0; b < buckets.length; b++) {
    acc += buckets[b] - (b >= window ? buckets[b - window] : 0);
    if (b >= window - 1) best = Math.max(best, acc / window);
  }
  return best;
}

function argMin(xs: Float64Array): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i] < xs[best]) best = i;
  return best;
}

function sumOf(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
}
