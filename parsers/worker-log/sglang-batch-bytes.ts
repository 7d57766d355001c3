import type { SglangBatchLine } from "./batch-sink";
import type { BatchType } from "./schemas";
import { POW10 } from "./numbers";
import { REQUIRED_DECODE_BITS, REQUIRED_PREFILL_BITS, aliasBatchFields } from "./sglang-batch";
import { fieldLength, isFieldAt, isFlagField, sglangFieldIndexBytes } from "./sglang-fields";
import { prefixTime, readPrefixBytes } from "./line-prefix-bytes";

/*
 * Byte-level fast path for the line that makes up nearly all of a big SGLang log:
 *
 *   [2026-06-02 04:12:47 DP0 TP0 EP0] Prefill batch, #new-seq: 1, ..., input throughput (token/s): 5960.91
 *
 * read straight from the chunk's bytes: no decoding, no string, no record. Every log prefix such a
 * line is written with is read here too (line-prefix-bytes.ts), so a real log of any SGLang version
 * or launcher stays on this path. It accepts only a strict form of the message (ASCII, a known name
 * for every field, plain numbers, every required field) and
 * says false for anything else, which then goes through the string path (`parseSglangBatch`). The
 * string path stays the reference: tests check that both give the same fields on every real line.
 */

const PREFILL = bytesOf("Prefill batch");
const DECODE = bytesOf("Decode batch");
/** The longest known field name is 26 characters: a key longer than this is not one of them. */
const MAX_KEY = 32;

function bytesOf(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** Where the last value reader stopped (a second return value without allocating). */
let stoppedAt = 0;

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

function startsWith(bytes: Uint8Array, i: number, end: number, marker: Uint8Array): boolean {
  if (end - i < marker.length) return false;
  for (let k = 0; k < marker.length; k++) if (bytes[i + k] !== marker[k]) return false;
  return true;
}

/** `12`, `0.29` or `12.50%` (as 0.125) up to `,` or the end, exactly as the string reader; NaN otherwise. */
function readNumber(bytes: Uint8Array, i: number, end: number): number {
  const negative = bytes[i] === 45;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  let c = 0;
  for (; i < end; i++) {
    c = bytes[i];
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0) fraction = 0;
    else break;
  }
  // More than 15 digits is not exact in a double: the string path parses those.
  if (digits === 0 || digits > 15) return NaN;
  let value = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
  if (i < end && c === 37) {
    value /= 100;
    i++;
  }
  while (i < end && isBlank(bytes[i])) i++;
  stoppedAt = i;
  if (i < end && bytes[i] !== 44) return NaN;
  return negative ? -value : value;
}

/** `True` / `False` (then only blanks up to `,` or the end) as 1 / 0; NaN otherwise. */
function readFlag(bytes: Uint8Array, i: number, end: number): number {
  let value = NaN;
  if (bytes[i] === 84 && bytes[i + 1] === 114 && bytes[i + 2] === 117 && bytes[i + 3] === 101) {
    value = 1;
    i += 4;
  } else if (bytes[i] === 70 && bytes[i + 1] === 97 && bytes[i + 2] === 108 && bytes[i + 3] === 115 && bytes[i + 4] === 101) {
    value = 0;
    i += 5;
  }
  if (i > end) return NaN;
  while (i < end && isBlank(bytes[i])) i++;
  stoppedAt = i;
  return i < end && bytes[i] !== 44 ? NaN : value;
}

/** Index of the `:` of the first `: ` in a key's reach, or -1. */
function keyEnd(bytes: Uint8Array, i: number, end: number): number {
  const stop = Math.min(end - 1, i + MAX_KEY);
  for (let k = i; k < stop; k++) if (bytes[k] === 58 && bytes[k + 1] === 32) return k;
  return -1;
}

/**
 * Field indices in the order the last line of each batch type printed them (-1 past its end): the
 * next line is checked against these first. A wrong guess only costs the full lookup.
 */
const expectedOrder = [new Int8Array(64).fill(-1), new Int8Array(64).fill(-1)];

/** A DataView of the bytes being read (word loads for `isFieldAt`), made once per chunk. */
let view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
let viewOf: Uint8Array | null = null;

