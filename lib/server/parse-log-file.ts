import "server-only";
import { open } from "node:fs/promises";
import { BatchTableBuilder, type BatchTable } from "../../parsers/worker-log/batch-table";
import { decodeUtf8 } from "./decode-utf8";
// The modules themselves, not the parser's index: the index re-exports the zod schemas, and loading
// zod in every worker thread costs ~50 ms of start-up for schemas parsing never uses.
import { createLogParser } from "../../parsers/worker-log/stream-parser";
import { deriveInputThroughput } from "../../parsers/worker-log/derived-input";
import type { LogIssue, LogSummary, MemoryRecord } from "../../parsers/worker-log/schemas";

/** One worker log, parsed: batches as columns, start-up memory lines, and what went wrong. */
export interface LogFileParse {
  path: string;
  table: BatchTable;
  memory: MemoryRecord[];
  issues: LogIssue[];
  summary: LogSummary;
}

const CHUNK_BYTES = 1 << 20;
/** SGLang batch lines are 150-300 bytes: a big log, mostly such lines, gives about one row per 192 bytes. */
const ROWS_PER_BYTE = 1 / 192;
/** The cap keeps a huge log of other lines from reserving columns it never fills. */
const MAX_EXPECTED_ROWS = 1 << 20;

/*
 * `_DP<d>` of a per-DP-rank worker log (`<node>_<role>_w<i>_DP<d>.out`), read as parseLogFileName
 * reads it (a test holds the two together) but without importing it: its module defines zod schemas,
 * and loading zod cost each parsing thread 60-80 ms of start-up, on the critical path of a cold parse.
 */
const PER_DP_WORKER = /^.+_(?:prefill|decode|agg)_w\d+_DP(\d+)\.(?:out|err)$/;

/** The DP rank a per-DP-rank worker log's name gives, else undefined. */
export function perDpRankOf(path: string): number | undefined {
  const name = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  const match = PER_DP_WORKER.exec(name);
  return match === null ? undefined : Number(match[1]);
}

/** Stream a log through the parser in 1 MiB chunks: memory stays bounded whatever the file size. */
export async function parseLogFile(path: string, yearHint?: number): Promise<LogFileParse> {
  const handle = await open(path, "r");
  const stat = await handle.stat();
  // vLLM stamps carry no year: the file's own year is the best guess.
  const year = yearHint ?? stat.mtime.getUTCFullYear();
  // Room for the first two chunks only: after them `reserve` sizes the columns for the whole log.
  const table = new BatchTableBuilder(Math.min(stat.size, 2 * CHUNK_BYTES) * ROWS_PER_BYTE);
  const memory: MemoryRecord[] = [];
  const parser = createLogParser({
    yearHint: year,
    // A per-DP-rank log (`..._w0_DP3.out`): lines without a DP in their tag belong to that rank.
    defaultDp: perDpRankOf(path),
    // SGLang batch lines go straight into the columns; only other engines' batches come as records.
    batchSink: table,
    decode: decodeUtf8,
    onRecord: (record) => {
      if (record.kind === "batch") table.add(record);
      else if (record.kind === "memory") memory.push(record);
    },
  });
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let read = 0;
    for (let chunk = 1; ; chunk++) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const rowsBefore = table.length;
      // The parser copies any partial line it keeps, so the buffer can be reused.
      parser.push(buffer.subarray(0, bytesRead));
      read += bytesRead;
      // The second chunk (past the start-up lines) tells this log's bytes per row: size the columns
      // for the whole log now, so they neither double later nor get copied by finish().
      if (chunk === 2) table.reserve(Math.min(MAX_EXPECTED_ROWS, table.length + ((table.length - rowsBefore) / bytesRead) * (stat.size - read) * 1.01 + 64));
    }
  } finally {
    await handle.close();
  }
  const { issues, summary } = parser.end();
  return { path, table: deriveInputThroughput(table.finish()), memory, issues, summary };
}
