import { type LineContext, LineProblem, type LineOutcome } from "./context";
import { isBlank, normaliseKey, numberEnd, parseDecimal, round6 } from "./numbers";
import type { BatchRecord } from "./schemas";

/**
 * A value's number when it is one: `16`, `0.0050s`, `42%` (as 0.42). `0/0`, `N/A` and a date give NaN,
 * because the character after the digits must be the end, a space, `%` or a unit letter.
 */
export function unitNumber(s: string, start: number, end: number): number {
  while (start < end && isBlank(s.charCodeAt(start))) start++;
  const stop = numberEnd(s, start, end);
  const value = parseDecimal(s, start, stop);
  if (stop === end) return value;
  const next = s.charCodeAt(stop);
  if (next === 37) return value / 100;
  const isUnit = next === 32 || (next >= 97 && next <= 122) || (next >= 65 && next <= 90);
  return isUnit ? value : NaN;
}

/** One iteration's numbers. A fixed-shape object: assigning dynamic keys per field was 3x slower. */
class IterationFields {
  iter = NaN;
  globalRank = NaN;
  rank = NaN;
  elapsedTime = NaN;
  scheduled = NaN;
  kvCacheUtil = NaN;
  cachedKvLen = NaN;
  ctxRequests = NaN;
  ctxTokens = NaN;
  genTokens = NaN;
  unknown: Record<string, number> | undefined = undefined;
}

/** Stores one field; names TRT-LLM does not print today go to `unknown`, camelCased. */
function setIterationField(f: IterationFields, key: string, value: number): void {
  switch (key) {
    case "iter": f.iter = value; break;
    case "global_rank": f.globalRank = value; break;
    case "rank": f.rank = value; break;
    case "elapsed_time": f.elapsedTime = value; break;
    case "num_scheduled_requests": f.scheduled = value; break;
    case "kv_cache_util": f.kvCacheUtil = value; break;
    case "cached_kv_len": f.cachedKvLen = value; break;
    case "'num_ctx_requests'": f.ctxRequests = value; break;
    case "'num_ctx_tokens'": f.ctxTokens = value; break;
    case "'num_generation_tokens'": f.genTokens = value; break;
    default: (f.unknown ??= {})[normaliseKey(key)] = value;
  }
}

/** Reads `key = value` / `key: value` pairs (TRT-LLM mixes both) in `s[pos, end)`. */
function readPairs(s: string, pos: number, end: number, into: IterationFields): void {
  while (pos < end) {
    while (pos < end && isBlank(s.charCodeAt(pos))) pos++;
    let comma = s.indexOf(", ", pos);
    if (comma < 0 || comma > end) comma = end;
    let at = s.indexOf(" = ", pos);
    let width = 3;
    const colon = s.indexOf(": ", pos);
    if (colon >= 0 && colon < comma && (at < 0 || at > colon)) {
      at = colon;
      width = 2;
    }
    if (at >= 0 && at < comma) {
      const value = unitNumber(s, at + width, comma);
      if (!Number.isNaN(value)) setIterationField(into, s.slice(pos, at), value);
    }
    pos = comma + 2;
  }
}

/** The iteration's extra numbers, in a fixed order. */
function extraOf(f: IterationFields): Record<string, number> {
  const extra: Record<string, number> = { iter: f.iter, numGenerationTokens: f.genTokens };
  if (!Number.isNaN(f.globalRank)) extra.globalRank = f.globalRank;
  if (!Number.isNaN(f.rank)) extra.rank = f.rank;
  if (!Number.isNaN(f.elapsedTime)) extra.elapsedTime = f.elapsedTime;
  if (!Number.isNaN(f.cachedKvLen)) extra.cachedKvLen = f.cachedKvLen;
  return f.unknown === undefined ? extra : { ...extra, ...f.unknown };
}

/** Maps one iteration onto SGLang's metric names so the same charts work. */
function toBatch(f: IterationFields, s: string, end: number, ctx: LineContext): BatchRecord {
  const rec: BatchRecord = {
    kind: "batch", engine: "trtllm", batchType: f.ctxTokens > 0 ? "prefill" : "decode", line: ctx.lineNo,
    ts: ctx.timestamp(s, end), dp: 0, tp: 0, ep: 0, pp: 0, ranksFromTag: false,
  };
  if (!Number.isNaN(f.ctxRequests)) rec.newSeq = f.ctxRequests;
  rec.newToken = f.ctxTokens;
  if (!Number.isNaN(f.scheduled)) rec.runningReq = f.scheduled;
  if (!Number.isNaN(f.kvCacheUtil)) rec.tokenUsage = f.kvCacheUtil;
  // Per-iteration rates; num_generation_tokens includes CUDA-graph padding, so gen rate is an upper bound.
  if (f.elapsedTime > 0 && f.ctxTokens > 0) rec.inputThroughput = round6(f.ctxTokens / f.elapsedTime);
  if (f.elapsedTime > 0 && f.genTokens > 0) rec.genThroughput = round6(f.genTokens / f.elapsedTime);
  rec.extra = extraOf(f);
  return rec;
}

/**
 * TRT-LLM PyTorch-backend `print_iter_log` line; `pos` is at `iter = `:
 * `iter = 198, global_rank = 0, rank = 0, ..., elapsed_time = 0.005s, ..., num_scheduled_requests: 10,
 * states = {'num_ctx_requests': 0, 'num_ctx_tokens': 0, 'num_generation_tokens': 16}`.
 */
export function parseTrtllmIteration(s: string, pos: number, end: number, ctx: LineContext): LineOutcome {
  const statesAt = s.indexOf("states = {", pos);
  if (statesAt < 0 || statesAt >= end) return new LineProblem("TRT-LLM iteration line has no \"states = {...}\" (line cut short?)");
  const close = s.indexOf("}", statesAt);
  if (close < 0 || close >= end) return new LineProblem("TRT-LLM iteration line: states dict is not closed (line cut short?)");
  const fields = new IterationFields();
  readPairs(s, pos, statesAt, fields);
  readPairs(s, statesAt + 10, close, fields);
  if (Number.isNaN(fields.iter)) return new LineProblem("TRT-LLM iteration line has no iteration number");
  if (Number.isNaN(fields.ctxTokens) || Number.isNaN(fields.genTokens)) {
    return new LineProblem("TRT-LLM iteration line: states lack num_ctx_tokens / num_generation_tokens");
  }
  return toBatch(fields, s, end, ctx);
}
