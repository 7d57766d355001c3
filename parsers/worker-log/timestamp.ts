/**
 * Timestamp readers for the stamp formats in worker logs. Each reads digits in place (no regex,
 * no substring) and returns ms since the epoch, or NaN when the text is not that format.
 * Naive stamps are UTC: srt-slurm nodes log in UTC and the job metadata says so too.
 */

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1e6; // poison: any bad digit makes the whole field negative
}

function two(s: string, i: number): number {
  return digit(s, i) * 10 + digit(s, i + 1);
}

function four(s: string, i: number): number {
  return two(s, i) * 100 + two(s, i + 2);
}

// Date.UTC per line is measurable at 1M lines/s; consecutive lines nearly always share the hour.
let cachedHourKey = -1;
let cachedHourMs = 0;

function hourMs(year: number, month: number, day: number, hour: number): number {
  const key = ((year * 100 + month) * 100 + day) * 100 + hour;
  if (key !== cachedHourKey) {
    cachedHourMs = Date.UTC(year, month - 1, day, hour);
    cachedHourKey = key;
  }
  return cachedHourMs;
}

/** UTC ms of checked date and clock parts; NaN when a part is out of range (or a poisoned digit). */
export function composeUtc(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23) return NaN;
  if (minute < 0 || minute > 59 || second < 0 || second > 60) return NaN;
  return hourMs(year, month, day, hour) + minute * 60_000 + second * 1000;
}

/** Index past the fractional-seconds digits (`.ffffff` or `,fff`) that may follow position `i`. */
function fractionEnd(s: string, i: number, end: number): number {
  const c = s.charCodeAt(i);
  if (i >= end || (c !== 46 && c !== 44)) return i;
  let j = i + 1;
  while (j < end && digit(s, j) >= 0) j++;
  return j;
}

/** The fraction as ms: integer digits over a power of ten, so `.006497` is exactly 6.497. */
function fractionMs(s: string, i: number, j: number): number {
  if (j - i < 2 || j - i > 16) return 0;
  let value = 0;
  for (let k = i + 1; k < j; k++) value = value * 10 + digit(s, k);
  return (value * 1000) / 10 ** (j - i - 1);
}

/** `HH:MM:SS` at `i` plus the date parts; NaN if malformed. */
function withClock(s: string, i: number, year: number, month: number, day: number): number {
  if (s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return NaN;
  return composeUtc(year, month, day, two(s, i), two(s, i + 3), two(s, i + 6));
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` (SGLang, Python logging) or ISO `YYYY-MM-DDTHH:MM:SS[.ffffff][Z|±HH:MM]`. */
export function readDateTime(s: string, i: number, end: number): number {
  if (end - i < 19 || s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45) return NaN;
  const base = withClock(s, i + 11, four(s, i), two(s, i + 5), two(s, i + 8));
  if (Number.isNaN(base)) return NaN;
  const fracEnd = fractionEnd(s, i + 19, end);
  return base + fractionMs(s, i + 19, fracEnd) - offsetMs(s, fracEnd, end);
}

// Dynamo uses `Z`; DYN_LOG_USE_LOCAL_TZ switches to a `+08:00` style offset.
function offsetMs(s: string, i: number, end: number): number {
  const c = s.charCodeAt(i);
  if (i + 6 > end || (c !== 43 && c !== 45) || s.charCodeAt(i + 3) !== 58) return 0;
  const minutes = two(s, i + 1) * 60 + two(s, i + 4);
  if (minutes < 0) return 0;
  return (c === 45 ? -minutes : minutes) * 60_000;
}

/** TRT-LLM `MM/DD/YYYY-HH:MM:SS`. */
export function readTrtllmDateTime(s: string, i: number, end: number): number {
  if (end - i < 19 || s.charCodeAt(i + 2) !== 47 || s.charCodeAt(i + 5) !== 47) return NaN;
  return withClock(s, i + 11, four(s, i + 6), two(s, i), two(s, i + 3));
}

/** vLLM `MM-DD HH:MM:SS` has no year; the caller supplies one or gets NaN. */
export function readYearlessDateTime(s: string, i: number, end: number, year: number | undefined): number {
  if (year === undefined || end - i < 14 || s.charCodeAt(i + 2) !== 45) return NaN;
  return withClock(s, i + 6, year, two(s, i), two(s, i + 3));
}

/** True if `s[i..]` starts like `YYYY-MM-DD`. */
export function looksLikeDate(s: string, i: number): boolean {
  return four(s, i) >= 0 && s.charCodeAt(i + 4) === 45;
}
