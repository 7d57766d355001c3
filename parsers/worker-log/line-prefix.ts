import { looksLikeDate, readDateTime, readTrtllmDateTime, readYearlessDateTime } from "./timestamp";

/** Timestamp formats a prefix can carry. */
export const TS_NONE = 0;
/** `YYYY-MM-DD HH:MM:SS` (SGLang) and ISO-8601 (dynamo). */
export const TS_DATETIME = 1;
/** `MM/DD/YYYY-HH:MM:SS` (TRT-LLM). */
export const TS_TRTLLM = 2;
/** `MM-DD HH:MM:SS` (vLLM), no year. */
export const TS_YEARLESS = 3;

/**
 * Result of scanning a line's prefix. One instance is reused for every line so noise lines cost no
 * allocation: only positions are recorded; the timestamp and ranks are decoded on demand.
 */
export class LinePrefix {
  /** Where the log message starts (the line start when no prefix was recognised). */
  bodyStart = 0;
  tsKind = TS_NONE;
  tsStart = 0;
  /** The rank tag inside SGLang's bracket, e.g. ` DP0 TP0 EP0`; empty range when absent. */
  tagStart = 0;
  tagEnd = 0;
  /** Coloured output we could not read in place: strip the ANSI codes and scan again. */
  needsStrip = false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function skipSpaces(s: string, i: number, end: number): number {
  while (i < end && s.charCodeAt(i) === 32) i++;
  return i;
}

/** Skips NUL padding, stray control bytes and U+FFFD left by invalid UTF-8 ahead of a real line. */
function skipJunk(s: string, i: number, end: number): number {
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!((c < 32 && c !== 9 && c !== 27) || c === 0xfffd)) break;
  }
  return i;
}

/** `srun --label` puts `0: ` in front of every line. */
function skipSrunLabel(s: string, i: number, end: number): number {
  let j = i;
  while (j < end && j - i < 5 && isDigit(s.charCodeAt(j))) j++;
  if (j > i && s.charCodeAt(j) === 58 && s.charCodeAt(j + 1) === 32) return j + 2;
  return i;
}

/** Ray `(CommandActor pid=N) ` and vLLM `(APIServer pid=N) ` / `(EngineCore_DP0 pid=N) `. */
function skipActorPrefix(s: string, i: number, end: number): number {
  if (s.charCodeAt(i) !== 40) return i;
  const close = s.indexOf(")", i);
  if (close < 0 || close >= end || close - i > 160) return i;
  const pid = s.indexOf("pid=", i);
  return pid > i && pid < close ? skipSpaces(s, close + 1, end) : i;
}

