/**
 * A JSON reader for benchmark result files that skips the values of chosen top-level keys without
 * materialising them. sa-bench results carry per-request arrays (`ttfts`, `itls`, `generated_texts`...)
 * that make a file hundreds of MB; JSON.parse of the whole text would cost time and several times the
 * file size in memory, while the numbers we keep are a few hundred bytes.
 *
 * Reads one top-level object, or several in a row (sglang.bench_serving appends one per line).
 * Python's `NaN`, `Infinity` and `-Infinity` tokens become null.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LETTER_F = 0x66;
const LETTER_N = 0x6e;
const LETTER_T = 0x74;
/** RFC 8259's number grammar: what JSON.parse accepts, so `01` or `1.` still fail as invalid. */
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
/** Openers first, then closers, then the quote: valueEnd relies on this order. */
const STRUCTURAL = [OPEN_BRACKET, OPEN_BRACE, CLOSE_BRACKET, CLOSE_BRACE, QUOTE];
const QUOTE_INDEX = 4;

export type JsonRecord = Record<string, unknown>;

export type JsonScanResult =
  | { ok: true; records: JsonRecord[] }
  | {
      ok: false;
      kind: "empty" | "truncated" | "invalid" | "not-object";
      message: string;
      /** Records that were complete before the problem (JSON Lines). */
      records: JsonRecord[];
    };

export interface JsonScanOptions {
  /** Top-level keys whose values are skipped unread. */
  skipKeys: ReadonlySet<string>;
  /** Other values longer than this many bytes are skipped too (a foreign per-request array). */
  maxValueBytes?: number;
}

class ScanError extends Error {
  constructor(
    readonly kind: "truncated" | "invalid",
    readonly pos: number,
    what: string,
  ) {
    super(what);
  }
}

const decoder = new TextDecoder();
/**
 * For a string's contents without its quotes: a default decoder drops a leading U+FEFF as a byte order
 * mark, where JSON.parse keeps it as a character of the string.
 */
const contentDecoder = new TextDecoder("utf-8", { ignoreBOM: true });

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

class Scanner {
  pos = 0;
  /** Buffer#latin1Slice when `bytes` is a Node Buffer (what readFileSync gives). */
  readonly latin1: ((this: Uint8Array, start: number, end: number) => string) | null;
  constructor(readonly bytes: Uint8Array) {
    const slice = (bytes as { latin1Slice?: unknown }).latin1Slice;
    this.latin1 = typeof slice === "function" ? (slice as (this: Uint8Array, start: number, end: number) => string) : null;
  }

  skipSpace(): void {
    const { bytes } = this;
    while (this.pos < bytes.length && isSpace(bytes[this.pos])) this.pos++;
  }

  expect(byte: number, what: string): void {
    this.skipSpace();
    if (this.pos >= this.bytes.length) throw new ScanError("truncated", this.pos, `expected ${what}`);
    if (this.bytes[this.pos] !== byte) throw new ScanError("invalid", this.pos, `expected ${what}`);
    this.pos++;
  }

  /** Position just after the closing quote of the string whose opening quote is at `start`. */
  stringEnd(start: number): number {
    const { bytes } = this;
    let at = start + 1;
    for (;;) {
      // indexOf is native (memchr on a Node Buffer): strings are skipped at memory speed.
      const quote = bytes.indexOf(QUOTE, at);
      if (quote < 0) throw new ScanError("truncated", bytes.length, "unterminated string");
      let slashes = 0;
      while (bytes[quote - 1 - slashes] === BACKSLASH) slashes++;
      if (slashes % 2 === 0) return quote + 1;
      at = quote + 1;
    }
  }

