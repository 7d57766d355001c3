import { SglangBatchLine, type SglangBatchSink } from "./batch-sink";
import { type LineContext, LineProblem, SunkBatch, type LineOutcome, excerpt } from "./context";
import { POW10, isBlank, normaliseKey, parseDecimal, trimEnd } from "./numbers";
import type { BatchRecord, BatchType } from "./schemas";
import {
  NEW_SEQ, NEW_TOKEN, QUEUE_REQ, RUNNING_REQ, SGLANG_FIELDS, copySglangFields, isFlagField, sglangFieldIndex,
} from "./sglang-fields";

/**
 * Line scratch shared by all lines: parsing is synchronous, so one line at a time uses it. Its
 * `values` are the field values by SGLANG_FIELDS index; a batch sink gets the scratch itself.
 */
const scratch = new SglangBatchLine();
const values = scratch.values;
const SUNK_PREFILL = new SunkBatch("prefill");
const SUNK_DECODE = new SunkBatch("decode");

/** Where `readUnknown` puts fields with no known name: a record, or the sink's scratch. */
interface ExtraHolder {
  extra?: Record<string, number>;
}

/** Where the last `readNumberAt` stopped (a second return value without allocating). */
let stoppedAt = 0;

/**
 * Reads `12`, `0.29` or `12.50%` (as 0.125) at `i`, stopping at `,` or the end; NaN when the value
 * is anything else. Reading and delimiting in one pass touches each value character once.
 */
function readNumberAt(s: string, i: number, end: number): number {
  const start = i;
  const negative = s.charCodeAt(i) === 45;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  let c = 0;
  for (; i < end; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0) fraction = 0;
    else break;
  }
  // Beyond 15 digits the mantissa is no longer exact: let the engine parse it.
  let value = digits > 15 ? Math.abs(Number(s.slice(start, i))) : fraction > 0 ? mantissa / POW10[fraction] : mantissa;
  if (i < end && c === 37) {
    value /= 100;
    i++;
  }
  while (i < end && isBlank(s.charCodeAt(i))) i++;
  stoppedAt = i;
  if (digits === 0 || (i < end && s.charCodeAt(i) !== 44)) return NaN;
  return negative ? -value : value;
}

/** End of the value at `i`: the next `,` or the line end. */
function valueEnd(s: string, i: number, end: number): number {
  const comma = s.indexOf(",", i);
  return comma < 0 || comma > end ? end : comma;
}

/** `True` / `False` as 1 / 0; NaN otherwise. */
function readBooleanAt(s: string, i: number, end: number): number {
  const stop = valueEnd(s, i, end);
  stoppedAt = stop;
  const last = trimEnd(s, i, stop);
  if (last - i === 4 && s.startsWith("True", i)) return 1;
  if (last - i === 5 && s.startsWith("False", i)) return 0;
  return NaN;
}

/** A name this code does not know yet: kept if numeric, so a new SGLang field just shows up. */
function readUnknown(rec: ExtraHolder, s: string, keyStart: number, keyEnd: number, i: number, end: number): void {
  const stop = valueEnd(s, i, end);
  stoppedAt = stop;
  const last = trimEnd(s, i, stop);
  const percent = last > i && s.charCodeAt(last - 1) === 37;
  const value = parseDecimal(s, i, percent ? last - 1 : last);
  if (!Number.isNaN(value)) (rec.extra ??= {})[normaliseKey(s.slice(keyStart, keyEnd))] = percent ? value / 100 : value;
}

/**
 * Walks `key: value, key: value, ` from `pos`; returns the bit mask of known fields seen (values in
 * the scratch), or a problem message. Keys are delimited with indexOf (native, vectorised).
 */
function readFields(rec: ExtraHolder, s: string, pos: number, end: number): number | string {
  let seen = 0;
  while (pos < end) {
    const c = s.charCodeAt(pos);
    if (c === 44 || isBlank(c)) {
      pos++;
      continue;
    }
    const colon = s.indexOf(": ", pos);
    if (colon < 0 || colon >= end) return `field ${excerpt(s, pos, end)} has no value`;
    const index = sglangFieldIndex(s, pos, colon);
    if (index < 0) {
      readUnknown(rec, s, pos, colon, colon + 2, end);
    } else {
      const isFlag = isFlagField(index);
      const value = isFlag ? readBooleanAt(s, colon + 2, end) : readNumberAt(s, colon + 2, end);
      if (!Number.isNaN(value)) {
        values[index] = value;
        seen |= 1 << index;
      } else if (!isNonFinite(s, colon + 2, end)) {
        return badValue(s, index, colon + 2, end);
      }
    }
    pos = stoppedAt + 1;
  }
  return seen;
}

