import type { RankedPoint } from "../sla";
import type { YMetric } from "../view-state";
import type { ChartPoint, ChartRun } from "./chart-data";
import { fmt2 } from "./format";
import { AXIS_METRIC_INFO, axesNeed, axisValue, DEFAULT_X, type AxisMetric, type AxisPair } from "./pareto-metrics";

/** What each old y-axis choice plots, and which throughput the hover shows with it (Compare, SLA best and `srtlog best` use these). */
export const Y_METRIC_INFO: Record<YMetric, { label: string; field: keyof ChartPoint; tpsLabel: string; tpsField: keyof ChartPoint }> = {
  output: { label: "Output TPS/GPU", field: "outputTpsPerGpu", tpsLabel: "Output TPS", tpsField: "outputTps" },
  total: { label: "Total TPS/GPU", field: "totalTpsPerGpu", tpsLabel: "Total TPS", tpsField: "totalTps" },
  goodput: { label: "Goodput TPS/GPU", field: "goodputTpsPerGpu", tpsLabel: "Goodput (req/s)", tpsField: "goodputRps" },
  energy: { label: "Output tokens/J", field: "outputTokensPerJ", tpsLabel: "Mean power (W)", tpsField: "meanPowerW" },
};
export const X_LABEL = "Output TPS/User";

/** Whether an axis metric is one of the old y choices (which the SLA best table and Compare rank by). */
export const isYMetric = (metric: AxisMetric): metric is YMetric => metric in Y_METRIC_INFO;

/**
 * One plottable point of the Pareto plane, with where it came from: the SLA lens's ranked point, whose
 * x and y here are the chosen axes' values (TPS/User and a TPS/GPU only on the lens's own plane).
 */
export type ParetoPoint = RankedPoint;

const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** The plottable points of one run on the axes `x` (TPS/User by default) and `y`; a point missing either is left out. */
export function runParetoPoints(run: ChartRun, y: AxisMetric, x: AxisMetric = DEFAULT_X): ParetoPoint[] {
  const points: ParetoPoint[] = [];
  for (const point of run.points) {
    const px = axisValue(point, x);
    const py = axisValue(point, y);
    if (px !== null && py !== null) points.push({ runDir: run.runDir, label: run.label, concurrency: point.concurrency, x: px, y: py, point });
  }
  return points;
}

/** `p` moved to the plane of `axes` (a best point ranked on the default plane, drawn on the chosen one); null when it has no value there. */
export function projectPoint(p: ParetoPoint, axes: AxisPair): ParetoPoint | null {
  const x = axisValue(p.point, axes.x);
  const y = axisValue(p.point, axes.y);
  return x === null || y === null ? null : { ...p, x, y };
}

/** Goodput hover lines: srtlog's per-request count and, where the file has one, the benchmark's own figure. */
function goodputLines(point: ChartPoint): string[] {
  const lines = [`SLA attainment (srtlog, per request): ${fmt2(num(point.slaAttainmentPct))}%`];
  const reported = num(point.reportedGoodputRps);
  if (reported !== null) lines.push(`request_goodput (benchmark's own SLOs): ${fmt2(reported)} req/s`);
  return lines;
}

/**
 * The hover lines after the axes: on the old planes (TPS/User against an old y choice) the y choice's
 * throughput, as before; on any other, TPS/User and Output TPS/GPU where neither is an axis, so a point
 * can always be placed on the usual chart.
 */
function contextLines(point: ChartPoint, axes: AxisPair): string[] {
  if (axes.x === DEFAULT_X && isYMetric(axes.y)) {
    const info = Y_METRIC_INFO[axes.y];
    return [`${info.tpsLabel}: ${fmt2(num(point[info.tpsField]))}`];
  }
  return (["tps-user", "output"] as const).filter((m) => axes.x !== m && axes.y !== m).map((m) => `${AXIS_METRIC_INFO[m].label}: ${fmt2(axisValue(point, m))}`);
}

export function hoverText(p: ParetoPoint, axes: AxisPair, failure: string | null): string {
  const axisLine = (metric: AxisMetric, value: number) => (metric === "concurrency" ? [] : [`${AXIS_METRIC_INFO[metric].label}: ${fmt2(value)}`]);
  return [
    `<b>${p.label}</b>`,
    `Run: ${p.runDir}`,
    `Concurrency: ${p.concurrency}`,
    ...axisLine(axes.x, p.x),
    ...axisLine(axes.y, p.y),
    ...contextLines(p.point, axes),
    `Mean TTFT: ${fmt2(p.point.meanTtftMs)} ms`,
    `Mean TPOT: ${fmt2(p.point.meanTpotMs)} ms`,
    ...(axesNeed(axes, "goodput") ? goodputLines(p.point) : []),
    ...(failure ? [failure] : []),
  ].join("<br>");
}
