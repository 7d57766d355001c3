import { type LineContext, LineProblem, type LineOutcome, detach } from "./context";
import { isBlank, leadingNumber, normaliseKey, round6, trimEnd } from "./numbers";
import type { MemoryEvent, MemoryRecord } from "./schemas";

type NumericKey = "availMemGb" | "memUsageGb" | "kvSizeGb" | "kSizeGb" | "vSizeGb" | "numTokens" | "elapsedS";
type TextKey = "dtype" | "weightType" | "quant" | "fmt";

function newRecord(event: MemoryEvent, s: string, end: number, ctx: LineContext): MemoryRecord {
  const rec: MemoryRecord = {
    kind: "memory", event, line: ctx.lineNo, ts: ctx.timestamp(s, end),
    dp: ctx.defaultDp, tp: 0, ep: 0, pp: 0, ranksFromTag: false,
  };
  ctx.ranks(s, rec);
  return rec;
}

function setNumber(rec: MemoryRecord, key: NumericKey, value: number): void {
  if (!Number.isNaN(value)) rec[key] = value;
}

/** The number after `key` (e.g. `avail mem=`) anywhere in the line; NaN if absent. */
function numberAfter(s: string, start: number, end: number, key: string): number {
  const at = s.indexOf(key, start);
  return at < 0 || at >= end ? NaN : leadingNumber(s, at + key.length, end);
}

/** Calls `visit` for each `key<sep>value` in a `, `-separated list; the value drops a trailing `.`. */
function forEachPair(s: string, start: number, end: number, sep: string, visit: (key: string, from: number, to: number) => void): void {
  let pos = start;
  while (pos < end) {
    while (pos < end && isBlank(s.charCodeAt(pos))) pos++;
    let comma = s.indexOf(", ", pos);
    if (comma < 0 || comma > end) comma = end;
    const at = s.indexOf(sep, pos);
    if (at >= 0 && at < comma) visit(s.slice(pos, at).trim(), at + sep.length, trimEnd(s, at + sep.length, comma, "."));
    pos = comma + 2;
  }
}

function incomplete(what: string, field: string): LineProblem {
  return new LineProblem(`"${what}" line has no ${field} (line cut short?)`);
}

/** `Load weight begin. avail mem=137.29 GB`. */
export function parseLoadWeightBegin(s: string, pos: number, end: number, ctx: LineContext): LineOutcome {
  const rec = newRecord("load_weight_begin", s, end, ctx);
  setNumber(rec, "availMemGb", numberAfter(s, pos, end, "avail mem="));
  return rec.availMemGb === undefined ? incomplete("Load weight begin", "avail mem") : rec;
}

const LOAD_TEXT = new Map<string, TextKey>([["type", "weightType"], ["dtype", "dtype"], ["quant", "quant"], ["fmt", "fmt"]]);
const LOAD_NUMBER = new Map<string, NumericKey>([["elapsed", "elapsedS"], ["avail mem", "availMemGb"], ["mem usage", "memUsageGb"]]);

/** `Load weight end. [elapsed=10.26 s, ]type=.., [dtype=.., quant=.., fmt=.., ]avail mem=.., mem usage=..`. */
export function parseLoadWeightEnd(s: string, pos: number, end: number, ctx: LineContext): LineOutcome {
  const rec = newRecord("load_weight_end", s, end, ctx);
  forEachPair(s, pos, end, "=", (key, from, to) => {
    const text = LOAD_TEXT.get(key);
    const numeric = LOAD_NUMBER.get(key);
    if (text !== undefined) rec[text] = detach(s.slice(from, to));
    else if (numeric !== undefined) setNumber(rec, numeric, leadingNumber(s, from, to));
  });
  // `mem usage=` only exists since late 2024, so only `avail mem=` is required.
  return rec.availMemGb === undefined ? incomplete("Load weight end", "avail mem") : rec;
}

const KV_NUMBER = new Map<string, NumericKey>([["#tokens", "numTokens"], ["KV size", "kvSizeGb"], ["K size", "kSizeGb"], ["V size", "vSizeGb"]]);

