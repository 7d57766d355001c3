import type { SglangBatchLine } from "./batch-sink";
import { composeUtc } from "./timestamp";

/*
 * The log prefixes of `line-prefix.ts`, read from bytes for the byte fast path: every prefix an
 * SGLang batch line is written with (`[TS ranks]`, `[TS][file.py:424][INFO]:`, dynamo's coloured and
 * plain ISO forms, `srun --label`, Ray actors). Each reader mirrors its string twin step by step so
 * both find the same message start, time and ranks; where the two could differ (non-ASCII inside a
 * length-limited scan, odd fractions, a `,` before the fraction) it says -1 and the line goes to the
 * string path. The stamp is decoded only after the caller found a batch marker (`prefixTime`).
 */

/** Where the prefix's stamp starts, the byte between date and clock, and its fraction / offset in ms. */
let stampAt = 0;
let stampSep = 32;
let stampFraction = 0;
let stampOffset = 0;
/** Where the last `fractionAt` stopped. */
let fractionStop = 0;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function skipSpaces(bytes: Uint8Array, i: number, end: number): number {
  while (i < end && bytes[i] === 32) i++;
  return i;
}

/** Two digits at `i`; negative (poison) if either is not a digit, as in the string reader. */
function two(bytes: Uint8Array, i: number): number {
  const a = bytes[i] - 48;
  const b = bytes[i + 1] - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1e6;
}

/** `YYYY-MM-DD` at `i` (the string path's `looksLikeDate` plus the second dash). */
function dateAt(bytes: Uint8Array, i: number): boolean {
  return two(bytes, i) >= 0 && two(bytes, i + 2) >= 0 && bytes[i + 4] === 45 && bytes[i + 7] === 45;
}

/**
 * `.fff` (1 to 9 digits) at `i` as ms, computed as the string reader does so both give the same
 * double; 0 with `fractionStop = i` when there is none, NaN when it has no digits or more than 9.
 */
function fractionAt(bytes: Uint8Array, i: number, end: number): number {
  fractionStop = i;
  if (bytes[i] !== 46) return bytes[i] === 44 ? NaN : 0;
  let j = i + 1;
  let value = 0;
  for (; j < end && j - i <= 10 && isDigit(bytes[j]); j++) value = value * 10 + (bytes[j] - 48);
  if (j === i + 1 || j - i > 10) return NaN;
  fractionStop = j;
  return (value * 1000) / 10 ** (j - i - 1);
}

/** The string reader's `offsetMs`: `+08:00` / `-05:00` at `i` as ms to subtract, else 0. */
function offsetAt(bytes: Uint8Array, i: number, end: number): number {
  const c = bytes[i];
  if (i + 6 > end || (c !== 43 && c !== 45) || bytes[i + 3] !== 58) return 0;
  const minutes = two(bytes, i + 1) * 60 + two(bytes, i + 4);
  if (minutes < 0) return 0;
  return (c === 45 ? -minutes : minutes) * 60_000;
}

/**
 * The rank tag ` DP0 TP0 EP0` (any of DP/TP/EP/PP, one space each) up to `]`; returns the index
 * after `]`, or -1 for any other tag. Ranks go into `into`, as `readRanks` would set them.
 */
function readRankTag(bytes: Uint8Array, i: number, end: number, into: SglangBatchLine): number {
  while (i < end && bytes[i] === 32) {
    const letter = bytes[i + 1];
    if (bytes[i + 2] !== 80) return -1;
    let j = i + 3;
    let value = 0;
    for (; j < end && isDigit(bytes[j]); j++) value = value * 10 + (bytes[j] - 48);
    if (j === i + 3 || j - i > 12) return -1;
    if (letter === 68) into.dp = value;
    else if (letter === 84) into.tp = value;
    else if (letter === 69) into.ep = value;
    else if (letter === 80) into.pp = value;
    else return -1;
    into.ranksFromTag = true;
    i = j;
  }
  return i < end && bytes[i] === 93 ? i + 1 : -1;
}

/** `skipBracketGroups`: `[file.py:424][INFO]`-style groups, then an optional `:`, then spaces. */
function skipBracketGroups(bytes: Uint8Array, q: number, end: number): number {
  for (;;) {
    q = skipSpaces(bytes, q, end);
    if (bytes[q] !== 91) break;
    const next = bytes.indexOf(93, q);
    if (next < 0 || next >= end) break;
    q = next + 1;
  }
  if (bytes[q] === 58) q++;
  return skipSpaces(bytes, q, end);
}

/** SGLang's `[YYYY-MM-DD HH:MM:SS[.fff] ranks]` then any bracket groups; -1 for another bracket. */
function bracketPrefix(bytes: Uint8Array, i: number, end: number, into: SglangBatchLine): number {
  stampFraction = fractionAt(bytes, i + 20, end);
  if (Number.isNaN(stampFraction)) return -1;
  const q = readRankTag(bytes, fractionStop, end, into);
  if (q < 0) return -1;
  stampAt = i + 1;
  stampSep = 32;
  stampOffset = 0;
  return skipBracketGroups(bytes, q, end);
}

/** The ISO stamp's fraction and zone at `i + 19`; false when the string reader could read it otherwise. */
function isoTail(bytes: Uint8Array, i: number, end: number): boolean {
  stampFraction = fractionAt(bytes, i + 19, end);
  if (Number.isNaN(stampFraction)) return false;
  stampAt = i;
  stampSep = bytes[i + 10];
  stampOffset = offsetAt(bytes, fractionStop, end);
  return true;
}

