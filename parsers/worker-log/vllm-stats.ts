import { type LineContext, LineProblem, type LineOutcome, excerpt } from "./context";
import { isBlank, normaliseKey, trimEnd } from "./numbers";
import type { BatchRecord } from "./schemas";
import { unitNumber } from "./trtllm-iter";

type MappedKey = "inputThroughput" | "genThroughput" | "runningReq" | "queueReq" | "tokenUsage" | "cacheHitRate";

/** vLLM stats names -> SGLang metric names (percentages become 0..1 through `unitNumber`). */
const VLLM_FIELDS = new Map<string, MappedKey>([
  ["Avg prompt throughput", "inputThroughput"],
  ["Avg generation throughput", "genThroughput"],
  ["Running", "runningReq"],
  ["Waiting", "queueReq"],
  ["Pending", "queueReq"], // V0 name
  ["GPU KV cache usage", "tokenUsage"],
  ["Prefix cache hit rate", "cacheHitRate"],
]);

const REQUIRED = [
  ["inputThroughput", "Avg prompt throughput"],
  ["genThroughput", "Avg generation throughput"],
  ["runningReq", "Running"],
] as const;

function readStats(rec: BatchRecord, s: string, pos: number, end: number): string | null {
  while (pos < end) {
    while (pos < end && isBlank(s.charCodeAt(pos))) pos++;
    let comma = s.indexOf(", ", pos);
    if (comma < 0 || comma > end) comma = end;
    const colon = s.indexOf(": ", pos);
    if (colon < 0 || colon >= comma) return `field ${excerpt(s, pos, comma)} has no value`;
    const value = unitNumber(s, colon + 2, trimEnd(s, colon + 2, comma, "."));
    const key = s.slice(pos, colon);
    const mapped = VLLM_FIELDS.get(key);
    if (mapped !== undefined) {
      if (Number.isNaN(value)) return `"${key}" is not a number: ${excerpt(s, colon + 2, comma)}`;
      rec[mapped] = value;
    } else if (!Number.isNaN(value)) {
      (rec.extra ??= {})[normaliseKey(key)] = value;
    }
    pos = comma + 2;
  }
  return null;
}

/**
 * vLLM's periodic engine stats (`loggers.py`): `Avg prompt throughput: X tokens/s, Avg generation
 * throughput: Y tokens/s, Running: N reqs, Waiting: N reqs, GPU KV cache usage: Z%, ...`.
 * It is a ~10 s aggregate over prefill and decode, so the record's batchType is `mixed`.
 * `engineIndex` comes from `Engine 000:` (the data-parallel engine), null for V0 lines.
 */
export function parseVllmStats(s: string, pos: number, end: number, engineIndex: number | null, ctx: LineContext): LineOutcome {
  const rec: BatchRecord = {
    kind: "batch", engine: "vllm", batchType: "mixed", line: ctx.lineNo, ts: ctx.timestamp(s, end),
    dp: engineIndex ?? 0, tp: 0, ep: 0, pp: 0, ranksFromTag: engineIndex !== null,
  };
  const problem = readStats(rec, s, pos, end);
  if (problem !== null) return new LineProblem(`vLLM stats line: ${problem}`);
  for (const [key, name] of REQUIRED) {
    if (rec[key] === undefined) return new LineProblem(`vLLM stats line has no "${name}" field (line cut short?)`);
  }
  return rec;
}

/** `Engine 000: Avg prompt throughput: ...` -> parses from `Avg`; anything else is not a stats line. */
export function parseVllmEngineLine(s: string, pos: number, end: number, ctx: LineContext): LineOutcome {
  let i = pos + 7; // past `Engine `
  let index = 0;
  const digitsFrom = i;
  for (; i < end && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57; i++) index = index * 10 + (s.charCodeAt(i) - 48);
  if (i === digitsFrom || !s.startsWith(": Avg prompt throughput", i)) return null;
  return parseVllmStats(s, i + 2, end, index, ctx);
}
