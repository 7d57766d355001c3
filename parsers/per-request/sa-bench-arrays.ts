/**
 * A streaming reader of the per-request arrays of an sa-bench (vLLM benchmark_serving) result file.
 * Chunks go in as they come off disk; only the numbers we keep are held, so a 300 MB file costs a
 * few arrays of one number per request. `itls` (one list per request) is folded into a sum and a
 * count per request as it streams by; `generated_texts` is skipped without decoding.
 *
 * Reads the first top-level object only (sa-bench writes one); Python's NaN/Infinity become null.
 */

// The byte values are local constants on purpose (json-scan.ts has the same ones): imported from a shared
// module they are live bindings, and the per-byte loop below ran about 2x slower (measured, 48 MiB).
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

/** Exact powers of ten: dividing by one rounds once, as parseFloat does for short mantissas. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Error texts longer than this are cut: a traceback per failed request must not grow memory unbounded. */
export const MAX_ERROR_CHARS = 2000;

/** Top-level keys holding one number per request. */
const NUMBER_KEYS = ["input_lens", "output_lens", "ttfts", "start_times"] as const;
type NumberKey = (typeof NUMBER_KEYS)[number];

export interface SaBenchArrays {
  inputLens: (number | null)[];
  outputLens: (number | null)[];
  /** Seconds, as sa-bench writes them. */
  ttfts: (number | null)[];
  /** Request start times (unix seconds), only in forks that write `start_times`. */
  startTimes: (number | null)[];
  /** Sum (seconds) and count of each request's inter-token latencies; null where the list was null. */
  itlSums: (number | null)[];
  itlCounts: number[];
  errors: string[];
  /** Which of the arrays the file had at all. */
  present: Set<string>;
  /** Problems met, with the byte offset where there is one. */
  issues: string[];
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function isDelimiter(b: number): boolean {
  return b === COMMA || b === CLOSE_BRACKET || b === CLOSE_BRACE || b === COLON || isSpace(b) || b === OPEN_BRACKET || b === OPEN_BRACE || b === QUOTE;
}

/** A number token parsed byte by byte, so it may span chunks. */
class NumberToken {
  active = false;
  private negative = false;
  private mantissa = 0;
  private fraction = 0;
  private inFraction = false;
  private inExponent = false;
  private exponent = 0;
  private expNegative = false;
  private digits = 0;
  private bad = false;

  start(): void {
    this.active = true;
    this.negative = this.inFraction = this.inExponent = this.expNegative = this.bad = false;
    this.mantissa = this.fraction = this.exponent = this.digits = 0;
  }

  add(b: number): void {
    if (b >= 0x30 && b <= 0x39) {
      const d = b - 0x30;
      if (this.inExponent) this.exponent = this.exponent * 10 + d;
      else {
        this.mantissa = this.mantissa * 10 + d;
        this.digits++;
        if (this.inFraction) this.fraction++;
      }
    } else if (b === 0x2d && this.digits === 0 && !this.inExponent) this.negative = true;
    else if (b === 0x2e && !this.inFraction && !this.inExponent) this.inFraction = true;
    else if ((b === 0x65 || b === 0x45) && !this.inExponent) this.inExponent = true;
    else if (this.inExponent && (b === 0x2d || b === 0x2b)) this.expNegative = b === 0x2d;
    // Letters: null, true, NaN, Infinity. All are "missing" here.
    else this.bad = true;
  }