/** Python prints `inf` / `nan` for a rate over an empty interval: leave the field out, keep the line. */
function isNonFinite(s: string, start: number, end: number): boolean {
  const stop = valueEnd(s, start, end);
  stoppedAt = stop;
  const text = s.slice(start, trimEnd(s, start, stop));
  return text === "inf" || text === "-inf" || text === "nan";
}

function badValue(s: string, index: number, start: number, end: number): string {
  const what = isFlagField(index) ? "True/False" : "a number";
  return `"${SGLANG_FIELDS[index]}" is not ${what}: ${excerpt(s, start, valueEnd(s, start, end))}`;
}

/**
 * Fields whose absence means the line was cut short. A prefill line may be as short as `#new-seq`,
 * `#new-token`, `#cached-token` (srt-slurm's own tests write such lines), so only its first two
 * fields are required; a decode line always starts with `#running-req` and ends with `#queue-req`.
 */
const REQUIRED_PREFILL = [NEW_SEQ, NEW_TOKEN];
const REQUIRED_DECODE = [RUNNING_REQ, QUEUE_REQ];
/** The same as seen-mask bits. */
export const REQUIRED_PREFILL_BITS = REQUIRED_PREFILL.reduce((mask, k) => mask | (1 << k), 0);
export const REQUIRED_DECODE_BITS = REQUIRED_DECODE.reduce((mask, k) => mask | (1 << k), 0);

/** The first required field not in `seen`, or null (constant lists: no array per line). */
function missingField(seen: number, batchType: BatchType): string | null {
  const required = batchType === "prefill" ? REQUIRED_PREFILL : REQUIRED_DECODE;
  for (let k = 0; k < required.length; k++) if ((seen & (1 << required[k])) === 0) return SGLANG_FIELDS[required[k]];
  return null;
}

/** The record of a batch line whose fields are in the scratch (key order as parsers always made it). */
function toRecord(batchType: BatchType, ctx: LineContext, s: string, end: number, seen: number, extra: ExtraHolder): BatchRecord {
  const rec: BatchRecord = {
    kind: "batch", engine: "sglang", batchType, line: ctx.lineNo, ts: ctx.timestamp(s, end),
    dp: ctx.defaultDp, tp: 0, ep: 0, pp: 0, ranksFromTag: false,
  };
  ctx.ranks(s, rec);
  if (!Number.isNaN(scratch.batchIndex)) rec.batchIndex = scratch.batchIndex;
  if (extra.extra !== undefined) rec.extra = extra.extra;
  copySglangFields(rec, seen, values);
  // Hybrid/SWA models renamed the headline fields; alias them so charts need one name.
  if (rec.tokenUsage === undefined && rec.fullTokenUsage !== undefined) rec.tokenUsage = rec.fullTokenUsage;
  if (rec.numToken === undefined && rec.numFullToken !== undefined) rec.numToken = rec.numFullToken;
  return rec;
}

/** Bits of tokenUsage (3) + fullTokenUsage (4) and of numToken (18) + numFullToken (19). */
const ALIAS_TOKEN_USAGE = 0x18;
const FULL_TOKEN_USAGE_ONLY = 0x10;
const ALIAS_NUM_TOKEN = 0xc0000;
const NUM_FULL_TOKEN_ONLY = 0x80000;

/** Applies to a filled batch line the aliases `toRecord` gives a record (its `seen` must be set). */
export function aliasBatchFields(b: SglangBatchLine): void {
  const v = b.values;
  if ((b.seen & ALIAS_TOKEN_USAGE) === FULL_TOKEN_USAGE_ONLY) {
    v[3] = v[4];
    b.seen |= 0x8;
  }
  if ((b.seen & ALIAS_NUM_TOKEN) === NUM_FULL_TOKEN_ONLY) {
    v[18] = v[19];
    b.seen |= 0x40000;
  }
}

/** Hands the scratch to the sink, with the same aliases a record gets; returns the summary marker. */
function sink(to: SglangBatchSink, batchType: BatchType, ctx: LineContext, s: string, end: number, seen: number): SunkBatch {
  const b = scratch;
  b.seen = seen;
  aliasBatchFields(b);
  b.batchType = batchType;
  b.line = ctx.lineNo;
  b.ts = ctx.timestamp(s, end) ?? NaN;
  b.dp = ctx.defaultDp;
  b.tp = b.ep = b.pp = 0;
  b.ranksFromTag = false;
  ctx.ranks(s, b);
  to.sglangBatch(b);
  return batchType === "prefill" ? SUNK_PREFILL : SUNK_DECODE;
}

/** Where `fieldsStart` leaves the batch index it read (NaN when the line has none). */
let indexRead = NaN;

