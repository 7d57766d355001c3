import { SglangBatchLine, type SglangBatchSink } from "./batch-sink";
import { LineContext, LineProblem, SunkBatch, type LineOptions, type LineOutcome } from "./context";
import { readLine } from "./parse-line";
import type { LogIssue, LogRecord, WorkerLogResult } from "./schemas";
import { readSglangBatchBytes } from "./sglang-batch-bytes";
import { SummaryBuilder } from "./summary";

/** Longest line we read. Longer ones (binary junk, runaway prints) are skipped with an issue. */
export const DEFAULT_MAX_LINE_LENGTH = 256 * 1024;
export const DEFAULT_MAX_ISSUES = 1000;
const SLICE_BYTES = 1 << 20;

/** Options of `createLogParser` / `parseWorkerLog`. */
export interface LogParserOptions extends LineOptions {
  /** Lines longer than this (bytes of a partial line, characters of a whole one) are skipped. */
  maxLineLength?: number;
  /** Issues beyond this are only counted (`summary.issuesSuppressed`). */
  maxIssues?: number;
  /** Receive records as they are parsed instead of collecting them (result.records stays empty). */
  onRecord?: (record: LogRecord) => void;
  /**
   * Receive SGLang batch lines as fields (a reused `SglangBatchLine`) instead of records: no object
   * per line, for callers that store columns. They still count in the summary; every other record
   * (TRT-LLM, vLLM, memory, parallel) still goes to `onRecord` / `result.records`.
   */
  batchSink?: SglangBatchSink;
  /**
   * Decodes a run of whole lines. It must give exactly what `TextDecoder("utf-8")` gives (invalid
   * bytes become U+FFFD); the hook lets a host with a faster decoder (Node: a Buffer's latin1 view
   * of pure-ASCII bytes, several times quicker) use it while this parser stays free of Node APIs.
   */
  decode?: (bytes: Uint8Array) => string;
}

/** A push parser: feed byte chunks of any size in order, then call `end()` once. */
export interface LogParser {
  push(chunk: Uint8Array): void;
  end(): WorkerLogResult;
  /** Bytes of an unfinished line held between pushes (never more than maxLineLength). */
  readonly pendingBytes: number;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Index of the first `\n` at or after `p`; `bytes[stop - 1]` must be one. Four bytes per step (a
 * word with a zero byte after XOR with `\n\n\n\n`): TypedArray indexOf is a runtime call per line,
 * which cost as much as reading a line's fields.
 */
function nextNewline(view: DataView, bytes: Uint8Array, p: number, stop: number): number {
  let i = p;
  for (const last = stop - 4; i <= last; i += 4) {
    const x = view.getInt32(i, true) ^ 0x0a0a0a0a;
    if (((x - 0x01010101) & ~x & 0x80808080) !== 0) break;
  }
  while (bytes[i] !== 10) i++;
  return i;
}

/**
 * Splits bytes into lines on `\n` only (a lone `\r` from a progress bar stays inside its line) and
 * decodes whole-line runs at once; invalid UTF-8 becomes U+FFFD and only damages its own line.
 * A partial last line is carried (bounded by maxLineLength) until its newline arrives.
 */
class WorkerLogParser implements LogParser {
  private readonly ctx: LineContext;
  private readonly decode: (bytes: Uint8Array) => string;
  private readonly maxLine: number;
  private readonly maxIssues: number;
  private readonly onRecord: ((record: LogRecord) => void) | undefined;
  private readonly records: LogRecord[] = [];
  private readonly issues: LogIssue[] = [];
  private readonly summary = new SummaryBuilder();
  /** The byte fast path's line, separate from the string path's scratch (see `readLines`). */
  private readonly fastLine = new SglangBatchLine();
  private carry: Uint8Array | null = null;
  private skipping = false;
  private ended = false;

  constructor(options: LogParserOptions) {
    this.ctx = new LineContext(options);
    this.maxLine = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    this.maxIssues = options.maxIssues ?? DEFAULT_MAX_ISSUES;
    this.onRecord = options.onRecord;
    this.ctx.batchSink = options.batchSink ?? null;
    if (options.decode !== undefined) {
      this.decode = options.decode;
    } else {
      const decoder = new TextDecoder("utf-8");
      this.decode = (bytes) => decoder.decode(bytes);
    }
  }

  get pendingBytes(): number {
    return this.carry?.length ?? 0;
  }

  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error("createLogParser: push() after end()");
    // A plain Uint8Array view: a Node Buffer's own indexOf is a C++ call, and one element kind keeps
    // the byte readers' loads monomorphic.
    const bytes = chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    // Decode at most a slice at a time: one string per whole file could exceed V8's string limit.
    for (let off = 0; off < bytes.length; off += SLICE_BYTES) this.pushSlice(bytes.subarray(off, off + SLICE_BYTES));
  }