/** The index of the known field whose name, then `: `, starts at `i`; -1 for any other key. */
function fieldAt(bytes: Uint8Array, i: number, end: number, expected: number): number {
  if (expected >= 0 && isFieldAt(view, i, end, expected)) return expected;
  const colon = keyEnd(bytes, i, end);
  return colon < 0 ? -1 : sglangFieldIndexBytes(bytes, i, colon);
}

/** Walks `key: value, ` fields into `values`; returns the seen mask, or -1 for anything unusual. */
function readFields(bytes: Uint8Array, i: number, end: number, values: Float64Array, order: Int8Array): number {
  let seen = 0;
  let k = 0;
  while (i < end) {
    const c = bytes[i];
    if (c === 44 || isBlank(c)) {
      i++;
      continue;
    }
    const index = fieldAt(bytes, i, end, k < order.length ? order[k] : -1);
    if (index < 0) return -1;
    if (k < order.length) order[k++] = index;
    const colon = i + fieldLength(index);
    const value = isFlagField(index) ? readFlag(bytes, colon + 2, end) : readNumber(bytes, colon + 2, end);
    if (Number.isNaN(value)) return -1;
    values[index] = value;
    seen |= 1 << index;
    i = stoppedAt + 1;
  }
  return seen;
}

/** Where the fields start after the marker `readMarker` found, and its batch index (NaN if none). */
let markerEnd = 0;
let markerIndex = NaN;

/** ` [N]` at `i` (the batch-index form) into `markerIndex`; the index after `]`, or -1. */
function readBatchIndex(bytes: Uint8Array, i: number, end: number): number {
  if (bytes[i] !== 32 || bytes[i + 1] !== 91) return i;
  let j = i + 2;
  let value = 0;
  for (; j < end && j - i <= 17 && bytes[j] >= 48 && bytes[j] <= 57; j++) value = value * 10 + (bytes[j] - 48);
  if (j === i + 2 || j - i > 17 || bytes[j] !== 93) return -1;
  markerIndex = value;
  return j + 1;
}

/** `Prefill batch` / `Decode batch` at `i`, then an optional ` [N]`, then `,` or `.`; the type, or null. */
function readMarker(bytes: Uint8Array, i: number, end: number): BatchType | null {
  let type: BatchType | null = null;
  let after = i;
  if (bytes[i] === 80 && startsWith(bytes, i, end, PREFILL)) {
    type = "prefill";
    after = i + PREFILL.length;
  } else if (bytes[i] === 68 && startsWith(bytes, i, end, DECODE)) {
    type = "decode";
    after = i + DECODE.length;
  }
  markerIndex = NaN;
  if (type !== null) after = readBatchIndex(bytes, after, end);
  markerEnd = after + 1;
  return type !== null && after >= 0 && after < end && (bytes[after] === 44 || bytes[after] === 46) ? type : null;
}

/**
 * Reads the line `bytes[start, end)` (no newline, no trailing `\r`) into `into` if it is a plain
 * SGLang batch line: everything but `line` is set, aliases applied, `extra` undefined. Returns false,
 * with `into` in no particular state, for any line the string path must read. `defaultDp` is the
 * DP rank of a line whose tag has none (see `LineOptions.defaultDp`).
 */
export function readSglangBatchBytes(bytes: Uint8Array, start: number, end: number, into: SglangBatchLine, defaultDp = 0): boolean {
  if (end - start < 40) return false;
  if (bytes !== viewOf) {
    viewOf = bytes;
    view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  // The cheap structural checks first: most lines that are not batch lines fail at the marker.
  const body = readPrefixBytes(bytes, start, end, into, defaultDp);
  if (body < 0) return false;
  const batchType = readMarker(bytes, body, end);
  if (batchType === null) return false;
  const ts = prefixTime(bytes);
  if (Number.isNaN(ts)) return false;
  const prefill = batchType === "prefill";
  const seen = readFields(bytes, markerEnd, end, into.values, expectedOrder[prefill ? 0 : 1]);
  const required = prefill ? REQUIRED_PREFILL_BITS : REQUIRED_DECODE_BITS;
  if (seen < 0 || (seen & required) !== required) return false;
  into.batchType = batchType;
  into.ts = ts;
  into.batchIndex = markerIndex;
  into.seen = seen;
  into.extra = undefined;
  aliasBatchFields(into);
  return true;
}