/** `KV Cache is allocated. [dtype: torch.X, ][#tokens: N, ]KV size: X GB` or `..., K size: X GB, V size: Y GB`. */
export function parseKvCacheAllocated(s: string, pos: number, end: number, ctx: LineContext): LineOutcome {
  const rec = newRecord("kv_cache_allocated", s, end, ctx);
  forEachPair(s, pos, end, ": ", (key, from, to) => {
    if (key === "dtype") rec.dtype = detach(s.slice(from, to));
    else if (KV_NUMBER.has(key)) setNumber(rec, KV_NUMBER.get(key) as NumericKey, leadingNumber(s, from, to));
  });
  // `#tokens:` only exists since 2025 (`KV Cache is allocated. K size: .. GB, V size: .. GB` before).
  if (rec.kvSizeGb === undefined) {
    if (rec.kSizeGb === undefined || rec.vSizeGb === undefined) return incomplete("KV Cache is allocated", "KV size / K size / V size");
    rec.kvSizeGb = round6(rec.kSizeGb + rec.vSizeGb); // one total, as MLA models print it
  }
  return rec;
}

/** `Memory pool end. avail mem=8.40 GB`. */
export function parseMemoryPoolEnd(s: string, pos: number, end: number, ctx: LineContext): LineOutcome {
  const rec = newRecord("memory_pool_end", s, end, ctx);
  setNumber(rec, "availMemGb", numberAfter(s, pos, end, "avail mem="));
  return rec.availMemGb === undefined ? incomplete("Memory pool end", "avail mem") : rec;
}

/** `Init torch distributed ends. mem usage=1.77 GB`. */
export function parseInitTorchDistributed(s: string, pos: number, end: number, ctx: LineContext): LineOutcome {
  const rec = newRecord("init_torch_distributed_end", s, end, ctx);
  setNumber(rec, "memUsageGb", numberAfter(s, pos, end, "mem usage="));
  return rec.memUsageGb === undefined ? incomplete("Init torch distributed ends", "mem usage") : rec;
}

/**
 * `Capture target verify CUDA graph end. elapsed=13.48 s, mem usage=-0.01 GB, avail mem=7.68 GB.`
 * and the 2025 `Capture cuda graph end. Time elapsed: 4.3 s. mem usage=.. avail mem=..`; also `begin`.
 * `pos` is just past `Capture `.
 */
export function parseCudaGraphCapture(s: string, pos: number, end: number, ctx: LineContext): LineOutcome {
  const graphAt = s.indexOf("graph ", pos);
  if (graphAt < 0 || graphAt >= end) return null;
  const isEnd = s.startsWith("end", graphAt + 6);
  if (!isEnd && !s.startsWith("begin", graphAt + 6)) return null; // `Capture cuda graph bs [...]` progress
  const rec = newRecord(isEnd ? "cuda_graph_capture_end" : "cuda_graph_capture_begin", s, end, ctx);
  rec.graph = detach(s.slice(pos, graphAt).replace(/\s*\b(cuda|CUDA|npu|NPU)\s*$/, "").trim());
  setNumber(rec, "availMemGb", numberAfter(s, graphAt, end, "avail mem="));
  if (!isEnd) return rec.availMemGb === undefined ? incomplete("Capture ... graph begin", "avail mem") : rec;
  setNumber(rec, "memUsageGb", numberAfter(s, graphAt, end, "mem usage="));
  const elapsed = numberAfter(s, graphAt, end, "elapsed=");
  setNumber(rec, "elapsedS", Number.isNaN(elapsed) ? numberAfter(s, graphAt, end, "elapsed: ") : elapsed);
  return rec.memUsageGb === undefined ? incomplete("Capture ... graph end", "mem usage") : rec;
}

/** `max_total_num_tokens=.., chunked_prefill_size=.., ..., available_gpu_mem=7.68 GB` (scheduler ready). */
export function parseSchedulerSummary(s: string, pos: number, end: number, ctx: LineContext): LineOutcome {
  const rec = newRecord("scheduler_summary", s, end, ctx);
  const extra: Record<string, number> = {};
  forEachPair(s, pos, end, "=", (key, from, to) => {
    const value = leadingNumber(s, from, to);
    if (Number.isNaN(value)) return;
    if (key === "available_gpu_mem") rec.availMemGb = value;
    else extra[normaliseKey(key)] = value;
  });
  if (extra.maxTotalNumTokens === undefined) return incomplete("max_total_num_tokens", "value");
  rec.extra = extra;
  return rec;
}