/** The whole number `s[start, stop)`, or NaN for anything else (empty, signs, points, > 15 digits). */
function wholeNumber(s: string, start: number, stop: number): number {
  if (stop <= start || stop - start > 15) return NaN;
  let value = 0;
  for (let i = start; i < stop; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Index of the first field after the marker: past `,` / `.`, or past ` [N],` (SGLang's batch-index
 * form, its forward count, read into `indexRead`). Null for prose (`Prefill batches ...`); a
 * message for a line that has the form but cannot be read.
 */
function fieldsStart(s: string, pos: number, end: number): number | string | null {
  indexRead = NaN;
  if (s.charCodeAt(pos) === 32 && s.charCodeAt(pos + 1) === 91) {
    const close = s.indexOf("]", pos + 2);
    const stop = close < 0 || close >= end ? end : close;
    indexRead = wholeNumber(s, pos + 2, stop);
    if (Number.isNaN(indexRead)) return `batch index ${excerpt(s, pos + 1, Math.min(stop + 1, end))} is not a whole number`;
    pos = stop + 1;
    const sep = s.charCodeAt(pos);
    return pos < end && (sep === 44 || sep === 46) ? pos + 1 : `no "," after the batch index [${indexRead}]`;
  }
  const sep = s.charCodeAt(pos);
  return sep === 44 || sep === 46 ? pos + 1 : null;
}

/**
 * Reads an SGLang `Prefill batch` / `Decode batch` line. `pos` is just past the marker, where
 * SGLang puts `,` (2025-06 on), `.` (older, sglang-jax) or ` [N],` (the batch-index form SGLang
 * prints with SGLANG_LOG_FORWARD_ITERS, 2026). With a batch sink on the context the fields go
 * there and no record is built.
 */
export function parseSglangBatch(s: string, pos: number, end: number, batchType: BatchType, ctx: LineContext): LineOutcome {
  const label = batchType === "prefill" ? "Prefill batch" : "Decode batch";
  if (pos >= end) return new LineProblem(`${label} line ends right after "${label}"`);
  const start = fieldsStart(s, pos, end);
  if (start === null) return null; // `Prefill batches ...` prose, not a stats line
  if (typeof start === "string") return new LineProblem(`${label} line: ${start}`);
  scratch.extra = undefined;
  scratch.batchIndex = indexRead;
  const seen = readFields(scratch, s, start, end);
  if (typeof seen === "string") return new LineProblem(`${label} line: ${seen}`);
  const missing = missingField(seen, batchType);
  if (missing !== null) return new LineProblem(`${label} line has no "${missing}" field (line cut short?)`);
  if (ctx.batchSink !== null) return sink(ctx.batchSink, batchType, ctx, s, end, seen);
  return toRecord(batchType, ctx, s, end, seen, scratch);
}

/** Past ` [N]` at `i` (digits then `]`), `i` when there is no ` [`, -1 when it is not ` [N]`. */
function skipBatchIndex(s: string, i: number, end: number): number {
  if (s.charCodeAt(i) !== 32 || s.charCodeAt(i + 1) !== 91) return i;
  let j = i + 2;
  while (j < end && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
  return j > i + 2 && s.charCodeAt(j) === 93 ? j + 1 : -1;
}

/**
 * A `Prefill batch` / `Decode batch` stats line whose marker is not where a known log prefix ends
 * (a prefix this parser does not know, or a message quoting such a line): the marker, an optional
 * ` [N]`, `,` or `.`, then `#field: <digit>`. `word` is where `batch` is. Such a line is reported
 * rather than dropped in silence; a quoted f-string (`#new-seq: {len(...)}`) is not one.
 */
export function misplacedBatch(s: string, word: number, start: number, end: number): LineProblem | null {
  let label: string;
  if (s.charCodeAt(word - 1) !== 32) return null;
  if (word >= start + 8 && s.startsWith("Prefill", word - 8)) label = "Prefill batch";
  else if (word >= start + 7 && s.startsWith("Decode", word - 7)) label = "Decode batch";
  else return null;
  let i = skipBatchIndex(s, word + 5, end);
  const sep = i < 0 ? 0 : s.charCodeAt(i);
  if (sep !== 44 && sep !== 46) return null;
  for (i++; i < end && s.charCodeAt(i) === 32; i++);
  const colon = s.charCodeAt(i) === 35 ? s.indexOf(": ", i) : -1;
  const first = colon < 0 || colon + 2 >= end ? -1 : s.charCodeAt(colon + 2);
  if (first < 48 || first > 57) return null;
  const marker = word + 5 - label.length;
  return new LineProblem(`${label} line not read: it comes after ${excerpt(s, start, marker)}, which is not a log prefix this parser knows`);
}