  /** The value, or null for a non-number token (null, NaN, Infinity...). */
  finish(): number | null {
    this.active = false;
    if (this.bad || this.digits === 0) return null;
    const exp = (this.expNegative ? -this.exponent : this.exponent) - this.fraction;
    // Dividing by an exact power of ten rounds once, like parseFloat does for short mantissas.
    const magnitude = exp < 0 ? this.mantissa / 10 ** -exp : this.mantissa * 10 ** exp;
    return this.negative ? -magnitude : magnitude;
  }
}

export class SaBenchArrayScanner {
  private readonly out: SaBenchArrays = {
    inputLens: [], outputLens: [], ttfts: [], startTimes: [], itlSums: [], itlCounts: [], errors: [], present: new Set(), issues: [],
  };
  private depth = 0;
  private offset = 0;
  private done = false;
  private expectKey = false;
  private key: string | null = null;
  private inString = false;
  private escaped = false;
  private stringParts: Uint8Array[] = [];
  private stringBytes = 0;
  private collectString = false;
  private readonly token = new NumberToken();
  private itlSum = 0;
  private itlCount = 0;
  private itlNull = false;

  /** Feed the next chunk of the file. */
  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length && !this.done) {
      if (this.inString) i = this.scanString(chunk, i);
      else if (this.depth === 3 && !this.token.active && this.key === "itls") {
        // Nearly all of a big file is itls numbers: sum them in a tight loop, not byte by byte.
        const next = this.fastItls(chunk, i);
        if (next === i) this.byte(chunk[i++]);
        else i = next;
      } else this.byte(chunk[i++]);
    }
    this.offset += chunk.length;
  }

  /** The arrays read; an unfinished file adds an issue (the requests read so far are kept). */
  finish(): SaBenchArrays {
    // A number still open at the end of a cut file may itself be cut (0.2 of 0.25): drop it.
    if (!this.done) {
      this.out.issues.push(this.depth === 0 && this.offset === 0 ? "empty file" : `file ends inside the JSON (byte ${this.offset}); requests read so far are kept`);
    }
    return this.out;
  }

  /**
   * Sum plain decimal numbers of one request's itls list from `from`; returns where it stopped: at
   * anything else (a bracket, a NaN, a null) or at the start of a number the chunk cuts, which the
   * byte-by-byte path then reads across the boundary.
   */
  private fastItls(chunk: Uint8Array, from: number): number {
    let i = from;
    const n = chunk.length;
    let sum = 0;
    let count = 0;
    let stop = -1;
    while (stop < 0) {
      while (i < n && (chunk[i] === COMMA || chunk[i] === 0x20)) i++;
      if (i >= n) {
        stop = i;
        break;
      }
      const start = i;
      let b = chunk[i];
      const negative = b === 0x2d;
      if (negative) b = chunk[++i];
      if (!(b >= 0x30 && b <= 0x39)) {
        stop = start;
        break;
      }
      let mantissa = 0;
      let fraction = -1;
      for (; i < n; i++) {
        b = chunk[i];
        if (b >= 0x30 && b <= 0x39) {
          mantissa = mantissa * 10 + (b - 0x30);
          if (fraction >= 0) fraction++;
        } else if (b === 0x2e && fraction < 0) fraction = 0;
        else break;
      }
      // Cut by the chunk, an exponent or a long fraction: leave it to the careful path.
      if (i >= n || b === 0x65 || b === 0x45 || fraction >= POW10.length) {
        stop = start;
        break;
      }
      const value = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
      sum += negative ? -value : value;
      count++;
    }
    this.itlSum += sum;
    this.itlCount += count;
    return stop;
  }

  /** Skip (or collect) string bytes up to the closing quote; returns the next position. */
  private scanString(chunk: Uint8Array, from: number): number {
    let start = from;
    if (this.escaped) {
      this.escaped = false;
      start++;
    }
    let at = start;
    for (;;) {
      const quote = chunk.indexOf(QUOTE, at);
      const end = quote < 0 ? chunk.length : quote;
      let slashes = 0;
      while (end - 1 - slashes >= start && chunk[end - 1 - slashes] === BACKSLASH) slashes++;
      if (quote < 0) {
        this.escaped = slashes % 2 === 1;
        this.keepStringBytes(chunk, from, chunk.length);
        return chunk.length;
      }
      if (slashes % 2 === 1) {
        at = quote + 1;
        start = quote + 1;
        continue;
      }
      this.keepStringBytes(chunk, from, quote);
      this.inString = false;
      this.endString();
      return quote + 1;
    }
  }

  private keepStringBytes(chunk: Uint8Array, from: number, to: number): void {
    if (!this.collectString || to <= from || this.stringBytes > MAX_ERROR_CHARS * 4) return;
    this.stringParts.push(chunk.slice(from, to));
    this.stringBytes += to - from;
  }

  private byte(b: number): void {
    if (this.token.active) {
      if (!isDelimiter(b)) return this.token.add(b);
      this.endToken();
    }
    if (isSpace(b)) return;
    if (b === QUOTE) return this.startString();
    if (b === OPEN_BRACE || b === OPEN_BRACKET) return this.open(b);
    if (b === CLOSE_BRACE || b === CLOSE_BRACKET) return this.close();
    if (b === COLON) {
      if (this.depth === 1) this.expectKey = false;
      return;
    }
    if (b === COMMA) {
      if (this.depth === 1) this.expectKey = true;
      return;
    }
    if (this.depth === 0) {
      this.out.issues.push(`not a JSON object at byte ${this.offset}`);
      this.done = true;
      return;
    }
    this.token.start();
    this.token.add(b);
  }

  private startString(): void {
    this.inString = true;
    this.escaped = false;
    this.stringParts = [];
    this.stringBytes = 0;
    const keyString = this.depth === 1 && this.expectKey;
    this.collectString = keyString || (this.key === "errors" && this.depth === 2);
  }

  private endString(): void {
    if (!this.collectString) return;
    const text = decodeJsonString(this.stringParts);
    this.stringParts = [];
    if (this.depth === 1 && this.expectKey) {
      this.key = text;
      if (text === "errors" || text === "itls" || (NUMBER_KEYS as readonly string[]).includes(text)) this.out.present.add(text);
    } else this.out.errors.push(text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text);
  }

  private open(b: number): void {
    this.depth++;
    if (this.depth === 1) {
      if (b !== OPEN_BRACE) {
        this.out.issues.push("top-level JSON value is a list, not an object");
        this.done = true;
      }
      this.expectKey = true;
    } else if (this.key === "itls" && this.depth === 3) {
      this.itlSum = 0;
      this.itlCount = 0;
      this.itlNull = false;
    }
  }

  private close(): void {
    if (this.key === "itls" && this.depth === 3) {
      this.out.itlSums.push(this.itlNull ? null : this.itlSum);
      this.out.itlCounts.push(this.itlCount);
    }
    this.depth--;
    if (this.depth === 0) this.done = true;
  }

  private endToken(): void {
    const value = this.token.finish();
    const key = this.key;
    if (key === null) return;
    if (this.depth === 2 && (NUMBER_KEYS as readonly string[]).includes(key)) this.numberArray(key as NumberKey).push(value);
    else if (this.depth === 2 && key === "errors") this.out.errors.push("");
    else if (this.depth === 2 && key === "itls") {
      this.out.itlSums.push(null);
      this.out.itlCounts.push(0);
    } else if (this.depth === 3 && key === "itls") {
      if (value === null) this.itlNull = true;
      else {
        this.itlSum += value;
        this.itlCount++;
      }
    }
  }

  private numberArray(key: NumberKey): (number | null)[] {
    if (key === "input_lens") return this.out.inputLens;
    if (key === "output_lens") return this.out.outputLens;
    if (key === "ttfts") return this.out.ttfts;
    return this.out.startTimes;
  }
}

const decoder = new TextDecoder();

function decodeJsonString(parts: Uint8Array[]): string {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  const raw = decoder.decode(bytes);
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    // A string cut by our byte cap may end inside an escape: show it as written.
    return raw;
  }
}

/** Read the per-request arrays from a whole file's bytes or from a list of chunks. */
export function scanSaBenchArrays(chunks: Iterable<Uint8Array>): SaBenchArrays {
  const scanner = new SaBenchArrayScanner();
  for (const chunk of chunks) scanner.push(chunk);
  return scanner.finish();
}
