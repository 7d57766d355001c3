import type { Better } from "../pareto";
import type { ChartPoint, MeasuredPoint } from "./chart-data";

/**
 * Every per-point metric the Pareto tab can put on either axis (URL `x=`, `y=`). The first four keys
 * are the old y-axis choices (`y=output|total|goodput|energy`), spelled the same so old links keep
 * their meaning; the latency keys read like the SLA lens's (`max-ttft-p99` -> `ttft-p99`).
 */
const LATENCIES = ["ttft", "tpot", "itl", "e2el"] as const;
const STATS = ["mean", "median", "p99"] as const;
type LatencyKey = `${(typeof LATENCIES)[number]}-${(typeof STATS)[number]}`;
const LATENCY_KEYS = LATENCIES.flatMap((m) => STATS.map((s) => `${m}-${s}` as LatencyKey));

export const AXIS_METRICS = ["output", "total", "goodput", "energy", "tps-user", "req-rate", "concurrency", ...LATENCY_KEYS] as [
  "output", "total", "goodput", "energy", "tps-user", "req-rate", "concurrency", ...LatencyKey[],
];
export type AxisMetric = (typeof AXIS_METRICS)[number];

/** Today's chart: Output TPS/GPU against Output TPS/User. */
export const DEFAULT_X: AxisMetric = "tps-user";
export const DEFAULT_Y: AxisMetric = "output";

/** A measured field the payload may need to send for an axis (values derived from it are recomputed in the browser). */
type Measured = Exclude<keyof MeasuredPoint, "concurrency">;

export interface AxisMetricInfo {
  /** Axis title and table header. */
  label: string;
  better: Better;
  /** Where the value sits on a chart point; `concurrency` is the point's own. */
  field: keyof ChartPoint;
  /** The measured field it is derived from (none for concurrency and the server-computed extras). */
  measured?: Measured;
  /** Computed on the server only when an axis asks: goodput (per-request files) or energy (power records). */
  extra?: "goodput" | "energy";
  /** Said beside the direction, when "better" needs explaining. */
  note?: string;
}

const STAT_LABEL = { mean: "Mean", median: "Median", p99: "P99" } as const;
const LATENCY_NAME = { ttft: "TTFT", tpot: "TPOT", itl: "ITL", e2el: "E2E latency" } as const;

function latencyInfo(key: LatencyKey): AxisMetricInfo {
  const [metric, stat] = key.split("-") as [(typeof LATENCIES)[number], (typeof STATS)[number]];
  const field = `${stat}${metric[0].toUpperCase()}${metric.slice(1)}Ms` as Measured;
  return { label: `${STAT_LABEL[stat]} ${LATENCY_NAME[metric]} (ms)`, better: "lower", field: field as keyof ChartPoint, measured: field };
}

export const AXIS_METRIC_INFO: Record<AxisMetric, AxisMetricInfo> = {
  output: { label: "Output TPS/GPU", better: "higher", field: "outputTpsPerGpu", measured: "outputTps" },
  total: { label: "Total TPS/GPU", better: "higher", field: "totalTpsPerGpu", measured: "totalTps" },
  goodput: { label: "Goodput TPS/GPU", better: "higher", field: "goodputTpsPerGpu", extra: "goodput" },
  energy: { label: "Output tokens/J", better: "higher", field: "outputTokensPerJ", extra: "energy" },
  "tps-user": { label: "Output TPS/User", better: "higher", field: "outputTpsPerUser", measured: "meanTpotMs" },
  "req-rate": { label: "Request throughput (req/s)", better: "higher", field: "requestThroughput", measured: "requestThroughput" },
  // Concurrency is a setting, not a quality; the frontier needs a direction, and more users served at once is the usual aim.
  concurrency: { label: "Concurrency", better: "higher", field: "concurrency", note: "a setting, not a quality: the frontier treats higher as better" },
  ...(Object.fromEntries(LATENCY_KEYS.map((key) => [key, latencyInfo(key)])) as Record<LatencyKey, AxisMetricInfo>),
};

export interface AxisPair {
  x: AxisMetric;
  y: AxisMetric;
}

export const DEFAULT_AXES: AxisPair = { x: DEFAULT_X, y: DEFAULT_Y };

/** TPS/User against one of the old y choices: the charts the tab drew before any metric could go on any axis. */
export const isLegacyPlane = (axes: AxisPair) => axes.x === DEFAULT_X && (["output", "total", "goodput", "energy"] as AxisMetric[]).includes(axes.y);

/** A point's value of `metric`, null when missing or not finite (such a point is not plotted). */
export function axisValue(point: ChartPoint, metric: AxisMetric): number | null {
  const value = point[AXIS_METRIC_INFO[metric].field];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** "↑ better" for a y axis, "→ better" for an x axis (higher); arrows the other way for lower. */
export function betterText(metric: AxisMetric, axis: "x" | "y"): string {
  const higher = AXIS_METRIC_INFO[metric].better === "higher";
  const arrow = axis === "y" ? (higher ? "↑" : "↓") : higher ? "→" : "←";
  return `${arrow} better`;
}

/**
 * The axis title: the label alone on the old planes (unchanged for old links; up and right is better
 * there, as the tab's heading says), else with which way is better.
 */
export function axisTitle(axes: AxisPair, axis: "x" | "y"): string {
  const label = AXIS_METRIC_INFO[axes[axis]].label;
  return isLegacyPlane(axes) ? label : `${label} (${betterText(axes[axis], axis)})`;
}

/** The measured fields the chosen axes need sent (the rest of the page's needs are the base fields). */
export function axisFields(axes: AxisPair): Measured[] {
  return [...new Set([axes.x, axes.y].flatMap((m) => (AXIS_METRIC_INFO[m].measured ? [AXIS_METRIC_INFO[m].measured!] : [])))];
}

/** Whether either axis needs a server-computed extra (goodput or energy). */
export const axesNeed = (axes: AxisPair, extra: "goodput" | "energy") => AXIS_METRIC_INFO[axes.x].extra === extra || AXIS_METRIC_INFO[axes.y].extra === extra;
