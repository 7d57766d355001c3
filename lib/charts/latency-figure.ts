import type { Layout, Shape } from "plotly.js-dist-min";
import { hasSla, slaFailure, type Sla } from "../sla";
import type { ColorBy, LatencyStat, LatencyX } from "../view-state";
import type { ChartPoint, ChartRun } from "./chart-data";
import { fmt2 } from "./format";
import { clipAtPercentile, clipNote } from "./latency-clip";
import type { Trace } from "./pareto-figure";
import { BASE_LAYOUT, GRID_AXIS, SLA_BEST_COLOR, slaMarkerColor } from "./style";
import { runTraceStyles } from "./pareto-colors";

export const LATENCY_METRICS = [
  { key: "Ttft", name: "TTFT", title: "Time to First Token" },
  { key: "Tpot", name: "TPOT", title: "Time Per Output Token" },
  { key: "Itl", name: "ITL", title: "Inter-Token Latency" },
] as const;
export type LatencyMetric = (typeof LATENCY_METRICS)[number]["key"];

export const STAT_LABEL: Record<LatencyStat, string> = { mean: "Mean", median: "Median", p99: "P99" };

/** e.g. `p99TtftMs` of a point. */
export function latencyValue(point: ChartPoint, metric: LatencyMetric, stat: LatencyStat): number | null {
  const value = point[`${stat}${metric}Ms` as keyof ChartPoint];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function metricName(metric: LatencyMetric): string {
  return LATENCY_METRICS.find((m) => m.key === metric)!.name;
}

/**
 * How a latency chart is drawn: x is concurrency or Output TPS/GPU; y linear or log; optionally each
 * run's median beside the chosen statistic, and the y axis capped at the p99 of the plotted values.
 */
export interface LatencyAxes {
  x: LatencyX;
  logY: boolean;
  median?: boolean;
  clipP99?: boolean;
}
export const DEFAULT_LATENCY_AXES: LatencyAxes = { x: "concurrency", logY: false };
/** The percentile the y axis is capped at when clipping is on. */
export const LATENCY_CLIP_PERCENTILE = 99;

export const LATENCY_X_LABEL: Record<LatencyX, string> = { concurrency: "Concurrency", tps: "Output TPS/GPU" };

/** A point's x: its concurrency, or its Output TPS/GPU (null without a GPU count). */
export function latencyXValue(point: ChartPoint, x: LatencyX): number | null {
  return x === "concurrency" ? point.concurrency : point.outputTpsPerGpu;
}

/** The SLA lens on a latency chart: failing points grey, and each run's best point under it starred. */
export interface LatencySla {
  sla: Sla;
  /** Best points as `runDir@concurrency`. */
  best: ReadonlySet<string>;
}

function hoverText(run: ChartRun, p: ChartPoint, label: string, value: number, x: LatencyX, failure: string | null): string {
  const tps = x === "tps" ? `<br>Output TPS/GPU: ${fmt2(p.outputTpsPerGpu)}` : "";
  return `<b>${run.label}</b><br>Concurrency: ${p.concurrency}${tps}<br>${label}: ${fmt2(value)} ms${failure ? `<br>${failure}` : ""}`;
}

/**
 * One trace per run: the chosen statistic of a latency against concurrency or Output TPS/GPU (points in
 * concurrency order, so the line follows the sweep); with an SLA, its best points as a star trace.
 */
export function buildLatencyTraces(runs: readonly ChartRun[], metric: LatencyMetric, stat: LatencyStat, lens?: LatencySla, axes: LatencyAxes = DEFAULT_LATENCY_AXES, colorBy: ColorBy = "run"): Trace[] {
  const label = `${STAT_LABEL[stat]} ${metricName(metric)}`;
  const stars: { x: number; y: number; text: string }[] = [];
  // The same colours, markers and legend entries as the Pareto tab gives these runs (and its colour-by).
  const styles = runTraceStyles(runs, colorBy);
  const traces = runs.map((run, i) => {
    const points = run.points.filter((p) => latencyValue(p, metric, stat) !== null && latencyXValue(p, axes.x) !== null);
    const { color, symbol, name, legendgroup, showlegend } = styles[i];
    const failures = points.map((p) => slaFailure(p, lens?.sla));
    for (const p of points) {
      if (lens?.best.has(`${run.runDir}@${p.concurrency}`)) stars.push({ x: latencyXValue(p, axes.x)!, y: latencyValue(p, metric, stat)!, text: `<b>Best under SLA</b><br>${run.label}<br>Concurrency: ${p.concurrency}` });
    }
    return {
      type: "scatter",
      mode: "lines+markers",
      name,
      ...(legendgroup !== undefined ? { legendgroup, showlegend } : {}),
      x: points.map((p) => latencyXValue(p, axes.x)),
      y: points.map((p) => latencyValue(p, metric, stat)),
      text: points.map((p, i) => hoverText(run, p, label, latencyValue(p, metric, stat)!, axes.x, failures[i])),
      hovertemplate: "%{text}<extra></extra>",
      line: { color, width: 2 },
      marker: { color: slaMarkerColor(failures, color), symbol, size: 8 },
    } as Trace;
  });
  const medians = axes.median && stat !== "median" ? medianTraces(runs, metric, axes.x, styles.map((style) => style.color)) : [];
  if (stars.length === 0) return [...traces, ...medians];
  const star: Trace = {
    type: "scatter", mode: "markers", name: "Best under SLA", x: stars.map((s) => s.x), y: stars.map((s) => s.y), text: stars.map((s) => s.text),
    hovertemplate: "%{text}<extra></extra>", marker: { color: SLA_BEST_COLOR, symbol: "star", size: 16, line: { color: "#0f172a", width: 1.5 } },
  } as Trace;
  return [...traces, ...medians, star];
}

/**
 * Each run's median as a dashed line in its colour beside the chosen statistic: a mean far above the
 * median says a tail pulls it, which the mean alone hides. Legend-less (the run's own entry names it).
 */
function medianTraces(runs: readonly ChartRun[], metric: LatencyMetric, x: LatencyX, colors: readonly string[]): Trace[] {
  const label = `Median ${metricName(metric)}`;
  return runs.map((run, i) => {
    const points = run.points.filter((p) => latencyValue(p, metric, "median") !== null && latencyXValue(p, x) !== null);
    return {
      type: "scatter", mode: "lines", name: `${run.label} (median)`, showlegend: false,
      x: points.map((p) => latencyXValue(p, x)),
      y: points.map((p) => latencyValue(p, metric, "median")),
      text: points.map((p) => hoverText(run, p, label, latencyValue(p, metric, "median")!, x, null)),
      hovertemplate: "%{text}<extra></extra>",
      line: { color: colors[i], width: 1.5, dash: "dash" },
    } as Trace;
  });
}

const SLA_METRIC_OF: Record<LatencyMetric, string> = { Ttft: "ttft", Tpot: "tpot", Itl: "itl" };

/** A dashed horizontal line at the SLA bound on this chart's metric and statistic, when there is one. */
function boundShapes(metric: LatencyMetric, stat: LatencyStat, sla: Sla | undefined): Partial<Shape>[] {
  if (!sla || !hasSla(sla)) return [];
  const bound = sla.bounds.find((b) => b.metric === SLA_METRIC_OF[metric] && b.stat === stat);
  return bound ? [{ type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: bound.maxMs, y1: bound.maxMs, line: { color: "#dc2626", width: 2, dash: "dash" } }] : [];
}

/** Concurrency is usually a power-of-two sweep: a log axis spaces it evenly; ticks at the measured values. */
function concurrencyAxis(runs: readonly ChartRun[]) {
  const values = [...new Set(runs.flatMap((run) => run.points.map((p) => p.concurrency)))].filter((c) => c > 0).sort((a, b) => a - b);
  const step = Math.ceil(values.length / 16);
  const ticks = values.filter((_, i) => i % step === 0);
  return { ...GRID_AXIS, title: { text: "Concurrency" }, type: "log" as const, tickvals: ticks, ticktext: ticks.map(String) };
}

/** The x axis: log concurrency ticked at the measured values, or linear Output TPS/GPU. */
function xAxis(runs: readonly ChartRun[], x: LatencyX) {
  return x === "concurrency" ? concurrencyAxis(runs) : { ...GRID_AXIS, title: { text: LATENCY_X_LABEL.tps }, rangemode: "tozero" as const };
}

/**
 * Ticks of a log latency axis at 1, 2, 3 and 5 × 10^k ms over the decades the values span, labelled in
 * full: Plotly's own log ticks label 2000 and 3000 as "2" and "3", which reads like 2 ms.
 */
export function logTicks(values: readonly number[]): number[] {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return [];
  const lo = Math.floor(Math.log10(Math.min(...positive)));
  const hi = Math.ceil(Math.log10(Math.max(...positive)));
  const ticks: number[] = [];
  for (let k = lo; k <= hi; k++) for (const m of [1, 2, 3, 5]) ticks.push(Number((m * 10 ** k).toPrecision(1)));
  return ticks;
}

/** Every y value the chart draws: the statistic, and the medians when they are drawn beside it. */
function plottedValues(runs: readonly ChartRun[], metric: LatencyMetric, stat: LatencyStat, axes: LatencyAxes): number[] {
  const stats: LatencyStat[] = axes.median && stat !== "median" ? [stat, "median"] : [stat];
  return runs.flatMap((run) => run.points.filter((p) => latencyXValue(p, axes.x) !== null).flatMap((p) => stats.map((s) => latencyValue(p, metric, s) ?? NaN)));
}

function yAxis(runs: readonly ChartRun[], metric: LatencyMetric, stat: LatencyStat, axes: LatencyAxes, range?: [number, number]) {
  const title = { text: `${STAT_LABEL[stat]} ${metricName(metric)} (ms)` };
  const clipped = range ? { range, autorange: false } : {};
  if (!axes.logY) return { ...GRID_AXIS, title, type: "linear" as const, ...clipped };
  const ticks = logTicks(plottedValues(runs, metric, stat, axes).filter(Number.isFinite));
  return { ...GRID_AXIS, title, type: "log" as const, tickvals: ticks, ticktext: ticks.map((t) => t.toLocaleString("en-US")), ...clipped };
}

function clipAnnotation(text: string): NonNullable<Layout["annotations"]>[number] {
  return { xref: "paper", yref: "paper", x: 1, y: 1, xanchor: "right", yanchor: "bottom", showarrow: false, text, font: { size: 11, color: "#b45309" } };
}

export function buildLatencyLayout(runs: readonly ChartRun[], metric: LatencyMetric, stat: LatencyStat, sla?: Sla, axes: LatencyAxes = DEFAULT_LATENCY_AXES): Partial<Layout> {
  const name = metricName(metric);
  const clip = axes.clipP99 ? clipAtPercentile(plottedValues(runs, metric, stat, axes), LATENCY_CLIP_PERCENTILE, axes.logY) : null;
  return {
    ...BASE_LAYOUT,
    title: { text: `${name} vs ${LATENCY_X_LABEL[axes.x]} (${STAT_LABEL[stat].toLowerCase()})`, x: 0.5, xanchor: "center" },
    xaxis: xAxis(runs, axes.x),
    yaxis: yAxis(runs, metric, stat, axes, clip?.range),
    height: 450,
    legend: { font: { size: 11 } },
    shapes: boundShapes(metric, stat, sla),
    annotations: clip ? [clipAnnotation(clipNote(clip, LATENCY_CLIP_PERCENTILE))] : [],
    // A new axis type, x metric or clip must range afresh; zoom is kept only while those stay.
    uirevision: `${stat}|${axes.x}|${axes.logY ? "log" : "linear"}|${clip ? `clip${clip.cap}` : "auto"}`,
  } as Partial<Layout>;
}

export interface MinMax {
  min: number | null;
  max: number | null;
}

export interface LatencySummaryRow {
  runDir: string;
  label: string;
  values: Record<LatencyMetric, MinMax>;
  /** Highest peak output rate over the run's concurrencies (tokens/s); null when sa-bench did not report it. */
  peakOutputTps: number | null;
}

function minMax(values: (number | null)[]): MinMax {
  const known = values.filter((v): v is number => v !== null);
  return known.length > 0 ? { min: Math.min(...known), max: Math.max(...known) } : { min: null, max: null };
}

/** Per run, the smallest and largest value of each latency over its concurrencies, for one statistic. */
export function latencySummary(runs: readonly ChartRun[], stat: LatencyStat): LatencySummaryRow[] {
  return runs.map((run) => ({
    runDir: run.runDir,
    label: run.label,
    values: Object.fromEntries(LATENCY_METRICS.map(({ key }) => [key, minMax(run.points.map((p) => latencyValue(p, key, stat)))])) as Record<LatencyMetric, MinMax>,
    peakOutputTps: minMax(run.points.map((p) => p.peakOutputTps ?? null)).max,
  }));
}
