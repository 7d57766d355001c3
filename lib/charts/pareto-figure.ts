import type { Annotation, Layout, ScatterData, Shape } from "plotly.js-dist-min";
import type { FrontierGroup, YMetric } from "../view-state";
import { paretoFrontier } from "../pareto";
import { slaFailure, type Sla } from "../sla";
import type { ChartPoint, ChartRun } from "./chart-data";
import { fmt2 } from "./format";
import { BASE_LAYOUT, GRID_AXIS, RUN_COLORS, runStyle, SLA_BEST_COLOR, slaMarkerColor } from "./style";
import { GROUP_RUNS_ABOVE, groupRunTraces } from "./trace-groups";

export type Trace = Partial<ScatterData>;

/** What each y-axis choice plots, and which throughput the hover shows with it. */
export const Y_METRIC_INFO: Record<YMetric, { label: string; field: keyof ChartPoint; tpsLabel: string; tpsField: keyof ChartPoint }> = {
  output: { label: "Output TPS/GPU", field: "outputTpsPerGpu", tpsLabel: "Output TPS", tpsField: "outputTps" },
  total: { label: "Total TPS/GPU", field: "totalTpsPerGpu", tpsLabel: "Total TPS", tpsField: "totalTps" },
  goodput: { label: "Goodput TPS/GPU", field: "goodputTpsPerGpu", tpsLabel: "Goodput (req/s)", tpsField: "goodputRps" },
  energy: { label: "Output tokens/J", field: "outputTokensPerJ", tpsLabel: "Mean power (W)", tpsField: "meanPowerW" },
};

/** Goodput hover lines: srtlog's per-request count and, where the file has one, the benchmark's own figure. */
function goodputLines(point: ChartPoint): string[] {
  const lines = [`SLA attainment (srtlog, per request): ${fmt2(num(point.slaAttainmentPct))}%`];
  const reported = num(point.reportedGoodputRps);
  if (reported !== null) lines.push(`request_goodput (benchmark's own SLOs): ${fmt2(reported)} req/s`);
  return lines;
}
export const X_LABEL = "Output TPS/User";

/** One plottable point of the Pareto plane, with where it came from. */
export interface ParetoPoint {
  runDir: string;
  label: string;
  concurrency: number;
  x: number;
  y: number;
  point: ChartPoint;
}

/** A point marked for comparison: "A" is the baseline. */
export interface MarkedPoint {
  runDir: string;
  concurrency: number;
  role: "A" | "B";
}

