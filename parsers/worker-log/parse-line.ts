import { LineContext, LineProblem, SunkBatch, type LineOptions, type LineOutcome } from "./context";
import { stripAnsi } from "./ansi";
import { scanPrefix } from "./line-prefix";
import {
  parseCudaGraphCapture,
  parseInitTorchDistributed,
  parseKvCacheAllocated,
  parseLoadWeightBegin,
  parseLoadWeightEnd,
  parseMemoryPoolEnd,
  parseSchedulerSummary,
} from "./memory-line";
import { parseCommandLine, parseServerArgs } from "./parallel-line";
import type { LogRecord } from "./schemas";
import { misplacedBatch, parseSglangBatch } from "./sglang-batch";
import { parseTrtllmIteration } from "./trtllm-iter";
import { parseVllmEngineLine, parseVllmStats } from "./vllm-stats";

/** Messages starting with `P`..`s`; each needs its marker right where the log prefix ends. */
function readBody(s: string, b: number, end: number, ctx: LineContext): LineOutcome {
  switch (s.charCodeAt(b)) {
    case 80: // P
      return s.startsWith("Prefill batch", b) ? parseSglangBatch(s, b + 13, end, "prefill", ctx) : null;
    case 68: // D
      return s.startsWith("Decode batch", b) ? parseSglangBatch(s, b + 12, end, "decode", ctx) : null;
    case 75: // K
      return s.startsWith("KV Cache is allocated.", b) ? parseKvCacheAllocated(s, b + 22, end, ctx) : null;
    case 76: // L
      if (s.startsWith("Load weight begin.", b)) return parseLoadWeightBegin(s, b + 18, end, ctx);
      return s.startsWith("Load weight end.", b) ? parseLoadWeightEnd(s, b + 16, end, ctx) : null;
    case 77: // M
      return s.startsWith("Memory pool end.", b) ? parseMemoryPoolEnd(s, b + 16, end, ctx) : null;
    case 73: // I
      if (s.startsWith("Init torch distributed ends.", b)) return parseInitTorchDistributed(s, b + 28, end, ctx);
      return s.startsWith("Initializing a", b) ? parseServerArgs(s, b, end, ctx) : null;
    case 67: // C
      return s.startsWith("Capture ", b) ? parseCudaGraphCapture(s, b + 8, end, ctx) : null;
    default:
      return readOtherBody(s, b, end, ctx);
  }
}

function readOtherBody(s: string, b: number, end: number, ctx: LineContext): LineOutcome {
  switch (s.charCodeAt(b)) {
    case 105: // i
      return s.startsWith("iter = ", b) ? parseTrtllmIteration(s, b, end, ctx) : null;
    case 69: // E
      return s.startsWith("Engine ", b) ? parseVllmEngineLine(s, b, end, ctx) : null;
    case 65: // A
      return s.startsWith("Avg prompt throughput", b) ? parseVllmStats(s, b, end, null, ctx) : null;
    case 115: // s
      return s.startsWith("server_args=", b) ? parseServerArgs(s, b + 12, end, ctx) : null;
    case 110: // n
      return s.startsWith("non-default args:", b) ? parseServerArgs(s, b + 17, end, ctx) : null;
    case 109: // m
      return s.startsWith("max_total_num_tokens=", b) ? parseSchedulerSummary(s, b, end, ctx) : null;
    default:
      return null;
  }
}

/** The first `batch` word of the line that ends a misplaced stats-line marker, as a problem; or null. */
function misplacedBatchIn(s: string, start: number, end: number, ctx: LineContext): LineProblem | null {
  for (let hit = ctx.batchWordAt(s, start, end); hit >= 0; ) {
    const problem = misplacedBatch(s, hit, start, end);
    if (problem !== null) return problem;
    hit = s.indexOf("batch", hit + 5);
    if (hit >= end) hit = -1;
  }
  return null;
}

/**
 * Reads `s[start, end)` (one line, no newline). Only a message that starts right after a
 * recognised prefix (or at the line start) counts, so a traceback quoting `"Prefill batch. ..."`
 * in indented source is not a record; a batch line with values after an unknown prefix is a problem
 * (see `misplacedBatch`). Lines with `--flags` are checked for launch commands.
 */
export function readLine(s: string, start: number, end: number, ctx: LineContext): LineOutcome {
  scanPrefix(s, start, end, ctx.prefix);
  if (ctx.prefix.needsStrip) {
    const clean = stripAnsi(s, start, end);
    return readLine(clean, 0, clean.length, ctx);
  }
  const outcome = readBody(s, ctx.prefix.bodyStart, end, ctx);
  if (outcome !== null) return outcome;
  const problem = misplacedBatchIn(s, start, end, ctx);
  if (problem !== null) return problem;
  return ctx.hasFlags(s, start, end) ? parseCommandLine(s, start, end, ctx) : null;
}

/**
 * Parses one worker-log line (without its newline) into a record, or null for noise and for lines
 * that look like a record but are broken (use `createLogParser` to get those as issues).
 * @param lineNo the line number to stamp on the record (default 1)
 */
export function parseLogLine(line: string, lineNo = 1, options: LineOptions = {}): LogRecord | null {
  const ctx = new LineContext(options);
  ctx.lineNo = lineNo;
  const end = line.endsWith("\r") ? line.length - 1 : line.length;
  const outcome = readLine(line, 0, end, ctx);
  return outcome instanceof LineProblem || outcome instanceof SunkBatch ? null : outcome;
}
