import type { Annotation, Layout, Shape } from "plotly.js-dist-min";
import type { ColorBy, FrontierGroup } from "../view-state";
import { orientedFrontier } from "../pareto";
import type { Sla } from "../sla";
import type { ChartRun } from "./chart-data";
import { colorGroup, runGroups, runTraceStyles } from "./pareto-colors";
import { AXIS_METRIC_INFO, axisTitle, DEFAULT_X, type AxisMetric, type AxisPair } from "./pareto-metrics";
import { runParetoPoints, type ParetoPoint } from "./pareto-points";
import { buildFrontierTraces, buildGroupFrontierTraces, buildRunTrace, buildSlaBestTrace, cutoffShapes, markerAnnotations, type MarkedPoint, type Trace } from "./pareto-traces";
import { BASE_LAYOUT, GRID_AXIS, keyColors } from "./style";
import { GROUP_RUNS_ABOVE, groupRunTraces } from "./trace-groups";

// The Pareto chart is split over pareto-metrics (what can go on an axis), pareto-points (points and
// hover), pareto-colors (colour-by) and pareto-traces (one builder per kind of trace); the tabs import
// these names from here.
export { isYMetric, runParetoPoints, X_LABEL, Y_METRIC_INFO, type ParetoPoint } from "./pareto-points";
export { runGroups } from "./pareto-colors";
export { buildRunTrace, buildSlaBestTrace, cutoffShapes, type MarkedPoint, type Trace } from "./pareto-traces";

export interface ParetoOptions {
  y: AxisMetric;
  /** Absent: Output TPS/User, today's x axis. */
  x?: AxisMetric;
  logX?: boolean;
  logY?: boolean;
  /** Absent: each run its own colour. */
  colorBy?: ColorBy;
  /** TPS/User of the target line (vertical, or horizontal with TPS/User on y; none on other axes); null for none. */
  cutoff: number | null;
  frontier: boolean;
  /** One frontier over every run ("all", the default) or one per group of runs. */
  frontierBy?: FrontierGroup;
  marked: MarkedPoint[];
  /** SLA lens: points failing it are greyed; absent or empty: every point in its run's colour. */
  sla?: Sla;
  /** The best point meeting the SLA of each run or group, starred. */
  best?: readonly ParetoPoint[];
}

export const axesOf = (options: Pick<ParetoOptions, "x" | "y">): AxisPair => ({ x: options.x ?? DEFAULT_X, y: options.y });

/** The frontier on the chosen axes, each in its own direction (lower latency, higher throughput). */
export function frontierOf(points: readonly ParetoPoint[], axes: AxisPair): ParetoPoint[] {
  return orientedFrontier(points, { x: AXIS_METRIC_INFO[axes.x].better, y: AXIS_METRIC_INFO[axes.y].better });
}

/** A frontier per group, groups in first-seen order; a run with two tags counts in both. */
export function groupedFrontiers(runs: readonly ChartRun[], perRun: readonly ParetoPoint[][], by: Exclude<FrontierGroup, "all">, axes: AxisPair = axesOf({ y: "output" })): { group: string; frontier: ParetoPoint[] }[] {
  const groups = new Map<string, ParetoPoint[]>();
  runs.forEach((run, i) => {
    for (const group of runGroups(run, by)) groups.set(group, [...(groups.get(group) ?? []), ...perRun[i]]);
  });
  return [...groups].map(([group, points]) => ({ group, frontier: frontierOf(points, axes) })).filter((g) => g.frontier.length > 0);
}

export interface ParetoFigure {
  data: Trace[];
  layout: Partial<Layout>;
  /** Non-dominated points over every selected run, by x ascending (empty when not asked for). */
  frontier: ParetoPoint[];
  /** Points that could not be placed (a value of either axis missing). */
  unplotted: number;
  /** Runs were merged into one trace per colour or group (no per-run legend): see lib/charts/trace-groups.ts. */
  grouped: boolean;
}

/** Plotly wants shape and annotation coordinates on a log axis as log10 of the value (annotations default to data coordinates). */
const onAxis = (value: unknown, log: boolean | undefined) => (log && typeof value === "number" ? Math.log10(value) : value);

function logPlaced(cut: { shapes: Partial<Shape>[]; annotations: Partial<Annotation>[] }, options: ParetoOptions) {
  const shapes = cut.shapes.map((s) => (s.xref === "x" ? { ...s, x0: onAxis(s.x0, options.logX), x1: onAxis(s.x1, options.logX) } : { ...s, y0: onAxis(s.y0, options.logY), y1: onAxis(s.y1, options.logY) })) as Partial<Shape>[];
  const annotations = cut.annotations.map((a) => ({ ...a, x: a.xref === "paper" ? a.x : onAxis(a.x, options.logX), y: a.yref === "paper" ? a.y : onAxis(a.y, options.logY) })) as Partial<Annotation>[];
  return { shapes, annotations };
}