export interface ParetoOptions {
  y: YMetric;
  /** TPS/User of the vertical target line; null for none. */
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

const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** The plottable points of one run; a point without TPS/User or the y metric cannot be placed. */
export function runParetoPoints(run: ChartRun, y: YMetric): ParetoPoint[] {
  const field = Y_METRIC_INFO[y].field;
  const points: ParetoPoint[] = [];
  for (const point of run.points) {
    const px = num(point.outputTpsPerUser);
    const py = num(point[field]);
    if (px !== null && py !== null) points.push({ runDir: run.runDir, label: run.label, concurrency: point.concurrency, x: px, y: py, point });
  }
  return points;
}

function hoverText(p: ParetoPoint, y: YMetric, failure: string | null): string {
  const info = Y_METRIC_INFO[y];
  return [
    `<b>${p.label}</b>`,
    `Run: ${p.runDir}`,
    `Concurrency: ${p.concurrency}`,
    `${X_LABEL}: ${fmt2(p.x)}`,
    `${info.label}: ${fmt2(p.y)}`,
    `${info.tpsLabel}: ${fmt2(num(p.point[info.tpsField]))}`,
    `Mean TTFT: ${fmt2(p.point.meanTtftMs)} ms`,
    `Mean TPOT: ${fmt2(p.point.meanTpotMs)} ms`,
    ...(y === "goodput" ? goodputLines(p.point) : []),
    ...(failure ? [failure] : []),
  ].join("<br>");
}

/**
 * One trace per run, points joined in concurrency order; marked points drawn bigger with a dark ring,
 * points failing the SLA grey.
 */
export function buildRunTrace(run: ChartRun, index: number, options: Pick<ParetoOptions, "y" | "marked" | "sla">): Trace {
  const points = runParetoPoints(run, options.y);
  const { color, symbol } = runStyle(index);
  const failures = points.map((p) => slaFailure(p.point, options.sla));
  const marked = options.marked.filter((m) => m.runDir === run.runDir);
  const isMarked = (p: ParetoPoint) => marked.some((m) => m.concurrency === p.concurrency);
  const anyMarked = points.some(isMarked);
  return {
    type: "scatter",
    mode: "lines+markers",
    name: run.label,
    x: points.map((p) => p.x),
    y: points.map((p) => p.y),
    customdata: points.map((p) => [p.runDir, p.concurrency]),
    text: points.map((p, i) => hoverText(p, options.y, failures[i])),
    hovertemplate: "%{text}<extra></extra>",
    line: { color, width: 2 },
    marker: {
      color: slaMarkerColor(failures, color),
      symbol,
      size: anyMarked ? points.map((p) => (isMarked(p) ? 16 : 9)) : 9,
      line: anyMarked ? { color: "#0f172a", width: points.map((p) => (isMarked(p) ? 3 : 0)) } : { width: 0 },
    },
  } as Trace;
}

/** The frontier as a soft wide band under a dotted line, drawn before (behind) the run traces. */
export function buildFrontierTraces(frontier: readonly ParetoPoint[]): Trace[] {
  if (frontier.length === 0) return [];
  const x = frontier.map((p) => p.x);
  const y = frontier.map((p) => p.y);
  const band: Trace = { type: "scatter", mode: "lines", x, y, name: "Pareto Frontier (band)", showlegend: false, hoverinfo: "skip", line: { color: "rgba(250, 204, 21, 0.35)", width: 16 } };
  const line: Trace = {
    type: "scatter",
    mode: frontier.length > 1 ? "lines+markers" : "markers",
    x,
    y,
    name: "Pareto Frontier",
    hoverinfo: "skip",
    line: { color: "#ca8a04", width: 2, dash: "dot" },
    marker: { color: "rgba(250, 204, 21, 0.6)", size: frontier.length > 1 ? 14 : 26, line: { color: "#ca8a04", width: 1 } },
  };
  return frontier.length > 1 ? [band, line] : [line];
}

/** The groups a run falls in: its topology, GPU or container, or each of its tags ("untagged" without any). */
export function runGroups(run: ChartRun, by: Exclude<FrontierGroup, "all">): string[] {
  const facets = run.facets;
  if (!facets) return ["unknown"];
  if (by === "tag") return facets.tags.length > 0 ? facets.tags : ["untagged"];
  return [facets[by]];
}

/** A frontier per group, groups in first-seen order; a run with two tags counts in both. */
export function groupedFrontiers(runs: readonly ChartRun[], perRun: readonly ParetoPoint[][], by: Exclude<FrontierGroup, "all">): { group: string; frontier: ParetoPoint[] }[] {
  const groups = new Map<string, ParetoPoint[]>();
  runs.forEach((run, i) => {
    for (const group of runGroups(run, by)) groups.set(group, [...(groups.get(group) ?? []), ...perRun[i]]);
  });
  return [...groups].map(([group, points]) => ({ group, frontier: paretoFrontier(points) })).filter((g) => g.frontier.length > 0);
}

/** One dotted frontier line per group, in the group's colour (from the end of the palette, away from the runs'). */
export function buildGroupFrontierTraces(groups: readonly { group: string; frontier: ParetoPoint[] }[]): Trace[] {
  return groups.map(({ group, frontier }, i) => {
    const color = RUN_COLORS[RUN_COLORS.length - 1 - (i % RUN_COLORS.length)];
    return {
      type: "scatter",
      mode: "lines+markers",
      x: frontier.map((p) => p.x),
      y: frontier.map((p) => p.y),
      name: `Frontier: ${group}`,
      hoverinfo: "skip",
      line: { color, width: 2, dash: "dot" },
      marker: { color, size: 12, symbol: "circle-open" },
    } as Trace;
  });
}

/** The best point meeting the SLA of each run or group: a gold star over the run's marker (clickable like it). */
export function buildSlaBestTrace(best: readonly ParetoPoint[], y: YMetric): Trace[] {
  if (best.length === 0) return [];
  return [
    {
      type: "scatter",
      mode: "markers",
      name: "Best under SLA",
      x: best.map((p) => p.x),
      y: best.map((p) => p.y),
      customdata: best.map((p) => [p.runDir, p.concurrency]),
      text: best.map((p) => `<b>Best under SLA</b><br>${hoverText(p, y, null)}`),
      hovertemplate: "%{text}<extra></extra>",
      marker: { color: SLA_BEST_COLOR, symbol: "star", size: 20, line: { color: "#0f172a", width: 1.5 } },
    } as Trace,
  ];
}

/** The dashed vertical TPS/User target line and its label. */
export function cutoffShapes(cutoff: number | null): { shapes: Partial<Shape>[]; annotations: Partial<Annotation>[] } {
  if (cutoff === null) return { shapes: [], annotations: [] };
  return {
    shapes: [{ type: "line", xref: "x", yref: "paper", x0: cutoff, x1: cutoff, y0: 0, y1: 1, line: { color: "#dc2626", width: 2, dash: "dash" } }],
    annotations: [{ x: cutoff, xref: "x", y: 1, yref: "paper", yanchor: "bottom", xanchor: "left", showarrow: false, text: `Target: ${cutoff} TPS/User`, font: { color: "#dc2626", size: 12 } }],
  };
}

function markerAnnotations(points: readonly ParetoPoint[], marked: readonly MarkedPoint[]): Partial<Annotation>[] {
  return marked.flatMap((m) => {
    const p = points.find((q) => q.runDir === m.runDir && q.concurrency === m.concurrency);
    return p ? [{ x: p.x, y: p.y, text: `<b>${m.role}</b>`, showarrow: true, arrowhead: 0, ax: 0, ay: -28, font: { size: 14, color: "#0f172a" }, bgcolor: "#ffffff", bordercolor: "#0f172a", borderwidth: 1 }] : [];
  });
}

export interface ParetoFigure {
  data: Trace[];
  layout: Partial<Layout>;
  /** Non-dominated points over every selected run, by TPS/User ascending (empty when not asked for). */
  frontier: ParetoPoint[];
  /** Points that could not be placed (no Mean TPOT or no GPU count). */
  unplotted: number;
  /** Runs were merged into one trace per colour (no per-run legend): see lib/charts/trace-groups.ts. */
  grouped: boolean;
}

/** Traces and layout of the Pareto graph: frontier (behind), one trace per run, cutoff line, A/B marks. */
export function buildParetoFigure(runs: readonly ChartRun[], options: ParetoOptions): ParetoFigure {
  const perRun = runs.map((run) => runParetoPoints(run, options.y));
  const all = perRun.flat();
  const frontier = options.frontier ? paretoFrontier(all) : [];
  const by = options.frontierBy ?? "all";
  const frontierTraces = by === "all" ? buildFrontierTraces(frontier) : options.frontier ? buildGroupFrontierTraces(groupedFrontiers(runs, perRun, by)) : [];
  const runTraces = runs.map((run, i) => buildRunTrace(run, i, options));
  const grouped = runs.length > GROUP_RUNS_ABOVE;
  const data = [...frontierTraces, ...(grouped ? groupRunTraces(runTraces, RUN_COLORS.length) : runTraces), ...buildSlaBestTrace(options.best ?? [], options.y)];
  const yLabel = Y_METRIC_INFO[options.y].label;
  const cut = cutoffShapes(options.cutoff);
  const layout: Partial<Layout> = {
    ...BASE_LAYOUT,
    title: { text: `Pareto Frontier: ${yLabel} vs ${X_LABEL}`, x: 0.5, xanchor: "center" },
    xaxis: { ...GRID_AXIS, title: { text: X_LABEL } },
    yaxis: { ...GRID_AXIS, title: { text: yLabel } },
    height: 600,
    legend: { font: { size: 11 } },
    shapes: cut.shapes,
    annotations: [...cut.annotations, ...markerAnnotations(all, options.marked)],
    // Keep zoom while points are picked or the frontier toggled; a new y metric starts fresh.
    uirevision: options.y,
  } as Partial<Layout>;
  const total = runs.reduce((sum, run) => sum + run.points.length, 0);
  return { data, layout, frontier, unplotted: total - all.length, grouped };
}
