import { z } from "zod";
import type { BenchPoint } from "./types";
import { scanJsonObjects, type JsonRecord } from "./json-scan";

/** Per-request arrays: skipped unread so a 300 MB result costs no memory we keep. */
const PER_REQUEST_KEYS = new Set([
  "input_lens",
  "output_lens",
  "ttfts",
  "itls",
  "tpots",
  "e2els",
  "generated_texts",
  "errors",
  "start_times",
  "end_times",
  "output_ids",
  "prompts",
]);

/** Numbers as sa-bench and friends write them: numbers, numeric strings, "inf", or null/NaN for missing. */
const looseNumber = z
  .unknown()
  .optional()
  .transform((value): number | null => {
    if (typeof value === "number") return value;
    if (typeof value === "string" && value.trim() !== "") {
      const text = value.trim().toLowerCase();
      if (text === "inf" || text === "infinity") return Infinity;
      const parsed = Number(text);
      return Number.isNaN(parsed) ? null : parsed;
    }
    return null;
  });

const looseString = z.unknown().optional().transform((value) => (typeof value === "string" ? value : null));

/** The fields we read from any of the result shapes (sa-bench, vllm bench serve, sglang, InferenceX). */
export const rawBenchResultSchema = z.looseObject({
  max_concurrency: looseNumber,
  concurrency: looseNumber,
  request_rate: looseNumber,
  output_throughput: looseNumber,
  total_token_throughput: looseNumber,
  input_throughput: looseNumber,
  request_throughput: looseNumber,
  request_goodput: looseNumber,
  peak_output_tokens_per_s: looseNumber,
  max_output_tokens_per_s: looseNumber,
  total_input_tokens: looseNumber,
  total_output_tokens: looseNumber,
  total_input: looseNumber,
  total_output: looseNumber,
  completed: looseNumber,
  failed: looseNumber,
  num_prompts: looseNumber,
  duration: looseNumber,
  benchmark_start_time_unix: looseNumber,
  benchmark_end_time_unix: looseNumber,
  date: looseString,
  backend: looseString,
  model_id: looseString,
});
export type RawBenchResult = z.infer<typeof rawBenchResultSchema>;

const STATS = ["mean", "median", "p99", "std"] as const;
type Stat = (typeof STATS)[number];
const METRICS = ["ttft", "tpot", "itl", "e2el"] as const;
type Metric = (typeof METRICS)[number];
type LatencyKey = `${Stat}${Capitalize<Metric>}Ms`;