/** The run traces: one per run, or above GROUP_RUNS_ABOVE runs merged per colour (by run) or per group (one legend entry each). */
function runTracesOf(runs: readonly ChartRun[], options: ParetoOptions, axes: AxisPair): Trace[] {
  const by = options.colorBy ?? "run";
  const styles = runTraceStyles(runs, by);
  const traces = runs.map((run, i) => buildRunTrace(run, { axes, marked: options.marked, sla: options.sla }, styles[i]));
  if (runs.length <= GROUP_RUNS_ABOVE) return traces;
  if (by !== "run") return groupRunTraces(traces, (t) => String(t.legendgroup), (group) => group, true);
  const colours: string[] = [];
  return groupRunTraces(traces, (t) => (t.line as { color: string }).color, (color, n) => `runs in colour ${colours.push(color)} (${n})`);
}

/** What the page says around the chart: the frontier (its table), unplotted points and whether runs were grouped. */
export type ParetoOutline = Pick<ParetoFigure, "frontier" | "unplotted" | "grouped">;

function outlineOf(runs: readonly ChartRun[], all: readonly ParetoPoint[], options: ParetoOptions): ParetoOutline {
  const total = runs.reduce((sum, run) => sum + run.points.length, 0);
  return { frontier: options.frontier ? frontierOf(all, axesOf(options)) : [], unplotted: total - all.length, grouped: runs.length > GROUP_RUNS_ABOVE };
}

/**
 * The figure's outline without its traces: for the server's render, where the chart is only its skeleton
 * (Plotly draws in the browser), so building every point's trace style and hover text there was wasted.
 */
export function buildParetoOutline(runs: readonly ChartRun[], options: ParetoOptions): ParetoOutline {
  const axes = axesOf(options);
  return outlineOf(runs, runs.flatMap((run) => runParetoPoints(run, axes.y, axes.x)), options);
}

/** Traces and layout of the Pareto graph: frontier (behind), the runs, SLA stars, cutoff line, A/B marks. */
export function buildParetoFigure(runs: readonly ChartRun[], options: ParetoOptions): ParetoFigure {
  const axes = axesOf(options);
  const perRun = runs.map((run) => runParetoPoints(run, axes.y, axes.x));
  const all = perRun.flat();
  const outline = outlineOf(runs, all, options);
  const frontier = outline.frontier;
  const by = options.frontierBy ?? "all";
  // Grouped by what the runs are coloured by (not tags: a run's colour is its whole tag set), a group's line takes the group's colour.
  const sameColours = by !== "all" && by !== "tag" && by === options.colorBy ? keyColors(runs.map((run) => colorGroup(run, by))) : undefined;
  const frontierTraces = by === "all" ? buildFrontierTraces(frontier) : options.frontier ? buildGroupFrontierTraces(groupedFrontiers(runs, perRun, by, axes), sameColours) : [];
  const data = [...frontierTraces, ...runTracesOf(runs, options, axes), ...buildSlaBestTrace(options.best ?? [], axes)];
  const [xTitle, yTitle] = [axisTitle(axes, "x"), axisTitle(axes, "y")];
  // The TPS/User target line is drawn on whichever axis shows TPS/User, and not at all otherwise.
  const cutOn = axes.x === "tps-user" ? "x" : axes.y === "tps-user" ? "y" : null;
  const cut = logPlaced(cutoffShapes(cutOn ? options.cutoff : null, cutOn ?? "x"), options);
  const marks = logPlaced({ shapes: [], annotations: markerAnnotations(all, options.marked) }, options);
  const layout: Partial<Layout> = {
    ...BASE_LAYOUT,
    title: { text: `Pareto Frontier: ${AXIS_METRIC_INFO[axes.y].label} vs ${AXIS_METRIC_INFO[axes.x].label}`, x: 0.5, xanchor: "center" },
    xaxis: { ...GRID_AXIS, title: { text: xTitle }, ...(options.logX ? { type: "log" } : {}) },
    yaxis: { ...GRID_AXIS, title: { text: yTitle }, ...(options.logY ? { type: "log" } : {}) },
    height: 600,
    legend: { font: { size: 11 } },
    shapes: cut.shapes,
    annotations: [...cut.annotations, ...marks.annotations],
    // Keep zoom while points are picked or the frontier toggled; new axes (or scales) start fresh.
    uirevision: [axes.y, ...(axes.x === DEFAULT_X ? [] : [axes.x]), ...(options.logX ? ["xlog"] : []), ...(options.logY ? ["ylog"] : [])].join("|"),
  } as Partial<Layout>;
  return { data, layout, ...outline };
}