  /** Position just after the value starting at `start` (which is not whitespace). */
  valueEnd(start: number): number {
    const { bytes } = this;
    const first = bytes[start];
    if (first === QUOTE) return this.stringEnd(start);
    if (first !== OPEN_BRACKET && first !== OPEN_BRACE) return this.scalarEnd(start);
    // Only brackets, braces and quotes matter inside a value. Keep the next position of each and jump
    // between them with native indexOf instead of visiting every digit of a 100 MB `itls` array.
    const next = STRUCTURAL.map((byte) => this.find(byte, start));
    let depth = 0;
    for (;;) {
      let which = 0;
      for (let i = 1; i < next.length; i++) if (next[i] < next[which]) which = i;
      const pos = next[which];
      if (pos === Infinity) throw new ScanError("truncated", bytes.length, "unterminated array or object");
      let resume = pos + 1;
      if (which === QUOTE_INDEX) resume = this.stringEnd(pos);
      else if (which < 2) depth++;
      else if (--depth === 0) return pos + 1;
      for (let i = 0; i < next.length; i++) if (next[i] < resume) next[i] = this.find(STRUCTURAL[i], resume);
    }
  }

  /**
   * The value between `start` and `end`. Strings without escapes, numbers and literals (nearly every
   * value a result file keeps) are read here; the rest goes through JSON.parse, as they all once did
   * (~80 decode + JSON.parse calls a file were most of a cold 1,000-run load's parse).
   */
  value(start: number, end: number): unknown {
    const first = this.bytes[start];
    if (first === QUOTE) {
      const text = this.plainString(start, end);
      if (text !== null) return text;
    } else if (first === MINUS || (first >= DIGIT_0 && first <= DIGIT_9)) {
      const text = this.ascii(start, end);
      if (JSON_NUMBER.test(text)) return Number(text);
    } else if (end - start === 4 && first === LETTER_N && this.ascii(start, end) === "null") return null;
    else if (end - start === 4 && first === LETTER_T && this.ascii(start, end) === "true") return true;
    else if (end - start === 5 && first === LETTER_F && this.ascii(start, end) === "false") return false;
    return parseValue(decoder.decode(this.bytes.subarray(start, end)), start);
  }

  /** The text of the JSON string quoted at `start`..`end` when it needs no unescaping, else null. */
  plainString(start: number, end: number): string | null {
    const { bytes } = this;
    let ascii = true;
    for (let at = start + 1; at < end - 1; at++) {
      const b = bytes[at];
      // A backslash needs unescaping; a raw control character is invalid JSON: JSON.parse says so.
      if (b === BACKSLASH || b < 0x20) return null;
      if (b >= 0x80) ascii = false;
    }
    return ascii ? this.ascii(start + 1, end - 1) : contentDecoder.decode(bytes.subarray(start + 1, end - 1));
  }

  /** Bytes known to be ASCII as a string: natively on a Node Buffer, else one char at a time. */
  ascii(start: number, end: number): string {
    const { bytes } = this;
    if (this.latin1) return this.latin1.call(bytes, start, end);
    let text = "";
    for (let at = start; at < end; at++) text += String.fromCharCode(bytes[at]);
    return text;
  }

  find(byte: number, from: number): number {
    const pos = this.bytes.indexOf(byte, from);
    return pos < 0 ? Infinity : pos;
  }

  scalarEnd(start: number): number {
    const { bytes } = this;
    let at = start;
    while (at < bytes.length) {
      const b = bytes[at];
      if (b === COMMA || b === CLOSE_BRACE || b === CLOSE_BRACKET || isSpace(b)) return at;
      at++;
    }
    throw new ScanError("truncated", bytes.length, "value cut short");
  }

