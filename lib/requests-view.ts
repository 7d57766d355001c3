import { z } from "zod";
import type { RequestTable } from "../parsers/per-request/request-table";
import { isWarmupPhase } from "./goodput";

/**
 * The Requests view's numbers: per concurrency, the distribution of one latency over its requests
 * (CDF and histogram, p50/p90/p99/p99.9), TTFT against input length, and the failed requests' errors.
 * Built on the server from the per-request tables; the browser gets a few hundred points per line.
 */

export const REQUEST_METRICS = ["ttft", "tpot", "itl", "e2e"] as const;
export type RequestMetric = (typeof REQUEST_METRICS)[number];
export const REQUEST_METRIC_LABEL: Record<RequestMetric, string> = { ttft: "TTFT (ms)", tpot: "TPOT (ms)", itl: "ITL, mean per request (ms)", e2e: "E2E latency (ms)" };
const COLUMN: Record<RequestMetric, "ttftMs" | "tpotMs" | "meanItlMs" | "e2eMs"> = { ttft: "ttftMs", tpot: "tpotMs", itl: "meanItlMs", e2e: "e2eMs" };

export const PERCENTILES = [50, 90, 99, 99.9] as const;

/** The view's own URL keys (beside the dashboard's view state). */
export const requestsParamsSchema = z.object({
  rrun: z.string().optional().catch(undefined),
  rc: z.coerce.number().int().optional().catch(undefined),
  metric: z.enum(REQUEST_METRICS).catch("ttft"),
  logx: z.enum(["0", "1"]).catch("0").transform((v) => v === "1"),
  warmup: z.enum(["keep", "exclude"]).catch("exclude"),
  warmupn: z.coerce.number().int().min(0).max(1_000_000).catch(0),
});
export type RequestsParams = z.infer<typeof requestsParamsSchema>;

export type WarmupSource = "benchmark_phase" | "benchmark_start_time_unix" | "first-n" | null;
export const WARMUP_SOURCE_TEXT: Record<Exclude<WarmupSource, null>, string> = {
  benchmark_phase: "the benchmark's own phase (benchmark_phase other than profiling)",
  benchmark_start_time_unix: "requests started before the result's benchmark_start_time_unix",
  "first-n": "the first N requests (setting)",
};

/** Which requests are warmup, and what said so: the data's own phase first, then the result's start time, then the setting. */
export function warmupOf(table: RequestTable, benchmarkStartUnix: number | null, firstN: number): { warmup: boolean[]; source: WarmupSource } {
  const n = table.index.length;
  if (table.phase.some((phase) => phase !== null)) return { warmup: table.phase.map(isWarmupPhase), source: "benchmark_phase" };
  if (benchmarkStartUnix !== null && table.startUnix.some((t) => t !== null)) {
    return { warmup: table.startUnix.map((t) => t !== null && t < benchmarkStartUnix), source: "benchmark_start_time_unix" };
  }
  if (firstN > 0) return { warmup: Array.from({ length: n }, (_, i) => i < firstN), source: "first-n" };
  return { warmup: new Array<boolean>(n).fill(false), source: null };
}

/** Linear-interpolated quantile of sorted values (numpy's default), q in [0, 1]. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** The empirical CDF as at most `maxPoints` steps: x the value, y the share of requests at or below it. */
export function cdfLine(sorted: readonly number[], maxPoints = 400): { x: number[]; y: number[] } {
  const n = sorted.length;
  const step = Math.max(1, Math.ceil(n / maxPoints));
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i += step) {
    x.push(sorted[i]);
    y.push((i + 1) / n);
  }
  if (n > 0 && x.at(-1) !== sorted[n - 1]) {
    x.push(sorted[n - 1]);
    y.push(1);
  }
  return { x, y };
}

/** Counts in `bins` equal bins (equal in log space with `logX`) between the smallest and largest value. */
export function histogram(sorted: readonly number[], bins: number, logX: boolean): { x: number[]; y: number[]; width: number[] } {
  const values = logX ? sorted.filter((v) => v > 0) : sorted;
  if (values.length === 0) return { x: [], y: [], width: [] };
  const f = logX ? Math.log10 : (v: number) => v;
  const inv = logX ? (v: number) => 10 ** v : (v: number) => v;
  const lo = f(values[0]);
  const hi = f(values[values.length - 1]);
  const size = hi > lo ? (hi - lo) / bins : 1;
  const y = new Array<number>(bins).fill(0);
  for (const v of values) y[Math.min(bins - 1, Math.floor((f(v) - lo) / size))]++;
  const edges = Array.from({ length: bins + 1 }, (_, i) => inv(lo + i * size));
  return { x: edges.slice(0, -1).map((e, i) => (e + edges[i + 1]) / 2), y, width: edges.slice(0, -1).map((e, i) => edges[i + 1] - e) };
}

/** Failed requests' error texts, the same text counted once, most frequent first. */
export function errorCounts(table: RequestTable, keep: (i: number) => boolean = () => true): { error: string; count: number }[] {
  const counts = new Map<string, number>();
  for (let i = 0; i < table.error.length; i++) if (table.error[i] !== "" && keep(i)) counts.set(table.error[i], (counts.get(table.error[i]) ?? 0) + 1);
  return [...counts].map(([error, count]) => ({ error, count })).sort((a, b) => b.count - a.count || a.error.localeCompare(b.error));
}

/** What one concurrency contributes to the view. */
export interface RequestsSeries {
  concurrency: number;
  requests: number;
  failed: number;
  warmup: number;
  warmupSource: WarmupSource;
  cdf: { x: number[]; y: number[] };
  hist: { x: number[]; y: number[]; width: number[] };
  percentiles: { p: number; value: number | null }[];
  mean: number | null;
  scatter: { x: number[]; y: number[] };
  errors: { error: string; count: number }[];
}

/** Every `step`-th index, so a scatter of 100k requests stays a few thousand markers. */
const thin = (n: number, max: number) => Math.max(1, Math.ceil(n / max));

/** One concurrency's distribution of `metric`, warmup left out unless `keepWarmup`. */
export function buildSeries(concurrency: number, table: RequestTable, params: Pick<RequestsParams, "metric" | "logx" | "warmup" | "warmupn"> & { benchmarkStartUnix: number | null }): RequestsSeries {
  const { warmup, source } = warmupOf(table, params.benchmarkStartUnix, params.warmupn);
  const keep = (i: number) => params.warmup === "keep" || !warmup[i];
  const column = table[COLUMN[params.metric]];
  const values: number[] = [];
  const sx: number[] = [];
  const sy: number[] = [];
  const step = thin(table.index.length, 4000);
  for (let i = 0; i < column.length; i++) {
    if (!keep(i)) continue;
    const v = column[i];
    if (v !== null && table.error[i] === "") values.push(v);
    const ttft = table.ttftMs[i];
    const isl = table.inputLen[i];
    if (i % step === 0 && ttft !== null && isl !== null && table.error[i] === "") {
      sx.push(isl);
      sy.push(ttft);
    }
  }
  values.sort((a, b) => a - b);
  const kept = table.index.filter((_, i) => keep(i)).length;
  return {
    concurrency,
    requests: kept,
    failed: table.error.filter((e, i) => e !== "" && keep(i)).length,
    warmup: warmup.filter(Boolean).length,
    warmupSource: source,
    cdf: cdfLine(values),
    hist: histogram(values, 40, params.logx),
    percentiles: PERCENTILES.map((p) => ({ p, value: quantile(values, p / 100) })),
    mean: values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : null,
    scatter: { x: sx, y: sy },
    errors: errorCounts(table, keep),
  };
}