/** Past `ESC [ ... m` colour codes at `i` (each at most 12 bytes, as in `skipAnsi`). */
function skipAnsi(bytes: Uint8Array, i: number, end: number): number {
  while (i < end && bytes[i] === 27) {
    const m = bytes.indexOf(109, i);
    if (m < 0 || m >= end || m - i > 12) return i;
    i = m + 1;
  }
  return i;
}

/** Index of `:ESC[0m ` at or after `i`, within 300 bytes; -1 otherwise. */
function colourColon(bytes: Uint8Array, i: number, end: number): number {
  const stop = Math.min(end - 5, i + 301);
  for (let k = bytes.indexOf(58, i); k >= 0 && k < stop; k = bytes.indexOf(58, k + 1)) {
    if (bytes[k + 1] === 27 && bytes[k + 2] === 91 && bytes[k + 3] === 48 && bytes[k + 4] === 109 && bytes[k + 5] === 32) return k;
  }
  return -1;
}

/** Dynamo's coloured `ESC[2m<ISO>ESC[0m ... ESC[2m:ESC[0m <message>` (`scanAnsiPrefix`); -1 otherwise. */
function ansiPrefix(bytes: Uint8Array, i: number, end: number): number {
  const ts = skipAnsi(bytes, i, end);
  if (!dateAt(bytes, ts) || bytes[ts + 10] !== 84) return -1;
  const colon = colourColon(bytes, ts, end);
  if (colon < 0 || !isoTail(bytes, ts, end)) return -1;
  return skipSpaces(bytes, colon + 6, end);
}

/** Dynamo's plain `<ISO>Z  INFO target: message` or `YYYY-MM-DD HH:MM:SS [INFO] message` (`scanIsoPrefix`). */
function isoPrefix(bytes: Uint8Array, i: number, end: number): number {
  const sep = bytes[i + 10];
  if (!dateAt(bytes, i) || (sep !== 84 && sep !== 32) || !isoTail(bytes, i, end)) return -1;
  let j = fractionStop;
  while (j < end && bytes[j] !== 32) j++;
  j = skipSpaces(bytes, j, end);
  if (bytes[j] === 91) return skipBracketGroups(bytes, j, end);
  while (j < end && bytes[j] >= 65 && bytes[j] <= 90) j++;
  j = skipSpaces(bytes, j, end);
  let k = j;
  while (k < end && bytes[k] !== 32) k++;
  return k > j && bytes[k - 1] === 58 ? skipSpaces(bytes, k, end) : j;
}

/** `srun --label`'s `0: `. */
function skipSrunLabel(bytes: Uint8Array, i: number, end: number): number {
  let j = i;
  while (j < end && j - i < 5 && isDigit(bytes[j])) j++;
  return j > i && bytes[j] === 58 && bytes[j + 1] === 32 ? j + 2 : i;
}

/** First `needle` (ASCII) at or after `i`, or -1. */
function indexOfAscii(bytes: Uint8Array, needle: string, i: number, end: number): number {
  for (let k = bytes.indexOf(needle.charCodeAt(0), i); k >= 0 && k + needle.length <= end; k = bytes.indexOf(needle.charCodeAt(0), k + 1)) {
    let n = 1;
    while (n < needle.length && bytes[k + n] === needle.charCodeAt(n)) n++;
    if (n === needle.length) return k;
  }
  return -1;
}

/** Ray's `(CommandActor pid=N) ` (`skipActorPrefix`). */
function skipActorPrefix(bytes: Uint8Array, i: number, end: number): number {
  if (bytes[i] !== 40) return i;
  const close = bytes.indexOf(41, i);
  if (close < 0 || close >= end || close - i > 160) return i;
  const pid = indexOfAscii(bytes, "pid=", i, end);
  return pid > i && pid < close ? skipSpaces(bytes, close + 1, end) : i;
}

/**
 * Where the message of the line `bytes[start, end)` starts, after any prefix an SGLang batch line is
 * written with; -1 when the string path must read the prefix. Sets the ranks of `into` (`defaultDp`
 * for a DP the tag does not name) and remembers the stamp for `prefixTime`.
 */
export function readPrefixBytes(bytes: Uint8Array, start: number, end: number, into: SglangBatchLine, defaultDp: number): number {
  into.dp = defaultDp;
  into.tp = into.ep = into.pp = 0;
  into.ranksFromTag = false;
  let p = start;
  if (bytes[p] !== 91) p = skipActorPrefix(bytes, skipSrunLabel(bytes, p, end), end);
  const c = bytes[p];
  if (c === 91) return bracketPrefix(bytes, p, end, into);
  if (c === 27) return ansiPrefix(bytes, p, end);
  if (isDigit(c)) return isoPrefix(bytes, p, end);
  return -1;
}

/** The stamp of the prefix `readPrefixBytes` last read, as UTC ms; NaN when it is not a valid stamp. */
export function prefixTime(bytes: Uint8Array): number {
  const i = stampAt;
  if (bytes[i + 4] !== 45 || bytes[i + 7] !== 45 || bytes[i + 10] !== stampSep || bytes[i + 13] !== 58 || bytes[i + 16] !== 58) return NaN;
  const year = two(bytes, i) * 100 + two(bytes, i + 2);
  const base = composeUtc(year, two(bytes, i + 5), two(bytes, i + 8), two(bytes, i + 11), two(bytes, i + 14), two(bytes, i + 17));
  return base + stampFraction - stampOffset;
}
