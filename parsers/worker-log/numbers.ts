/** Powers of ten that are exact doubles, so `mantissa / POW10[k]` rounds exactly like parseFloat. */
export const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Reads a plain decimal (`-12`, `0.29`, `1082.11`) spanning exactly `s[start, end)`; NaN otherwise.
 * Hand-rolled because it runs for every field of every batch line and avoids a substring per value.
 */
export function parseDecimal(s: string, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (i < end && s.charCodeAt(i) === 45) {
    negative = true;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0) {
      fraction = 0;
    } else {
      return NaN;
    }
  }
  if (digits === 0) return NaN;
  if (digits > 15 || fraction > 22) return slowDecimal(s, start, end);
  const value = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
  return negative ? -value : value;
}

// Only reached for >15 significant digits (e.g. TRT-LLM's elapsed_time = 0.005060911178588867).
function slowDecimal(s: string, start: number, end: number): number {
  const value = Number(s.slice(start, end));
  return Number.isFinite(value) ? value : NaN;
}

/** Index just past the numeric prefix of `s[start, end)` (sign, digits, one dot). */
export function numberEnd(s: string, start: number, end: number): number {
  let i = start;
  if (i < end && s.charCodeAt(i) === 45) i++;
  let dot = false;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 && !dot) dot = true;
    else if (c < 48 || c > 57) break;
  }
  return i;
}

/** Reads the number that starts a value such as `8.23 GB`, `10.26 s`, `95.9%`; NaN if none. */
export function leadingNumber(s: string, start: number, end: number): number {
  while (start < end && s.charCodeAt(start) === 32) start++;
  return parseDecimal(s, start, numberEnd(s, start, end));
}

/** True for space, tab and the `\r` a progress bar can leave behind. */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

/** Moves `end` left past blanks and the given trailing punctuation (`,` `.`). */
export function trimEnd(s: string, start: number, end: number, punctuation = ""): number {
  while (end > start) {
    const c = s.charCodeAt(end - 1);
    if (isBlank(c) || (punctuation !== "" && punctuation.indexOf(s[end - 1]) >= 0)) end--;
    else break;
  }
  return end;
}

/** Bounded cache so garbage keys from a corrupt log cannot grow memory without limit. */
const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 512;

/**
 * Turns a raw field name into a stable camelCase key: `#cache_miss` -> `cacheMiss`,
 * `spec throughput (token/s)` -> `specThroughput`, `'num_ctx_tokens'` -> `numCtxTokens`.
 */
export function normaliseKey(raw: string): string {
  const cached = keyCache.get(raw);
  if (cached !== undefined) return cached;
  const words = raw
    .replace(/\(.*?\)/g, " ")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "");
  const key = words
    .map((word, i) => (i === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1).toLowerCase()))
    .join("");
  // Copy the raw key: a substring would keep the whole decoded chunk it was cut from alive.
  if (keyCache.size < KEY_CACHE_LIMIT) keyCache.set(JSON.parse(JSON.stringify(raw)) as string, key);
  return key;
}

/** Rounds away float noise from sums such as K size + V size. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
