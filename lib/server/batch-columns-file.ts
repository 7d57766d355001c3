import "server-only";
import { closeSync, fsyncSync, openSync, readFileSync, readSync, renameSync, unlinkSync, writevSync } from "node:fs";
import type { BatchTable } from "../../parsers/worker-log/batch-table";

/**
 * The batch columns of a run as raw typed-array bytes: a JSON header, then each array 8-byte aligned.
 * It sits beside node_metrics.parquet (which is for pandas and DuckDB) because decoding millions of
 * Parquet rows in JavaScript takes longer than parsing the logs again; this reads at disk speed.
 */
export const BATCH_COLUMNS_FILE = "node_metrics.columns.bin";
const FORMAT = "srtlog-batch-columns-2";

type Kind = "f64" | "i32" | "u8";
interface ColumnEntry {
  name: string;
  kind: Kind;
  offset: number;
  length: number;
}
interface Header {
  format: string;
  fingerprint: string;
  tables: { length: number; columns: ColumnEntry[] }[];
}

function arraysOf(table: BatchTable): [string, Kind, Float64Array | Int32Array | Uint8Array][] {
  return [
    ["ts", "f64", table.ts],
    ["line", "i32", table.line],
    ["dp", "i32", table.dp],
    ["tp", "i32", table.tp],
    ["ep", "i32", table.ep],
    ["pp", "i32", table.pp],
    ["batchType", "u8", table.batchType],
    ...Object.entries(table.metrics).map(([name, column]) => [`metric:${name}`, "f64", column] as [string, Kind, Float64Array]),
  ];
}

const pad8 = (n: number) => (n + 7) & ~7;

/** Write the tables (one per node, in order) with the fingerprint they belong to; atomic. */
export function writeBatchColumns(file: string, fingerprint: string, tables: readonly BatchTable[]): void {
  const buffers: Uint8Array[] = [];
  const header: Header = { format: FORMAT, fingerprint, tables: [] };
  let offset = 0;
  for (const table of tables) {
    const columns: ColumnEntry[] = [];
    for (const [name, kind, array] of arraysOf(table)) {
      columns.push({ name, kind, offset, length: array.length });
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      buffers.push(bytes, new Uint8Array(pad8(bytes.length) - bytes.length));
      offset += pad8(bytes.length);
    }
    header.tables.push({ length: table.length, columns });
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const prefix = new Uint8Array(pad8(8 + json.length));
  new DataView(prefix.buffer).setUint32(0, json.length, true);
  prefix.set(json, 8);
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, "w");
  try {
    const all = [prefix, ...buffers];
    // writev takes a bounded number of buffers per call.
    for (let i = 0; i < all.length; i += 512) writevSync(fd, all.slice(i, i + 512));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, file);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
}

function tableFrom(length: number, columns: ColumnEntry[], view: (entry: ColumnEntry) => Float64Array | Int32Array | Uint8Array): BatchTable {
  const byName = new Map(columns.map((c) => [c.name, view(c)]));
  const metrics: Record<string, Float64Array> = {};
  for (const c of columns) if (c.name.startsWith("metric:")) metrics[c.name.slice(7)] = byName.get(c.name) as Float64Array;
  return {
    length,
    ts: byName.get("ts") as Float64Array,
    line: byName.get("line") as Int32Array,
    dp: byName.get("dp") as Int32Array,
    tp: byName.get("tp") as Int32Array,
    ep: byName.get("ep") as Int32Array,
    pp: byName.get("pp") as Int32Array,
    batchType: byName.get("batchType") as Uint8Array,
    metrics,
  };
}

function viewer(data: Buffer, base: number) {
  return (entry: ColumnEntry, shift = 0) => {
    const start = data.byteOffset + base + entry.offset - shift;
    if (entry.kind === "f64") return new Float64Array(data.buffer, start, entry.length);
    if (entry.kind === "i32") return new Int32Array(data.buffer, start, entry.length);
    return new Uint8Array(data.buffer, start, entry.length);
  };
}

function readHeader(fd: number): { header: Header; base: number } {
  const head = Buffer.alloc(8);
  readSync(fd, head, 0, 8, 0);
  const jsonLength = head.readUInt32LE(0);
  const json = Buffer.alloc(jsonLength);
  readSync(fd, json, 0, jsonLength, 8);
  return { header: JSON.parse(json.toString("utf8")) as Header, base: pad8(8 + jsonLength) };
}

/** The tables, if `file` holds columns for `fingerprint`; null otherwise (missing, stale, broken). */
export function readBatchColumns(file: string, fingerprint: string): BatchTable[] | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  try {
    const jsonLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.subarray(8, 8 + jsonLength).toString("utf8")) as Header;
    if (header.format !== FORMAT || header.fingerprint !== fingerprint) return null;
    const base = pad8(8 + jsonLength);
    // Views need an 8-aligned start; a copy gives one when the Buffer does not.
    const data = (bytes.byteOffset + base) % 8 === 0 ? bytes : Buffer.from(bytes);
    const view = viewer(data, base);
    return header.tables.map(({ length, columns }) => tableFrom(length, columns, (c) => view(c)));
  } catch {
    return null;
  }
}

/**
 * Visit the tables one at a time, each read on its own from disk: a consumer (the Parquet writer)
 * holds one node's columns in memory, not the whole run's.
 */
export async function forEachBatchTable(file: string, visit: (table: BatchTable, index: number) => Promise<void> | void): Promise<void> {
  const fd = openSync(file, "r");
  try {
    const { header, base } = readHeader(fd);
    for (const [index, { length, columns }] of header.tables.entries()) {
      const first = columns.length > 0 ? columns[0].offset : 0;
      const last = columns.reduce((end, c) => Math.max(end, c.offset + pad8(c.length * (c.kind === "f64" ? 8 : c.kind === "i32" ? 4 : 1))), first);
      const data = Buffer.alloc(last - first);
      readSync(fd, data, 0, data.length, base + first);
      const view = viewer(data, 0);
      await visit(tableFrom(length, columns, (c) => view(c, first)), index);
    }
  } finally {
    closeSync(fd);
  }
}
