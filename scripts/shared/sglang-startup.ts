// Start-up section of an SGLang worker log: server_args, per-rank distributed init, weight loading,
// KV-cache allocation and CUDA-graph capture, with memory figures that add up for the GPU and model.
import type { Rng } from "./prng";
import {
  chunkedPrefillSize, maxRunningRequests, schedulerRanks, tagStyleFor, tpRanks, type RunSpec, type WorkerSpec,
} from "./run-spec";
import { serverArgsLogText } from "./server-config";
import { linePrefix, rankTag, type Rank } from "./sglang-log";
import { formatLogTime } from "./time-format";

export interface TimedLine {
  sec: number;
  text: string;
}

export interface MemoryPlan {
  totalGb: number;
  weightsGb: number;
  kvGb: number;
  kvTokens: number;
}

const GIB = 1024 ** 3;

export function memoryPlan(s: RunSpec, w: WorkerSpec): MemoryPlan {
  const totalGb = (s.gpu.memoryMiB * 1024 * 1024) / GIB;
  const weightsGb = s.model.weightsGb / w.tp;
  if (weightsGb > totalGb * 0.8) throw new Error(`${s.jobId}: ${s.model.servedName} does not fit on ${w.tp} x ${s.gpu.name}`);
  const fraction = w.role === "prefill" ? 0.84 : 0.88;
  const kvGb = Math.max(2, totalGb * fraction - weightsGb - 2.5);
  const bytesPerToken = s.model.mla ? s.model.kvBytesPerToken : s.model.kvBytesPerToken / Math.min(w.tp, 8);
  return { totalGb, weightsGb, kvGb, kvTokens: Math.floor((kvGb * GIB) / bytesPerToken) };
}

const gb = (x: number) => `${x.toFixed(2)} GB`;

function loadWeightEnd(s: RunSpec, elapsed: number, avail: number, usage: number): string {
  if (s.log.era === "2025") {
    return `Load weight end. type=${s.model.arch}, dtype=torch.bfloat16, avail mem=${gb(avail)}, mem usage=${gb(usage)}.`;
  }
  const q = s.model.quantization;
  const quant = q === null ? "quant=None" : q === "fp8" ? "quant=fp8, fmt=e4m3" : `quant=${q}`;
  return `Load weight end. elapsed=${elapsed.toFixed(2)} s, type=${s.model.arch}, ${quant}, avail mem=${gb(avail)}, mem usage=${gb(usage)}.`;
}

function kvLine(s: RunSpec, plan: MemoryPlan): string {
  if (s.model.mla) return `KV Cache is allocated. #tokens: ${plan.kvTokens}, KV size: ${gb(plan.kvGb)}`;
  const half = gb(plan.kvGb / 2);
  const dtype = s.log.era === "2026" ? "dtype: torch.bfloat16, " : "";
  return `KV Cache is allocated. ${dtype}#tokens: ${plan.kvTokens}, K size: ${half}, V size: ${half}`;
}

function graphLines(s: RunSpec, avail: number, used: number, elapsed: number): [string, string] {
  if (s.log.era === "2026") {
    return [
      `Capture target decode CUDA graph begin. backend=full, num_tokens_per_req=1, bs=[1, 2, 4, 8, 16, 32, 64, 128, 256], avail mem=${gb(avail)}`,
      `Capture target decode CUDA graph end. elapsed=${elapsed.toFixed(2)} s, mem usage=${gb(used)}, avail mem=${gb(avail - used)}.`,
    ];
  }
  return [
    `Capture cuda graph begin. This can take up to several minutes. avail mem=${gb(avail)}`,
    `Capture cuda graph end. Time elapsed: ${elapsed.toFixed(2)} s. mem usage=${gb(used)}. avail mem=${gb(avail - used)}.`,
  ];
}

type Emit = (sec: number, r: Rank | null, text: string) => void;

/** Init, weight loading, KV allocation and graph capture of one TP rank; returns memory left afterwards. */
function rankStartup(s: RunSpec, w: WorkerSpec, r: Rank, t: { start: number; load: number; graph: number }, emit: Emit, rng: Rng): number {
  const plan = memoryPlan(s, w);
  const initUse = rng.uniform(1.2, 2.1);
  const before = plan.totalGb - initUse - 0.4;
  const after = before - plan.weightsGb;
  const pool = after - plan.kvGb - rng.uniform(0.2, 0.6);
  emit(t.start + 4, r, "Init torch distributed begin.");
  emit(t.start + 9, r, `Init torch distributed ends. mem usage=${gb(initUse)}`);
  emit(t.start + 10, r, `Load weight begin. avail mem=${gb(before)}`);
  if (r.tp === 0) emit(t.start + 10, r, "Using model weights format ['*.safetensors']");
  emit(t.start + 10 + t.load * rng.uniform(0.97, 1.0), r, loadWeightEnd(s, t.load, after, plan.weightsGb));
  emit(t.start + 14 + t.load, r, kvLine(s, plan));
  emit(t.start + 14 + t.load, r, `Memory pool end. avail mem=${gb(pool)}`);
  if (t.graph === 0) return pool;
  // 2026 logs sometimes report a tiny negative graph mem usage; keep one rank doing that.
  const used = r.tp === w.tp - 1 && s.log.era === "2026" ? -0.01 : rng.uniform(0.4, 1.6);
  const [begin, end] = graphLines(s, pool, used, t.graph);
  emit(t.start + 16 + t.load, r, begin);
  emit(t.start + 16 + t.load + t.graph, r, end);
  return pool - used;
}

/** Start-up lines of one worker (all TP ranks, in time order) and the time the worker became ready. */
export function startupLines(s: RunSpec, w: WorkerSpec, startSec: number, rng: Rng): { lines: TimedLine[]; readySec: number } {
  const plan = memoryPlan(s, w);
  const style = tagStyleFor(w);
  const lines: TimedLine[] = [];
  const emit: Emit = (sec, r, text) =>
    lines.push({ sec, text: linePrefix(formatLogTime(sec), r ? rankTag(style, r) : "") + text });

  emit(startSec, null, serverArgsLogText(s, w));
  const times = { start: startSec, load: 40 + plan.weightsGb * rng.uniform(1.2, 2.2), graph: w.role === "prefill" ? 0 : rng.uniform(18, 45) };
  const freeAfter = new Map(tpRanks(w).map((r) => [r.tp, rankStartup(s, w, r, times, emit, rng)]));
  const readySec = startSec + 20 + times.load + times.graph;
  for (const r of schedulerRanks(w)) {
    emit(readySec, r, `max_total_num_tokens=${plan.kvTokens}, chunked_prefill_size=${chunkedPrefillSize(s)}, max_prefill_tokens=16384, max_running_requests=${maxRunningRequests(w)}, context_len=${s.model.contextLength}, available_gpu_mem=${gb(freeAfter.get(r.tp) ?? 0)}`);
  }
  return { lines: lines.sort((a, b) => a.sec - b.sec), readySec };
}
