import "server-only";
import { createHash } from "node:crypto";
import { createReadStream, readFileSync, realpathSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parquetRead } from "hyparquet";
import { AiperfRecordReader } from "../../parsers/per-request/aiperf-records";
import { REQUEST_COLUMNS, emptyRequestTable, tableFromSaBench, type RequestTable } from "../../parsers/per-request/request-table";
import { SaBenchArrayScanner } from "../../parsers/per-request/sa-bench-arrays";
import { SrtlogError } from "../errors";
import { findValidCache, writeCacheFile } from "./cache-dir";
import { toArrayBuffer, writeParquet, type ParquetColumn } from "./parquet";
import { isWithin } from "./safe-path";

/** Bump when parsing changes what a source yields: every per-request cache written before is rebuilt. */
export const REQUESTS_PARSER_VERSION = "2";

export type RequestSourceKind = "sa-bench" | "aiperf";

export interface RequestTableLoad {
  table: RequestTable;
  issues: string[];
  source: RequestSourceKind;
  /** Where the table came from this time, for the bench and for tests. */
  from: "cache" | "parse";
}

/** Read 1 MiB at a time: memory stays bounded by the table, not the file. */
const CHUNK_BYTES = 1 << 20;

/** AIPerf writes `profile_export.jsonl` (sharded: `profile_export.w0.jsonl`); anything else is an sa-bench result. */
export function requestSourceKind(rel: string): RequestSourceKind {
  return /^profile_export(\.[^/]*)?\.jsonl$/.test(path.basename(rel)) ? "aiperf" : "sa-bench";
}

/** One cache file per source: `requests-<stem>-<hash of the path>.parquet` (two dirs may hold one stem). */
export function requestCacheFileName(rel: string): string {
  const stem = path.basename(rel).replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 80);
  return `requests-${stem}-${createHash("sha1").update(rel).digest("hex").slice(0, 8)}.parquet`;
}

/** The source's absolute path, refusing one that leaves the run directory (after links). */
function sourcePath(runPath: string, rel: string): string {
  const file = path.resolve(/*turbopackIgnore: true*/ runPath, rel);
  let real: string;
  try {
    real = realpathSync(/*turbopackIgnore: true*/ file);
  } catch {
    throw new SrtlogError("not_found", `no per-request source ${rel} in ${runPath}`);
  }
  if (!isWithin(realpathSync(/*turbopackIgnore: true*/ runPath), real)) throw new SrtlogError("bad_input", `${rel} is outside the run directory`);
  return real;
}

/**
 * The file's chunks: a file of one chunk or less in one synchronous read (a stream's open, reads and close
 * are four trips through the thread pool, which dominated an ingest of thousands of small result files).
 */
function chunksOf(file: string, size: number): AsyncIterable<Buffer> | Buffer[] {
  if (size <= CHUNK_BYTES) return [readFileSync(/*turbopackIgnore: true*/ file)];
  return createReadStream(/*turbopackIgnore: true*/ file, { highWaterMark: CHUNK_BYTES });
}

async function parseSource(file: string, size: number, rel: string, source: RequestSourceKind): Promise<{ table: RequestTable; issues: string[] }> {
  const stream = chunksOf(file, size);
  if (source === "aiperf") {
    const reader = new AiperfRecordReader(rel);
    for await (const chunk of stream) reader.push(chunk as Buffer);
    return reader.finish();
  }
  const scanner = new SaBenchArrayScanner();
  for await (const chunk of stream) scanner.push(chunk as Buffer);
  const { table, issues } = tableFromSaBench(scanner.finish());
  return { table, issues: issues.map((issue) => `${rel}: ${issue}`) };
}

function columnsOf(table: RequestTable): ParquetColumn[] {
  return REQUEST_COLUMNS.map((name) => ({
    name,
    type: name === "index" ? "INT32" : name === "error" || name === "phase" ? "STRING" : "DOUBLE",
    data: table[name] as (number | string | null)[],
  }));
}

async function readTable(file: string): Promise<RequestTable> {
  const table = emptyRequestTable();
  const buffer = toArrayBuffer(await readFile(/*turbopackIgnore: true*/ file));
  await parquetRead({
    file: buffer,
    columns: [...REQUEST_COLUMNS],
    onChunk: ({ columnName, columnData }) => {
      const target = table[columnName as keyof RequestTable] as unknown[];
      const values = columnData as ArrayLike<unknown>;
      for (let i = 0; i < values.length; i++) target.push(typeof values[i] === "bigint" ? Number(values[i]) : values[i]);
    },
  });
  return table;
}

const inFlight = new Map<string, Promise<RequestTableLoad>>();

/**
 * The per-request table of one result file of a run (`rel` relative to the run dir), from its
 * Parquet cache when that matches the file's size and mtime, else parsed by streaming and cached.
 * Never part of the run index: only the Requests view and goodput ask for it. `writeCache` false (srtlog
 * ingest) still reads a valid cache but writes none: a cache file per point cost a dataset ingest a
 * quarter of its time, for a table the dataset then holds anyway.
 */
export function loadRequestTable(runPath: string, rel: string, writeCache = true): Promise<RequestTableLoad> {
  const file = sourcePath(runPath, rel);
  const stat = statSync(/*turbopackIgnore: true*/ file);
  const fingerprint = `${rel}:${stat.size}:${Math.round(stat.mtimeMs)}`;
  const key = `${file}\0${fingerprint}`;
  let load = inFlight.get(key);
  if (!load) {
    load = loadUncached(runPath, rel, file, stat.size, fingerprint, writeCache).finally(() => inFlight.delete(key));
    inFlight.set(key, load);
  }
  return load;
}

async function loadUncached(runPath: string, rel: string, file: string, size: number, fingerprint: string, writeCache: boolean): Promise<RequestTableLoad> {
  const cacheName = requestCacheFileName(rel);
  const source = requestSourceKind(rel);
  const cache = findValidCache(runPath, cacheName, REQUESTS_PARSER_VERSION, fingerprint);
  if (cache) {
    try {
      return { table: await readTable(cache.file), issues: JSON.parse(cache.kv["srtlog.issues"] ?? "[]") as string[], source, from: "cache" };
    } catch {
      // An unreadable cache is parsed again below and overwritten.
    }
  }
  const { table, issues } = await parseSource(file, size, rel, source);
  if (!writeCache) return { table, issues, source, from: "parse" };
  const kv = { "srtlog.parser_version": REQUESTS_PARSER_VERSION, "srtlog.fingerprint": fingerprint, "srtlog.issues": JSON.stringify(issues), "srtlog.source": source };
  // A cache we cannot write only costs the next open a parse; the table is still good.
  await writeCacheFile(runPath, cacheName, (target) => writeParquet(target, columnsOf(table), kv)).catch(() => {});
  return { table, issues, source, from: "parse" };
}
