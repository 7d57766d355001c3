import "server-only";
import { randomBytes } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { parquetMetadata } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";

export type ParquetColumnType = "DOUBLE" | "INT32" | "STRING" | "BOOLEAN";
export interface ParquetColumn {
  name: string;
  type: ParquetColumnType;
  data: (number | string | boolean | null)[];
}

/**
 * Write `path` atomically: readers see the old file or the new one, never half of one. Synchronous
 * inside: cache files are small and a cold 1,000-run load writes 1,000 of them; the promise API's
 * open/write/close round trips through the thread pool cost more than the writes.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    throw error;
  }
}

/** Write a table as Parquet (snappy, plain types pandas/pyarrow/DuckDB read), with key-value metadata. */
export async function writeParquet(path: string, columns: ParquetColumn[], kv: Record<string, string>): Promise<void> {
  const buffer = parquetWriteBuffer({
    columnData: columns.map((column) => ({ name: column.name, type: column.type, data: column.data })),
    kvMetadata: Object.entries(kv).map(([key, value]) => ({ key, value })),
    createdBy: "srtlog",
    // Small tables: min/max statistics would only make the footer (read on every load) bigger.
    statistics: false,
  });
  await writeFileAtomic(path, new Uint8Array(buffer));
}

/** Key-value metadata of a Parquet file, read from its footer only. */
export function parquetKv(buffer: ArrayBuffer): Record<string, string> {
  const metadata = parquetMetadata(buffer);
  const kv: Record<string, string> = {};
  for (const { key, value } of metadata.key_value_metadata ?? []) kv[key] = value ?? "";
  return kv;
}

/** Key-value metadata of a Parquet file, reading only its footer (a 50 MB cache costs a few KB). */
export function readParquetKv(path: string): Record<string, string> {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const tail = Buffer.alloc(8);
    readSync(fd, tail, 0, 8, Math.max(0, size - 8));
    const footerLength = tail.readUInt32LE(0);
    const bytes = Buffer.alloc(Math.min(size, footerLength + 8));
    readSync(fd, bytes, 0, bytes.length, size - bytes.length);
    return parquetKv(toArrayBuffer(bytes));
  } finally {
    closeSync(fd);
  }
}

/** An ArrayBuffer holding exactly a Node Buffer's bytes (hyparquet wants one). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
