import "server-only";
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { BatchTableBuilder, type BatchTable } from "../../parsers/worker-log/batch-table";
import { createLogParser } from "../../parsers/worker-log/stream-parser";
import { parseLogFileName } from "../../parsers/log-file-name";
import type { LogIssue, MemoryRecord, ParallelSizes } from "../../parsers/worker-log/schemas";
import { decodeUtf8 } from "./decode-utf8";
import { shiftLines } from "../live/batch-rows";

/** Bytes hashed at the start of a log and just before the parsed offset. */
const PROBE_BYTES = 1024;
const CHUNK_BYTES = 1 << 20;

/**
 * How far one worker log has been parsed, kept in the node cache's footer. The two hashes tell an
 * append (same first KB, same KB before the offset) from a log truncated, rotated or replaced by
 * other content. Hashes rather than the inode: rsync and copy-then-rename give a growing log a new
 * inode on every sync, and that must still be an append.
 */
export interface FileTail {
  rel: string;
  /** Bytes parsed; always just after a newline, unless `partial`. */
  offset: number;
  /** The parse also read an unterminated last line (a full parse does): any growth means a re-parse. */
  partial: boolean;
  lines: number;
  head: string;
  end: string;
  /** What this file contributed to its node: batch rows, memory records, records of any kind. */
  rows: number;
  memory: number;
  records: number;
  parallelSizes: ParallelSizes | null;
  mtimeMs: number;
}

/** What became of a log since its tail was taken. */
export type TailChange = { kind: "same" } | { kind: "grown" } | { kind: "reset"; reason: string } | { kind: "gone" };

function hashRange(fd: number, start: number, end: number): string {
  const buffer = Buffer.alloc(Math.max(0, end - start));
  if (buffer.length > 0) readSync(fd, buffer, 0, buffer.length, start);
  return createHash("sha1").update(buffer).digest("hex");
}

/** Hashes of a log's first KB and of the KB before `offset`: what its first `offset` bytes looked like. */
export const probes = (fd: number, offset: number) => ({ head: hashRange(fd, 0, Math.min(PROBE_BYTES, offset)), end: hashRange(fd, Math.max(0, offset - PROBE_BYTES), offset) });

/** `use` with the open file, its size and mtime; null when the file cannot be opened. */
export function withFile<T>(file: string, use: (fd: number, size: number, mtimeMs: number) => T): T | null {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    return use(fd, stat.size, stat.mtimeMs);
  } finally {
    closeSync(fd);
  }
}

/** Compare a log on disk with its tail: unchanged, appended to, or to be parsed again from the start. */
export function checkTail(file: string, tail: FileTail): TailChange {
  const change = withFile(file, (fd, size): TailChange => {
    if (size < tail.offset) return { kind: "reset", reason: `shrank from ${tail.offset} to ${size} bytes (truncated or rotated)` };
    const now = probes(fd, tail.offset);
    if (now.head !== tail.head || now.end !== tail.end) return { kind: "reset", reason: "its parsed bytes changed (replaced by another file)" };
    if (size === tail.offset) return { kind: "same" };
    return tail.partial ? { kind: "reset", reason: "its unterminated last line was read whole and has grown since" } : { kind: "grown" };
  });
  return change ?? { kind: "gone" };
}

/** The tail after a full parse of `parsedBytes` bytes (the pool's parse reads a last line without newline too). */
export function tailAfterFullParse(file: string, rel: string, parsedBytes: number, fields: Pick<FileTail, "lines" | "rows" | "memory" | "records" | "parallelSizes">): FileTail | null {
  return withFile(file, (fd, size, mtimeMs) => {
    const offset = Math.min(parsedBytes, size);
    const last = Buffer.alloc(1);
    if (offset > 0) readSync(fd, last, 0, 1, offset - 1);
    return { rel, offset, partial: offset > 0 && last[0] !== 10, ...probes(fd, offset), ...fields, mtimeMs };
  });
}

/** What parsing one stretch of a log gave, lines numbered from the file's start. */
export interface RangeParse {
  table: BatchTable;
  memory: MemoryRecord[];
  issues: LogIssue[];
  /** The tail to keep: offset just after the last whole line parsed. */
  tail: FileTail;
  /** Bytes handed to the parser. */
  bytesParsed: number;
}

/** Position just after the last newline in `[from, size)`, or `from` when there is none: a partial last line waits. */
export function lastLineEnd(fd: number, from: number, size: number): number {
  const buffer = Buffer.alloc(64 * 1024);
  for (let end = size; end > from; ) {
    const start = Math.max(from, end - buffer.length);
    readSync(fd, buffer, 0, end - start, start);
    const nl = buffer.subarray(0, end - start).lastIndexOf(10);
    if (nl >= 0) return start + nl + 1;
    end = start;
  }
  return from;
}

/**
 * Parse the whole lines of `file` after `previous.offset` (all of it when `previous` is null). The
 * raw table is returned: input throughput is derived by the caller, who has the rows before.
 */
export function parseLogRange(file: string, rel: string, previous: FileTail | null): RangeParse | null {
  return withFile(file, (fd, size, mtimeMs) => {
    const from = previous?.offset ?? 0;
    const stop = lastLineEnd(fd, from, size);
    const table = new BatchTableBuilder(Math.max(16, (stop - from) / 192));
    const memory: MemoryRecord[] = [];
    const parser = createLogParser({
      yearHint: new Date(mtimeMs).getUTCFullYear(), defaultDp: parseLogFileName(file)?.dp, batchSink: table, decode: decodeUtf8,
      onRecord: (record) => (record.kind === "batch" ? table.add(record) : record.kind === "memory" ? memory.push(record) : undefined),
    });
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let at = from; at < stop; ) {
      const n = readSync(fd, buffer, 0, Math.min(CHUNK_BYTES, stop - at), at);
      if (n === 0) break;
      parser.push(buffer.subarray(0, n));
      at += n;
    }
    const { issues, summary } = parser.end();
    const rows = table.finish();
    const base = previous?.lines ?? 0;
    const tail: FileTail = {
      rel, offset: stop, partial: false, lines: base + summary.lines, ...probes(fd, stop),
      rows: (previous?.rows ?? 0) + rows.length,
      memory: (previous?.memory ?? 0) + memory.length, records: (previous?.records ?? 0) + summary.records,
      parallelSizes: previous?.parallelSizes ?? summary.parallelSizes, mtimeMs,
    };
    return {
      table: shiftLines(rows, base),
      memory: memory.map((m) => ({ ...m, line: m.line + base })),
      issues: issues.map((issue) => ({ ...issue, line: issue.line + base })),
      tail,
      bytesParsed: summary.bytes,
    };
  });
}
