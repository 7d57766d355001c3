import { LinePrefix, prefixTimestamp, readRanks, type Ranks } from "./line-prefix";
import type { SglangBatchSink } from "./batch-sink";
import type { BatchType, LogRecord } from "./schemas";

/** A line that looked like a record but could not be read; becomes an issue with its line number. */
export class LineProblem {
  readonly message: string;
  constructor(message: string) {
    this.message = detach(message);
  }
}

/** A batch line that went to the context's `batchSink` instead of becoming a record (for the summary). */
export class SunkBatch {
  constructor(readonly batchType: BatchType) {}
}

/** What reading one line gives: a record, a problem, a sunk batch, or null for a noise line. */
export type LineOutcome = LogRecord | LineProblem | SunkBatch | null;

/** Options shared by the single-line and streaming APIs. */
export interface LineOptions {
  /** Year for vLLM's yearless `MM-DD HH:MM:SS` stamps (e.g. from the job's generated_at). */
  yearHint?: number;
  /**
   * DP rank for lines whose tag names none: a per-DP-rank log (`<node>_agg_w0_DP3.out`) runs one
   * process per rank, so SGLang leaves DP out of the tag; the file name carries it instead.
   */
  defaultDp?: number;
}

/**
 * Per-parser scratch state handed to every line reader: the current line number, the reused prefix
 * scanner, and a cursor for the rare `--flag` search so it is done once per text, not per line.
 */
export class LineContext {
  lineNo = 0;
  readonly prefix = new LinePrefix();
  readonly yearHint: number | undefined;
  /** What `dp` is when the line's tag has no DP (see `LineOptions.defaultDp`). */
  readonly defaultDp: number;
  /** When set, SGLang batch lines go here as fields and come back as `SunkBatch`, not records. */
  batchSink: SglangBatchSink | null = null;
  private text = "";
  private nextFlag = -1;
  private nextBatch = -1;

  constructor(options: LineOptions = {}) {
    this.yearHint = options.yearHint;
    this.defaultDp = options.defaultDp ?? 0;
  }

  /** Call before walking the lines of a new decoded text. */
  beginText(text: string): void {
    this.text = text;
    this.nextFlag = -1;
    this.nextBatch = -1;
  }

  /**
   * True if `s[start, end)` contains `--`. Within one text the next hit is remembered, so a text
   * with no flags is searched once instead of once per line (`--` is searched rather than ` --`
   * because V8 finds a rare first character far faster than a space).
   */
  hasFlags(s: string, start: number, end: number): boolean {
    if (s !== this.text) return within(s, "--", start, end);
    if (this.nextFlag < start) this.nextFlag = nextHit(s, "--", start);
    return this.nextFlag < end;
  }

  /**
   * Where the first `batch` in `s[start, end)` is, or -1; remembered per text as `hasFlags` does
   * (`batch`, not ` batch`: V8 finds a rare first character far faster than a space).
   */
  batchWordAt(s: string, start: number, end: number): number {
    if (s !== this.text) {
      const hit = s.indexOf("batch", start);
      return hit >= 0 && hit < end ? hit : -1;
    }
    if (this.nextBatch < start) this.nextBatch = nextHit(s, "batch", start);
    return this.nextBatch < end ? this.nextBatch : -1;
  }

  /** The current line's prefix timestamp (ms) or null. */
  timestamp(s: string, end: number): number | null {
    return prefixTimestamp(s, this.prefix, end, this.yearHint);
  }

  /** Copies the prefix's rank tag into a record whose ranks start at 0 / false. */
  ranks(s: string, into: Ranks): void {
    if (this.prefix.tagEnd > this.prefix.tagStart) readRanks(s, this.prefix, into);
  }
}

function within(s: string, needle: string, start: number, end: number): boolean {
  const hit = s.indexOf(needle, start);
  return hit >= 0 && hit < end;
}

function nextHit(s: string, needle: string, start: number): number {
  const hit = s.indexOf(needle, start);
  return hit < 0 ? Number.MAX_SAFE_INTEGER : hit;
}

/**
 * A flat copy of a substring. Records outlive the chunk they were cut from; a V8 substring would
 * keep the whole decoded chunk alive, so strings stored in records or issues go through here.
 */
export function detach(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** A short quoted excerpt for issue messages. */
export function excerpt(s: string, start: number, end: number): string {
  const text = end - start > 60 ? `${s.slice(start, start + 57)}...` : s.slice(start, end);
  return detach(JSON.stringify(text));
}
