import "server-only";
import { open } from "node:fs/promises";
import { BatchTableBuilder, type BatchTable } from "../../parsers/worker-log/batch-table";
import { decodeUtf8 } from "./decode-utf8";
// The modules themselves, not the parser's index: the index re-exports the zod schemas, and loading
// zod in every worker thread costs ~50 ms of start-up for schemas parsing never uses.
import { createLogParser } from "../../parsers/worker-log/stream-parser";
import { parseLogFileName } from "../../parsers/log-file-name";
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

/** Stream a log through the parser in 1 MiB chunks: memory stays bounded whatever the file size. */
export async function parseLogFile(path: string, yearHint?: number): Promise<LogFileParse> {
  const handle = await open(path, "r");
  const stat = await handle.stat();
  // vLLM stamps carry no year: the file's own year is the best guess.
  const year = yearHint ?? stat.mtime.getUTCFullYear();
  const table = new BatchTableBuilder(Math.min(stat.size * ROWS_PER_BYTE, MAX_EXPECTED_ROWS));
  const memory: MemoryRecord[] = [];
  const parser = createLogParser({
    yearHint: year,
    // A per-DP-rank log (`..._w0_DP3.out`): lines without a DP in their tag belong to that rank.
    defaultDp: parseLogFileName(path)?.dp,
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
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      // The parser copies any partial line it keeps, so the buffer can be reused.
      parser.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  const { issues, summary } = parser.end();
  return { path, table: deriveInputThroughput(table.finish()), memory, issues, summary };
}
