import type { Run } from "./model";

/** The figures above the tabs, over the selected runs. */
export interface DashboardSummary {
  totalRuns: number;
  dataPoints: number;
  /** Highest output throughput (tokens/s) of any point; null when no point has one. */
  maxOutputTps: number | null;
  /** Highest `peak_output_tokens_per_s` of any point (sa-bench since 2026); null when no result reports it. */
  maxPeakOutputTps: number | null;
  maxConcurrency: number | null;
  profilers: string[];
  containers: string[];
}

function maxOf(values: (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null && Number.isFinite(value));
  return known.length > 0 ? Math.max(...known) : null;
}

/** Totals, maxima and the distinct profilers and containers of some runs. */
export function summarizeRuns(runs: readonly Run[]): DashboardSummary {
  const points = runs.flatMap((run) => run.points);
  return {
    totalRuns: runs.length,
    dataPoints: points.length,
    maxOutputTps: maxOf(points.map((point) => point.outputTps)),
    maxPeakOutputTps: maxOf(points.map((point) => point.peakOutputTps)),
    maxConcurrency: maxOf(points.map((point) => point.concurrency)),
    profilers: [...new Set(runs.map((run) => run.metadata.profiler.type))].sort(),
    containers: [...new Set(runs.map((run) => run.metadata.container).filter((c): c is string => !!c))].sort(),
  };
}
