import type { Annotation, ScatterData, Shape } from "plotly.js-dist-min";
import { slaFailure, type Sla } from "../sla";
import type { ChartRun } from "./chart-data";
import type { RunTraceStyle } from "./pareto-colors";
import { DEFAULT_AXES, type AxisPair } from "./pareto-metrics";
import { hoverText, projectPoint, runParetoPoints, type ParetoPoint } from "./pareto-points";
import { keyStyle, RUN_COLORS, SLA_BEST_COLOR, slaMarkerColor } from "./style";

export type Trace = Partial<ScatterData>;

/** A point marked for comparison: "A" is the baseline. */
export interface MarkedPoint {
  runDir: string;
  concurrency: number;
  role: "A" | "B";
}

/** What a run trace needs: the axes (absent: today's pair), the picked points and the SLA lens. */
export interface RunTraceOptions {
  axes?: AxisPair;
  marked: MarkedPoint[];
  /** SLA lens: points failing it are greyed; absent or empty: every point in its run's colour. */
  sla?: Sla;
}

/**
 * One trace per run, points joined in concurrency order; marked points drawn bigger with a dark ring,
 * points failing the SLA grey.
 */
export function buildRunTrace(run: ChartRun, options: RunTraceOptions, style: RunTraceStyle = { ...keyStyle(run.runDir), name: run.label }): Trace {
  const axes = options.axes ?? DEFAULT_AXES;
  const points = runParetoPoints(run, axes.y, axes.x);
  const { color, symbol } = style;
  const failures = points.map((p) => slaFailure(p.point, options.sla));
  const marked = options.marked.filter((m) => m.runDir === run.runDir);
  const isMarked = (p: ParetoPoint) => marked.some((m) => m.concurrency === p.concurrency);
  const anyMarked = points.some(isMarked);
  return {
    type: "scatter",
    mode: "lines+markers",
    name: style.name,
    ...(style.legendgroup !== undefined ? { legendgroup: style.legendgroup, showlegend: style.showlegend } : {}),
    x: points.map((p) => p.x),
    y: points.map((p) => p.y),
    customdata: points.map((p) => [p.runDir, p.concurrency]),
    text: points.map((p, i) => hoverText(p, axes, failures[i])),
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

/**
 * One dotted frontier line per group: in the group's own colour when the runs are coloured by the same
 * grouping (so line and points agree), else from the end of the old palette, away from the runs'.
 */
export function buildGroupFrontierTraces(groups: readonly { group: string; frontier: ParetoPoint[] }[], groupColors?: ReadonlyMap<string, string>): Trace[] {
  return groups.map(({ group, frontier }, i) => {
    const color = groupColors?.get(group) ?? RUN_COLORS[RUN_COLORS.length - 1 - (i % RUN_COLORS.length)];
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

/**
 * The best point meeting the SLA of each run or group: a gold star over the run's marker (clickable like
 * it). Best points are ranked on the TPS/User plane; they are drawn where they sit on the chosen axes.
 */
export function buildSlaBestTrace(best: readonly ParetoPoint[], axes: AxisPair = DEFAULT_AXES): Trace[] {
  const placed = best.map((p) => projectPoint(p, axes)).filter((p): p is ParetoPoint => p !== null);
  if (placed.length === 0) return [];
  return [
    {
      type: "scatter",
      mode: "markers",
      name: "Best under SLA",
      x: placed.map((p) => p.x),
      y: placed.map((p) => p.y),
      customdata: placed.map((p) => [p.runDir, p.concurrency]),
      text: placed.map((p) => `<b>Best under SLA</b><br>${hoverText(p, axes, null)}`),
      hovertemplate: "%{text}<extra></extra>",
      marker: { color: SLA_BEST_COLOR, symbol: "star", size: 20, line: { color: "#0f172a", width: 1.5 } },
    } as Trace,
  ];
}

/** The dashed TPS/User target line and its label: vertical with TPS/User on x (today's chart), horizontal with it on y. */
export function cutoffShapes(cutoff: number | null, on: "x" | "y" = "x"): { shapes: Partial<Shape>[]; annotations: Partial<Annotation>[] } {
  if (cutoff === null) return { shapes: [], annotations: [] };
  const text = `Target: ${cutoff} TPS/User`;
  const font = { color: "#dc2626", size: 12 };
  const line = { color: "#dc2626", width: 2, dash: "dash" as const };
  if (on === "y") {
    return {
      shapes: [{ type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: cutoff, y1: cutoff, line }],
      annotations: [{ x: 1, xref: "paper", y: cutoff, yref: "y", yanchor: "bottom", xanchor: "right", showarrow: false, text, font }],
    };
  }
  return {
    shapes: [{ type: "line", xref: "x", yref: "paper", x0: cutoff, x1: cutoff, y0: 0, y1: 1, line }],
    annotations: [{ x: cutoff, xref: "x", y: 1, yref: "paper", yanchor: "bottom", xanchor: "left", showarrow: false, text, font }],
  };
}

export function markerAnnotations(points: readonly ParetoPoint[], marked: readonly MarkedPoint[]): Partial<Annotation>[] {
  return marked.flatMap((m) => {
    const p = points.find((q) => q.runDir === m.runDir && q.concurrency === m.concurrency);
    return p ? [{ x: p.x, y: p.y, text: `<b>${m.role}</b>`, showarrow: true, arrowhead: 0, ax: 0, ay: -28, font: { size: 14, color: "#0f172a" }, bgcolor: "#ffffff", bordercolor: "#0f172a", borderwidth: 1 }] : [];
  });
}