/** Past `.ffffff` / `,fff` fractional seconds. */
function skipFraction(s: string, i: number, end: number): number {
  const c = s.charCodeAt(i);
  if (i >= end || (c !== 46 && c !== 44)) return i;
  i++;
  while (i < end && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/** `[TS ranks]` then any `[file.py:424][INFO]` or ` [TRT-LLM] [I]` groups, then an optional `: `. */
function scanBracketPrefix(s: string, i: number, end: number, out: LinePrefix): number {
  const close = s.indexOf("]", i);
  if (close < 0 || close >= end || !isDigit(s.charCodeAt(i + 1))) return i;
  const tsStart = i + 1;
  if (s.charCodeAt(tsStart + 4) === 45) {
    out.tsKind = TS_DATETIME;
    out.tagStart = skipFraction(s, tsStart + 19, close);
    out.tagEnd = close;
  } else if (s.charCodeAt(tsStart + 2) === 47) {
    out.tsKind = TS_TRTLLM;
  } else {
    return i; // `[1/10]` and friends are not log prefixes
  }
  out.tsStart = tsStart;
  return skipBracketGroups(s, close + 1, end);
}

/** Skips `[INFO]`-style groups and a `:` that end a prefix. */
function skipBracketGroups(s: string, q: number, end: number): number {
  for (;;) {
    q = skipSpaces(s, q, end);
    if (s.charCodeAt(q) !== 91) break;
    const next = s.indexOf("]", q);
    if (next < 0 || next >= end) break;
    q = next + 1;
  }
  if (s.charCodeAt(q) === 58) q++;
  return skipSpaces(s, q, end);
}

/**
 * Dynamo (ANSI already stripped): `2025-12-30T15:52:33.006497Z  INFO target: message`; also the
 * orchestrator-style `2026-04-21 14:10:29 [INFO] message`.
 */
function scanIsoPrefix(s: string, i: number, end: number, out: LinePrefix): number {
  const sep = s.charCodeAt(i + 10);
  if (!looksLikeDate(s, i) || (sep !== 84 && sep !== 32)) return i;
  out.tsKind = TS_DATETIME;
  out.tsStart = i;
  let j = skipFraction(s, i + 19, end);
  while (j < end && s.charCodeAt(j) !== 32) j++; // `Z` or `+08:00`
  j = skipSpaces(s, j, end);
  if (s.charCodeAt(j) === 91) return skipBracketGroups(s, j, end);
  while (j < end && s.charCodeAt(j) >= 65 && s.charCodeAt(j) <= 90) j++; // level
  j = skipSpaces(s, j, end);
  let k = j;
  while (k < end && s.charCodeAt(k) !== 32) k++;
  return k > j && s.charCodeAt(k - 1) === 58 ? skipSpaces(s, k, end) : j;
}

/** Past `ESC [ ... m` colour codes at `i`. */
function skipAnsi(s: string, i: number, end: number): number {
  while (i < end && s.charCodeAt(i) === 27) {
    const m = s.indexOf("m", i);
    if (m < 0 || m >= end || m - i > 12) return i;
    i = m + 1;
  }
  return i;
}

/**
 * Dynamo's coloured format, read in place (stripping costs a string per line):
 * `ESC[2m<ISO>ESC[0m ESC[32m INFOESC[0m ESC[2m<target>ESC[0mESC[2m:ESC[0m <message>`.
 * Returns -1 when the line is coloured some other way.
 */
function scanAnsiPrefix(s: string, i: number, end: number, out: LinePrefix): number {
  const ts = skipAnsi(s, i, end);
  if (!looksLikeDate(s, ts) || s.charCodeAt(ts + 10) !== 84) return -1;
  const colon = s.indexOf(":\x1b[0m ", ts);
  if (colon < 0 || colon >= end || colon - ts > 300) return -1;
  out.tsKind = TS_DATETIME;
  out.tsStart = ts;
  return skipSpaces(s, colon + 6, end);
}

/** Coloured lines we cannot read in place are flagged for stripping and a second scan. */
function scanColouredPrefix(s: string, i: number, end: number, out: LinePrefix): number {
  const body = scanAnsiPrefix(s, i, end, out);
  if (body >= 0) return body;
  out.needsStrip = true;
  return i;
}

/** vLLM: `INFO 05-19 10:13:11 [loggers.py:271] message` (older: `... metrics.py:341] message`). */
function scanVllmPrefix(s: string, i: number, end: number, out: LinePrefix): number {
  let j = i;
  while (j < end && s.charCodeAt(j) >= 65 && s.charCodeAt(j) <= 90) j++;
  const k = j + 1;
  if (j - i < 4 || j - i > 8 || s.charCodeAt(j) !== 32) return i;
  if (!isDigit(s.charCodeAt(k)) || s.charCodeAt(k + 2) !== 45 || s.charCodeAt(k + 5) !== 32) return i;
  out.tsKind = TS_YEARLESS;
  out.tsStart = k;
  let q = skipSpaces(s, k + 14, end);
  let t = q;
  while (t < end && s.charCodeAt(t) !== 32) t++;
  if (t > q && s.charCodeAt(t - 1) === 93) q = skipSpaces(s, t, end);
  return q;
}

/** Finds where the message of `s[start, end)` begins and notes the timestamp and rank tag. */
export function scanPrefix(s: string, start: number, end: number, out: LinePrefix): void {
  out.tsKind = TS_NONE;
  out.tagStart = 0;
  out.tagEnd = 0;
  out.needsStrip = false;
  let p = skipJunk(s, start, end);
  p = skipActorPrefix(s, skipSrunLabel(s, p, end), end);
  const c = s.charCodeAt(p);
  if (c === 91) p = scanBracketPrefix(s, p, end, out);
  else if (c === 27) p = scanColouredPrefix(s, p, end, out);
  else if (isDigit(c)) p = scanIsoPrefix(s, p, end, out);
  else if (c >= 65 && c <= 90) p = scanVllmPrefix(s, p, end, out);
  out.bodyStart = p;
}

/** The prefix timestamp as ms since the epoch, or null. */
export function prefixTimestamp(s: string, prefix: LinePrefix, end: number, yearHint: number | undefined): number | null {
  let ms = NaN;
  if (prefix.tsKind === TS_DATETIME) ms = readDateTime(s, prefix.tsStart, end);
  else if (prefix.tsKind === TS_TRTLLM) ms = readTrtllmDateTime(s, prefix.tsStart, end);
  else if (prefix.tsKind === TS_YEARLESS) ms = readYearlessDateTime(s, prefix.tsStart, end, yearHint);
  return Number.isNaN(ms) ? null : ms;
}

/** Ranks a record can carry. */
export interface Ranks {
  dp: number;
  tp: number;
  ep: number;
  pp: number;
  ranksFromTag: boolean;
}

/** Reads `DPd TPt EPe PPp` (any subset, any order) from the prefix tag into `into`. */
export function readRanks(s: string, prefix: LinePrefix, into: Ranks): void {
  let i = prefix.tagStart;
  const end = prefix.tagEnd;
  while (i < end) {
    i = skipSpaces(s, i, end);
    const a = s.charCodeAt(i);
    let j = i + 2;
    let value = 0;
    while (j < end && isDigit(s.charCodeAt(j))) value = value * 10 + (s.charCodeAt(j++) - 48);
    if (j > i + 2 && s.charCodeAt(i + 1) === 80) setRank(a, value, into);
    while (j < end && s.charCodeAt(j) !== 32) j++;
    i = j;
  }
}

function setRank(letter: number, value: number, into: Ranks): void {
  if (letter === 68) into.dp = value;
  else if (letter === 84) into.tp = value;
  else if (letter === 69) into.ep = value;
  else if (letter === 80) into.pp = value;
  else return;
  into.ranksFromTag = true;
}