function finite(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function numberOf(raw: JsonRecord, key: string): number | null {
  const value = raw[key];
  if (typeof value === "number") return finite(value);
  if (typeof value === "string" && value.trim() !== "") return finite(Number(value));
  return null;
}

/** `percentiles_ttft_ms: [[50, 12.3], [99, 45.6]]` (older vendored sa-bench). */
function fromPercentileList(raw: JsonRecord, metric: Metric, percentile: number): number | null {
  const list = raw[`percentiles_${metric}_ms`];
  if (!Array.isArray(list)) return null;
  for (const pair of list) {
    if (Array.isArray(pair) && Number(pair[0]) === percentile) return finite(Number(pair[1]));
  }
  return null;
}

/** One latency statistic in ms, whatever the file calls it. */
function latencyMs(raw: JsonRecord, stat: Stat, metric: Metric): number | null {
  const ms = numberOf(raw, `${stat}_${metric}_ms`);
  if (ms !== null) return ms;
  // sglang.bench_serving spells end-to-end latency out.
  if (metric === "e2el") {
    const sglang = numberOf(raw, `${stat}_e2e_latency_ms`);
    if (sglang !== null) return sglang;
  }
  // InferenceX writes seconds with no unit suffix.
  const seconds = numberOf(raw, `${stat}_${metric}`);
  if (seconds !== null) return seconds * 1000;
  if (stat === "median") return fromPercentileList(raw, metric, 50);
  if (stat === "p99") return fromPercentileList(raw, metric, 99);
  return null;
}

function latencies(raw: JsonRecord): Record<LatencyKey, number | null> {
  const out = {} as Record<LatencyKey, number | null>;
  for (const stat of STATS) {
    for (const metric of METRICS) {
      const key = `${stat}${metric[0].toUpperCase()}${metric.slice(1)}Ms` as LatencyKey;
      out[key] = latencyMs(raw, stat, metric);
    }
  }
  return out;
}

function totalTps(raw: RawBenchResult): number | null {
  const total = finite(raw.total_token_throughput);
  if (total !== null) return total;
  // sglang.bench_serving reports input and output rates only.
  const input = finite(raw.input_throughput);
  const output = finite(raw.output_throughput);
  return input !== null && output !== null ? input + output : null;
}

/** Concurrency from a result file name: `concurrency_64.json`, `results_concurrency_64_gpus_8.json`, `..._conc64.json`. */
export function concurrencyFromFileName(fileName: string): number | null {
  const match = /(?:^|_)concurrency_(\d+)(?:[_.]|$)/.exec(fileName) ?? /(?:^|_)conc(\d+)(?:[_.]|$)/.exec(fileName);
  return match ? Number(match[1]) : null;
}

/** Convert one raw result record into a point; null concurrency when neither record nor name says. */
export function toBenchPoint(record: JsonRecord, sourceFile: string): BenchPoint | null {
  const raw = rawBenchResultSchema.parse(record);
  const fileName = sourceFile.slice(sourceFile.lastIndexOf("/") + 1);
  const concurrency = finite(raw.max_concurrency) ?? concurrencyFromFileName(fileName);
  if (concurrency === null) return null;
  const rate = raw.request_rate;
  return {
    concurrency: Math.round(concurrency),
    requestRate: rate === Infinity ? Infinity : finite(rate),
    outputTps: finite(raw.output_throughput),
    totalTps: totalTps(raw),
    inputTps: finite(raw.input_throughput),
    requestThroughput: finite(raw.request_throughput),
    requestGoodput: finite(raw.request_goodput),
    peakOutputTps: finite(raw.peak_output_tokens_per_s) ?? finite(raw.max_output_tokens_per_s),
    ...latencies(record),
    totalInputTokens: finite(raw.total_input_tokens) ?? finite(raw.total_input),
    totalOutputTokens: finite(raw.total_output_tokens) ?? finite(raw.total_output),
    completed: finite(raw.completed),
    failed: finite(raw.failed),
    numPrompts: finite(raw.num_prompts),
    durationS: finite(raw.duration),
    startTimeUnix: finite(raw.benchmark_start_time_unix),
    endTimeUnix: finite(raw.benchmark_end_time_unix),
    date: raw.date,
    backend: raw.backend,
    modelId: raw.model_id,
    sourceFile,
  };
}

export type BenchFileResult =
  | { ok: true; points: BenchPoint[]; notes: string[] }
  | { ok: false; ignored: boolean; reason: string; points: BenchPoint[]; notes: string[] };

/**
 * Parse one result file's bytes into points (several for JSON Lines). `ignored` marks files that are
 * not results at all (a list-shaped `*.pytorch.json`), as opposed to broken results.
 */
export function parseBenchResultFile(bytes: Uint8Array, sourceFile: string): BenchFileResult {
  const scan = scanJsonObjects(bytes, { skipKeys: PER_REQUEST_KEYS, maxValueBytes: 64 * 1024 });
  const points: BenchPoint[] = [];
  const notes: string[] = [];
  for (const record of scan.records) {
    const point = toBenchPoint(record, sourceFile);
    if (point) points.push(point);
    else notes.push(`${sourceFile}: no max_concurrency in the result and none in the file name`);
  }
  if (!scan.ok) {
    return { ok: false, ignored: scan.kind === "not-object", reason: `${sourceFile}: ${scan.message}`, points, notes };
  }
  return { ok: true, points, notes };
}