  private pushSlice(chunk: Uint8Array): void {
    this.summary.bytes += chunk.length;
    let start = this.skipping ? this.skipOverlong(chunk) : 0;
    if (start < 0) return;
    if (this.carry !== null) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) return this.keep(chunk.subarray(start));
      const joined = concatBytes(this.carry, chunk.subarray(start, nl + 1));
      this.carry = null;
      this.readLines(joined, 0, joined.length);
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last >= start) {
      this.readLines(chunk, start, last + 1);
      start = last + 1;
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
  }

  end(): WorkerLogResult {
    if (!this.ended && this.carry !== null) this.readText(this.decode(this.carry), true);
    if (!this.ended && this.skipping) this.ctx.lineNo++; // the overlong last line still counts
    this.carry = null;
    this.ended = true;
    return { records: this.records, issues: this.issues, summary: this.summary.build(this.ctx.lineNo) };
  }

  /** Whole-text entry for string input. */
  pushText(text: string): void {
    this.summary.bytes += text.length;
    this.readText(text, true);
  }

  /** While skipping an overlong line: index after its newline, or -1 if this chunk is all of it. */
  private skipOverlong(chunk: Uint8Array): number {
    const nl = chunk.indexOf(10);
    if (nl < 0) return -1;
    this.skipping = false;
    this.ctx.lineNo++;
    return nl + 1;
  }

  /** Carries a partial line; past the cap it is dropped and the rest of it skipped. */
  private keep(bytes: Uint8Array): void {
    const size = (this.carry?.length ?? 0) + bytes.length;
    if (size > this.maxLine) {
      this.issue(this.ctx.lineNo + 1, `line is longer than ${this.maxLine} bytes; skipped (binary data or a runaway print?)`);
      this.carry = null;
      this.skipping = true;
      return;
    }
    // Copy: the caller may reuse its chunk buffer for the next read. (Not `bytes.slice()`: on a Node
    // Buffer that is a view, and parseLogFile's reused buffer then garbled lines across chunks.)
    this.carry = this.carry === null ? new Uint8Array(bytes) : concatBytes(this.carry, bytes);
  }

  /**
   * Reads whole lines `bytes[start, stop)` (ending in `\n`). With a batch sink, plain SGLang batch
   * lines go straight from the bytes to the sink; the lines between them are decoded and read as
   * text together. That run is read before the batch line is delivered, so line numbers and the
   * order of rows and issues stay as the string path alone would make them.
   */
  private readLines(bytes: Uint8Array, start: number, stop: number): void {
    const sink = this.ctx.batchSink;
    if (sink === null) return this.readText(this.decode(bytes.subarray(start, stop)), false);
    const line = this.fastLine;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let run = start;
    for (let p = start; p < stop; ) {
      const nl = nextNewline(view, bytes, p, stop);
      const e = nl > p && bytes[nl - 1] === 13 ? nl - 1 : nl;
      if (e - p <= this.maxLine && readSglangBatchBytes(bytes, p, e, line, this.ctx.defaultDp)) {
        if (run < p) this.readText(this.decode(bytes.subarray(run, p)), false);
        line.line = ++this.ctx.lineNo;
        sink.sglangBatch(line);
        this.summary.addSunkBatch(line.batchType === "prefill");
        run = nl + 1;
      }
      p = nl + 1;
    }
    if (run < stop) this.readText(this.decode(bytes.subarray(run, stop)), false);
  }

  /** Walks the lines of `text`; with `final`, a tail without a newline is the log's last line. */
  private readText(text: string, final: boolean): void {
    const ctx = this.ctx;
    ctx.beginText(text);
    const n = text.length;
    let p = 0;
    while (p < n) {
      let nl = text.indexOf("\n", p);
      if (nl < 0) nl = n;
      ctx.lineNo++;
      const e = nl > p && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (e - p > this.maxLine) {
        this.issue(ctx.lineNo, `line is longer than ${this.maxLine} characters; skipped (binary data or a runaway print?)`);
      } else {
        const outcome = readLine(text, p, e, ctx);
        if (outcome !== null) this.take(outcome, final && nl === n);
      }
      p = nl + 1;
    }
  }

  private take(outcome: LineOutcome, unterminated: boolean): void {
    if (outcome instanceof SunkBatch) {
      this.summary.addSunkBatch(outcome.batchType === "prefill");
    } else if (outcome instanceof LineProblem) {
      const tail = unterminated ? "; the log ends on this line without a newline (write cut off?)" : "";
      this.issue(this.ctx.lineNo, outcome.message + tail);
    } else if (outcome !== null) {
      this.summary.add(outcome);
      if (this.onRecord !== undefined) this.onRecord(outcome);
      else this.records.push(outcome);
    }
  }

  private issue(line: number, message: string): void {
    this.summary.issues++;
    if (this.issues.length < this.maxIssues) this.issues.push({ line, message });
    else this.summary.issuesSuppressed++;
  }
}

/**
 * Creates a streaming worker-log parser. Feed it chunks (64 KiB reads of a huge file are fine):
 * memory stays bounded by one chunk plus one carried line (at most `maxLineLength`).
 */
export function createLogParser(options: LogParserOptions = {}): LogParser {
  return new WorkerLogParser(options);
}

/** Parses a whole worker log (`<node>_<role>_w<i>.out/.err`) given as bytes or text. */
export function parseWorkerLog(input: Uint8Array | string, options: LogParserOptions = {}): WorkerLogResult {
  const parser = new WorkerLogParser(options);
  if (typeof input === "string") parser.pushText(input);
  else parser.push(input);
  return parser.end();
}
