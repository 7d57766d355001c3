import "server-only";
import type { BenchPoint, MissingPoint } from "../model";
import { outputTpsPerUser, perGpu } from "../metrics";
import { findValidCache, writeCacheFile } from "./cache-dir";
import { writeParquet, type ParquetColumn } from "./parquet";

/** Bump when parsing changes what a result file yields: every cache written before is rebuilt. */
export const BENCH_PARSER_VERSION = "2";
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

const COLUMN_OF = new Map(POINT_FIELDS.map((field) => [field, snakeCase(field)]));

function columnsOf(jobId: string, totalGpus: number | null, points: BenchPoint[]): ParquetColumn[] {
  const columns: ParquetColumn[] = [{ name: "run_id", type: "STRING", data: points.map(() => jobId) }];
  for (const field of POINT_FIELDS) {
    const type = field === "concurrency" ? "INT32" : STRING_FIELDS.has(field) ? "STRING" : "DOUBLE";
    columns.push({ name: COLUMN_OF.get(field)!, type, data: points.map((point) => point[field] as number | string | null) });
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

/** JSON has no Infinity: sa-bench's unlimited request rate travels as "inf". */
function pointsToJson(points: BenchPoint[]): string {
  return JSON.stringify(points, (key, value) => (key === "requestRate" && value === Infinity ? "inf" : value));
}

function pointsFromJson(text: string): BenchPoint[] {
  // Fixed up afterwards rather than with a JSON.parse reviver: a reviver runs for every key and was
  // ~40% of a warm 1,000-run load.
  const points = JSON.parse(text) as BenchPoint[];
  for (const point of points) if ((point.requestRate as unknown) === "inf") point.requestRate = Infinity;
  return points;
}

/** Save a run's parsed results with the fingerprint of the files they came from. */
export async function writeBenchCache(runPath: string, jobId: string, totalGpus: number | null, fingerprint: string, content: BenchCacheContent): Promise<void> {
  const kv = {
    // The loader reads this copy from the footer; the columns are for pandas and DuckDB. Decoding
    // every column of 100 small files costs several times more than one JSON.parse each.
    "srtlog.points": pointsToJson(content.points),
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
  const cache = findValidCache(runPath, BENCH_CACHE_FILE, BENCH_PARSER_VERSION, fingerprint);
  if (!cache) return null;
  try {
    return {
      points: pointsFromJson(cache.kv["srtlog.points"]),
      missing: JSON.parse(cache.kv["srtlog.missing"] ?? "[]") as MissingPoint[],
      notes: JSON.parse(cache.kv["srtlog.notes"] ?? "[]") as string[],
    };
  } catch {
    return null;
  }
}
