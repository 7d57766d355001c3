import "server-only";
import { readFile, unlink } from "node:fs/promises";
import type { BenchPoint, MissingPoint } from "../model";
import { outputTpsPerUser, perGpu } from "../metrics";
import { cacheCandidates, writeCacheFile } from "./cache-dir";
import { parquetKv, parquetRows, toArrayBuffer, writeParquet, type ParquetColumn } from "./parquet";

/** Bump when parsing changes what a result file yields: every cache written before is rebuilt. */
export const BENCH_PARSER_VERSION = "1";
export const BENCH_CACHE_FILE = "benchmark_results.parquet";

export interface BenchCacheContent {
  points: BenchPoint[];
  missing: MissingPoint[];
  notes: string[];
}

const STRING_FIELDS = new Set(["date", "backend", "modelId", "sourceFile"]);
/** Point fields in the cache, in column order. */
const POINT_FIELDS: (keyof BenchPoint)[] = [
  "concurrency", "requestRate", "outputTps", "totalTps", "inputTps", "requestThroughput", "requestGoodput", "peakOutputTps",
  "meanTtftMs", "medianTtftMs", "p99TtftMs", "stdTtftMs", "meanTpotMs", "medianTpotMs", "p99TpotMs", "stdTpotMs",
  "meanItlMs", "medianItlMs", "p99ItlMs", "stdItlMs", "meanE2elMs", "medianE2elMs", "p99E2elMs", "stdE2elMs",
  "totalInputTokens", "totalOutputTokens", "completed", "failed", "numPrompts", "durationS", "startTimeUnix", "endTimeUnix",
  "date", "backend", "modelId", "sourceFile",
];

/** meanTtftMs -> mean_ttft_ms: the cache speaks pandas' usual snake_case. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function columnsOf(jobId: string, totalGpus: number | null, points: BenchPoint[]): ParquetColumn[] {
  const columns: ParquetColumn[] = [{ name: "run_id", type: "STRING", data: points.map(() => jobId) }];
  for (const field of POINT_FIELDS) {
    const type = field === "concurrency" ? "INT32" : STRING_FIELDS.has(field) ? "STRING" : "DOUBLE";
    columns.push({ name: snakeCase(field), type, data: points.map((point) => point[field] as number | string | null) });
  }
  // Derived columns for people reading the cache with pandas; not read back.
  columns.push(
    { name: "total_gpus", type: "DOUBLE", data: points.map(() => totalGpus) },
    { name: "output_tps_per_gpu", type: "DOUBLE", data: points.map((p) => perGpu(p.outputTps, totalGpus)) },
    { name: "total_tps_per_gpu", type: "DOUBLE", data: points.map((p) => perGpu(p.totalTps, totalGpus)) },
    { name: "output_tps_per_user", type: "DOUBLE", data: points.map((p) => outputTpsPerUser(p)) },
  );
  return columns;
}

function pointOf(row: Record<string, unknown>): BenchPoint {
  const point = {} as Record<string, unknown>;
  for (const field of POINT_FIELDS) point[field] = row[snakeCase(field)] ?? null;
  return point as BenchPoint;
}

/** Save a run's parsed results with the fingerprint of the files they came from. */
export async function writeBenchCache(runPath: string, jobId: string, totalGpus: number | null, fingerprint: string, content: BenchCacheContent): Promise<void> {
  const kv = {
    "srtlog.parser_version": BENCH_PARSER_VERSION,
    "srtlog.fingerprint": fingerprint,
    "srtlog.missing": JSON.stringify(content.missing),
    "srtlog.notes": JSON.stringify(content.notes),
  };
  await writeCacheFile(runPath, BENCH_CACHE_FILE, (file) => writeParquet(file, columnsOf(jobId, totalGpus, content.points), kv));
}

/**
 * A run's cached results from the first cache file that matches `fingerprint` and this parser version;
 * null means parse again. A cache that cannot be read is deleted so the rebuild replaces it.
 */
export async function readBenchCache(runPath: string, fingerprint: string): Promise<BenchCacheContent | null> {
  for (const file of cacheCandidates(runPath, BENCH_CACHE_FILE)) {
    let buffer: ArrayBuffer;
    try {
      buffer = toArrayBuffer(await readFile(file));
    } catch {
      continue;
    }
    try {
      const kv = parquetKv(buffer);
      if (kv["srtlog.parser_version"] !== BENCH_PARSER_VERSION || kv["srtlog.fingerprint"] !== fingerprint) continue;
      const rows = await parquetRows(buffer);
      return {
        points: rows.map(pointOf),
        missing: JSON.parse(kv["srtlog.missing"] ?? "[]") as MissingPoint[],
        notes: JSON.parse(kv["srtlog.notes"] ?? "[]") as string[],
      };
    } catch {
      await unlink(file).catch(() => {});
    }
  }
  return null;
}