  readObject(options: JsonScanOptions): JsonRecord {
    const limit = options.maxValueBytes ?? 1 << 20;
    const record: JsonRecord = {};
    this.expect(OPEN_BRACE, "'{'");
    this.skipSpace();
    if (this.bytes[this.pos] === CLOSE_BRACE) {
      this.pos++;
      return record;
    }
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.bytes.length) throw new ScanError("truncated", this.pos, "expected a key");
      if (this.bytes[this.pos] !== QUOTE) throw new ScanError("invalid", this.pos, "expected a quoted key");
      const keyEnd = this.stringEnd(this.pos);
      const key = this.plainString(this.pos, keyEnd) ?? parseKey(decoder.decode(this.bytes.subarray(this.pos, keyEnd)), this.pos);
      this.pos = keyEnd;
      this.expect(COLON, "':'");
      this.skipSpace();
      if (this.pos >= this.bytes.length) throw new ScanError("truncated", this.pos, "expected a value");
      const start = this.pos;
      const end = this.valueEnd(start);
      if (!options.skipKeys.has(key) && end - start <= limit) {
        const value = this.value(start, end);
        // defineProperty: a "__proto__" key is data, as in JSON.parse, not a prototype change. Only
        // then: defining every key that way left records slow to build and to read.
        if (key === "__proto__") Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
        else record[key] = value;
      }
      this.pos = end;
      this.skipSpace();
      if (this.pos >= this.bytes.length) throw new ScanError("truncated", this.pos, "expected ',' or '}'");
      const sep = this.bytes[this.pos++];
      if (sep === CLOSE_BRACE) return record;
      if (sep !== COMMA) throw new ScanError("invalid", this.pos - 1, "expected ',' or '}'");
    }
  }
}

const PYTHON_TOKEN = /^(?:-?Infinity|NaN)/;

/** Python's `NaN`/`Infinity` tokens outside string literals become `null`; strings are left alone. */
export function nullPythonTokens(text: string): string {
  let out = "";
  let copied = 0;
  for (let at = 0; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === QUOTE) {
      for (at++; at < text.length && text.charCodeAt(at) !== QUOTE; at++) if (text.charCodeAt(at) === BACKSLASH) at++;
    } else if (c === 0x4e || c === 0x49 || c === 0x2d) {
      const token = PYTHON_TOKEN.exec(text.slice(at, at + 9))?.[0];
      if (token) {
        out += text.slice(copied, at) + "null";
        at += token.length - 1;
        copied = at + 1;
      }
    }
  }
  return out + text.slice(copied);
}

function parseValue(text: string, pos: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(nullPythonTokens(text));
    } catch {
      throw new ScanError("invalid", pos, `not a JSON value: ${text.slice(0, 40).replace(/\s+/g, " ")}`);
    }
  }
}

function parseKey(text: string, pos: number): string {
  try {
    return JSON.parse(text) as string;
  } catch {
    throw new ScanError("invalid", pos, `bad key ${text.slice(0, 40)}`);
  }
}

/** 1-based line and column (in characters, as editors count) of a byte offset, for messages. */
export function lineColumn(bytes: Uint8Array, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0 && at < pos; at = bytes.indexOf(0x0a, at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: decoder.decode(bytes.subarray(lineStart, pos)).length + 1 };
}

/** Scan `bytes` as one JSON object or a sequence of them (JSON Lines), skipping `skipKeys` values. */
export function scanJsonObjects(bytes: Uint8Array, options: JsonScanOptions): JsonScanResult {
  const scanner = new Scanner(bytes);
  const records: JsonRecord[] = [];
  scanner.skipSpace();
  if (scanner.pos >= bytes.length) return { ok: false, kind: "empty", message: "empty file", records };
  if (bytes[scanner.pos] !== OPEN_BRACE) {
    const found = bytes[scanner.pos] === OPEN_BRACKET ? "a list" : "not an object";
    return { ok: false, kind: "not-object", message: `top-level JSON value is ${found}`, records };
  }
  try {
    while (scanner.pos < bytes.length) {
      records.push(scanner.readObject(options));
      scanner.skipSpace();
    }
    return { ok: true, records };
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    const { line, column } = lineColumn(bytes, error.pos);
    const message =
      error.kind === "truncated"
        ? `truncated at line ${line} column ${column}: ${error.message}`
        : `invalid JSON at line ${line} column ${column}: ${error.message}`;
    return { ok: false, kind: error.kind, message, records };
  }
}
