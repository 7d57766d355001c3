import type { BenchPoint, Run } from "../model";
import { outputTpsPerUser, perGpu } from "../metrics";
import { legendLabel, shortGpuName } from "../labels";

/** One benchmark point as the charts need it: measured and derived numbers, null when missing. */
export interface ChartPoint {
  concurrency: number;
  outputTps: number | null;
  totalTps: number | null;
  outputTpsPerGpu: number | null;
  totalTpsPerGpu: number | null;
  outputTpsPerUser: number | null;
  meanTtftMs: number | null;
  medianTtftMs: number | null;
  p99TtftMs: number | null;
  meanTpotMs: number | null;
  medianTpotMs: number | null;
  p99TpotMs: number | null;
  meanItlMs: number | null;
  medianItlMs: number | null;
  p99ItlMs: number | null;
  meanE2elMs: number | null;
  medianE2elMs: number | null;
  p99E2elMs: number | null;
  /** Highest output rate sa-bench saw in any second of the run (`peak_output_tokens_per_s`, since 2026). */
  peakOutputTps: number | null;
  /** Completed requests per second (`request_throughput`); optional so hand-made chart data need not carry it. */
  requestThroughput?: number | null;
  /** The benchmark's own `request_goodput` (sa-bench --goodput, its SLOs), req/s; absent in hand-made data. */
  reportedGoodputRps?: number | null;
  /** srtlog's per-request goodput under the SLA lens: filled only when a view asks (y = goodput). */
  goodputRps?: number | null;
  goodputTpsPerGpu?: number | null;
  slaAttainmentPct?: number | null;
  /** From the run's DCGM power records: filled only when a view asks (y = energy). */
  outputTokensPerJ?: number | null;
  meanPowerW?: number | null;
}

/** A selected run, trimmed to what the browser draws: plain, serialisable data. */
export interface ChartRun {
  runDir: string;
  jobId: string;
  /** Legend label, e.g. `3667 | 1P/4D | 8+32 GPUs | 1024/1024 | H100`. */
  label: string;
  /** Points in concurrency order. */
  points: ChartPoint[];
  /** What grouped frontiers split by; absent in hand-made chart data. */
  facets?: { topology: string; gpu: string; container: string; tags: string[]; cluster?: string };
}

/** The measured numbers a chart point is made of (the rest is derived from them and the GPU count). */
export type MeasuredPoint = Pick<
  BenchPoint,
  | "concurrency" | "outputTps" | "totalTps"
  | "meanTtftMs" | "medianTtftMs" | "p99TtftMs" | "meanTpotMs" | "medianTpotMs" | "p99TpotMs"
  | "meanItlMs" | "medianItlMs" | "p99ItlMs" | "meanE2elMs" | "medianE2elMs" | "p99E2elMs" | "peakOutputTps" | "requestGoodput" | "requestThroughput"
>;

/** Measured point -> chart point, with the per-GPU and per-user figures (lib/metrics, as the CSV rows). */
export function toChartPoint(point: MeasuredPoint, totalGpus: number | null): ChartPoint {
  return {
    concurrency: point.concurrency,
    outputTps: point.outputTps,
    totalTps: point.totalTps,
    outputTpsPerGpu: perGpu(point.outputTps, totalGpus),
    totalTpsPerGpu: perGpu(point.totalTps, totalGpus),
    outputTpsPerUser: outputTpsPerUser(point),
    meanTtftMs: point.meanTtftMs,
    medianTtftMs: point.medianTtftMs,
    p99TtftMs: point.p99TtftMs,
    meanTpotMs: point.meanTpotMs,
    medianTpotMs: point.medianTpotMs,
    p99TpotMs: point.p99TpotMs,
    meanItlMs: point.meanItlMs,
    medianItlMs: point.medianItlMs,
    p99ItlMs: point.p99ItlMs,
    meanE2elMs: point.meanE2elMs,
    medianE2elMs: point.medianE2elMs,
    p99E2elMs: point.p99E2elMs,
    peakOutputTps: point.peakOutputTps,
    requestThroughput: point.requestThroughput,
    reportedGoodputRps: point.requestGoodput,
  };
}

/** Run -> chart data (the same formulas as the CSV rows: lib/metrics). */
export function toChartRun(run: Run): ChartRun {
  const points = [...run.points].sort((a, b) => a.concurrency - b.concurrency);
  return { runDir: run.runDir, jobId: run.jobId, label: legendLabel(run), points: points.map((p) => toChartPoint(p, run.totalGpus)), facets: chartFacets(run) };
}

/** What grouped frontiers split a run by. */
export function chartFacets(run: Run): NonNullable<ChartRun["facets"]> {
  const m = run.metadata;
  const facets = { topology: run.topology, gpu: shortGpuName(m.gpuType) ?? "unknown GPU", container: m.container ?? "unknown container", tags: m.tags };
  // Only runs read from a dataset have a cluster (srtlog ingest --cluster).
  return run.origin ? { ...facets, cluster: run.origin.cluster } : facets;
}
