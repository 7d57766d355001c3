import type { Annotation, Layout, Shape } from "plotly.js-dist-min";
import { nodeLineLabel } from "../labels";
import { DISAGG_STACK, lineKey, type NodeChartSpec } from "../node-charts";
import type { NodeLines, NodeRunRef, RateLines } from "../node-view";
import type { AggregationMode, RateUnit } from "../view-state";
import type { RunWindows } from "../windows";
import type { Trace } from "./pareto-figure";
import { BASE_LAYOUT, GRID_AXIS, runStyle } from "./style";

/** A run's lines as the Node Metrics charts take them. */
export interface NodeRunLines {
  run: NodeRunRef;
  lines: NodeLines;
  /** The run's concurrency windows on the same time axis; absent in hand-made chart data. */
  windows?: RunWindows;
}

/** Alternating tints so neighbouring windows stay apart; the zoomed one stronger. */
const WINDOW_FILLS = ["rgba(59, 130, 246, 0.08)", "rgba(16, 185, 129, 0.08)"];
const ZOOMED_FILL = "rgba(245, 158, 11, 0.18)";

/** Shapes, labels and x range that put runs' concurrency windows on a time chart. */
export interface WindowOverlay {
  shapes: Partial<Shape>[];
  annotations: Partial<Annotation>[];
  /** The zoomed window with a margin; null: the whole run. */
  range: [number, number] | null;
}

/**
 * Each run's concurrency windows shaded behind the lines and labelled `c64` (`3667 c64` with several
 * runs); with `zoom`, that concurrency's window (of the first run that has it) fills the x axis. A run
 * whose windows could not be placed says so on the chart.
 */
export function windowOverlay(runs: readonly { run: NodeRunRef; windows?: RunWindows }[], zoom?: number): WindowOverlay {
  const shapes: Partial<Shape>[] = [];
  const annotations: Partial<Annotation>[] = [];
  let range: [number, number] | null = null;
  const several = runs.filter((r) => (r.windows?.windows.length ?? 0) > 0).length > 1;
  for (const { run, windows } of runs) {
    windows?.windows.forEach((w, i) => {
      const zoomed = range === null && w.concurrency === zoom;
      if (zoomed) {
        const pad = Math.max(5, (w.x1 - w.x0) * 0.05);
        range = [Math.max(0, w.x0 - pad), w.x1 + pad];
      }
      shapes.push({ type: "rect", layer: "below", xref: "x", yref: "paper", x0: w.x0, x1: w.x1, y0: 0, y1: 1, fillcolor: zoomed ? ZOOMED_FILL : WINDOW_FILLS[i % 2], line: { width: 0 } });
      annotations.push({ x: (w.x0 + w.x1) / 2, xref: "x", y: 1, yref: "paper", yanchor: "top", showarrow: false, text: several ? `${run.jobId} c${w.concurrency}` : `c${w.concurrency}`, font: { size: 10, color: "#475569" } });
    });
  }
  const unplaced = runs.filter((r) => r.windows && r.windows.windows.length === 0 && r.windows.note);
  if (unplaced.length > 0) {
    annotations.push({ x: 0, xref: "paper", xanchor: "left", y: 1, yref: "paper", yanchor: "bottom", showarrow: false, text: `Concurrency windows not drawn for ${unplaced.map((r) => r.run.jobId).join(", ")}: clocks not reconciled (see note)`, font: { size: 10, color: "#b45309" } });
  }
  return { shapes, annotations, range };
}

/** A time chart's layout with the window overlay; the zoom is part of uirevision so a new zoom is applied. */
function withWindows(layout: Partial<Layout>, overlay: WindowOverlay): Partial<Layout> {
  if (overlay.shapes.length === 0 && overlay.annotations.length === 0) return layout;
  const xaxis = overlay.range ? { ...layout.xaxis, range: overlay.range, autorange: false } : layout.xaxis;
  return { ...layout, xaxis, shapes: [...(layout.shapes ?? []), ...overlay.shapes], annotations: [...(layout.annotations ?? []), ...overlay.annotations], uirevision: `${String(layout.uirevision)}|${overlay.range?.join("-") ?? "all"}` } as Partial<Layout>;
}

export interface Figure {
  data: Trace[];
  layout: Partial<Layout>;
}

export const ELAPSED_AXIS_TITLE = "Time Elapsed (s)";

function timeLayout(title: string, yTitle: string, percent: boolean, uirevision: string): Partial<Layout> {
  return {
    ...BASE_LAYOUT,
    title: { text: title, x: 0.5, xanchor: "center" },
    xaxis: { ...GRID_AXIS, title: { text: ELAPSED_AXIS_TITLE }, rangemode: "tozero" },
    yaxis: { ...GRID_AXIS, title: { text: yTitle }, ...(percent ? { range: [0, 100] } : { rangemode: "tozero" }) },
    height: 380,
    legend: { font: { size: 11 } },
    showlegend: true,
    uirevision,
  } as Partial<Layout>;
}

const hover = (unit: string) => `<b>%{fullData.name}</b><br>%{x} s: %{y:,.4~r}${unit}<extra></extra>`;

/** Whether any run has a line for this (role, metric). */
export function hasLines(runs: readonly NodeRunLines[], spec: Pick<NodeChartSpec, "role" | "metric">): boolean {
  return runs.some((r) => (r.lines[lineKey(spec.role, spec.metric)]?.length ?? 0) > 0);
}

/**
 * One Node Metrics chart over the selected runs: a trace per run and line (node, DP rank or all nodes),
 * named `3320 | 6P1D | 24/32 | cn01-p-w0`. With one line per run, a run keeps its colour on every chart.
 */
export function buildNodeFigure(runs: readonly NodeRunLines[], spec: NodeChartSpec, mode: AggregationMode, zoom?: number): Figure {
  const key = lineKey(spec.role, spec.metric);
  let index = 0;
  const data = runs.flatMap((r, runIndex) =>
    (r.lines[key] ?? []).map((line): Trace => {
      const { color } = runStyle(mode === "all" || mode === "sum" ? runIndex : index++);
      return { type: "scatter", mode: "lines", name: nodeLineLabel(r.run.label, line.label), x: line.x, y: line.y, line: { color, width: 1.5 }, hovertemplate: hover(spec.percent ? "%" : "") };
    }),
  );
  return { data, layout: withWindows(timeLayout(spec.title, spec.yTitle, spec.percent === true, spec.id), windowOverlay(runs, zoom)) };
}

/**
 * Prealloc queue, transfer queue and running requests of decode workers, stacked in that order: one
 * stack per run and line. Lines were downsampled apart, so a stack interpolates where one lacks an x.
 */
export function buildDisaggStackedFigure(runs: readonly NodeRunLines[], zoom?: number): Figure {
  const data: Trace[] = [];
  for (const r of runs) {
    const labels = [...new Set(DISAGG_STACK.flatMap((s) => (r.lines[lineKey("decode", s.metric)] ?? []).map((line) => line.label)))];
    for (const label of labels) {
      for (const part of DISAGG_STACK) {
        const line = r.lines[lineKey("decode", part.metric)]?.find((l) => l.label === label);
        if (!line) continue;
        data.push({
          type: "scatter",
          mode: "lines",
          name: `${nodeLineLabel(r.run.label, label)} | ${part.name}`,
          x: line.x,
          y: line.y,
          stackgroup: `${r.run.runDir}|${label}`,
          stackgaps: "interpolate",
          fillcolor: part.color,
          line: { color: part.color.replace(/[\d.]+\)$/, "1)"), width: 1 },
          hovertemplate: hover(""),
        } as Trace);
      }
    }
  }
  return { data, layout: withWindows(timeLayout("Disaggregation Request Flow (Stacked)", "Number of Requests", false, "disagg-stacked"), windowOverlay(runs, zoom)) };
}

export const RATE_AXIS: Record<RateUnit, string> = { tokens: "Throughput (tokens/s)", requests: "Rate (requests/s)" };

/** Prefill input against decode generation of one run, per node on average, in the chosen unit. */
export function buildRateMatchFigure(rate: RateLines, unit: RateUnit, windows?: { run: NodeRunRef; windows?: RunWindows }, zoom?: number): Figure {
  const lines = unit === "requests" && rate.requests ? rate.requests : rate.tokens;
  const suffix = unit === "requests" && rate.requests ? " req/s" : " tok/s";
  const trace = (name: string, line: { x: number[]; y: number[] }, color: string): Trace => ({
    type: "scatter",
    mode: "lines",
    name,
    x: line.x,
    y: line.y,
    line: { color, width: 2 },
    hovertemplate: `<b>${name}</b><br>%{x} s: %{y:,.4~r}${suffix}<extra></extra>`,
  });
  return {
    data: [trace("Prefill Input", lines.prefill, "#ff7f0e"), trace("Decode Generation", lines.decode, "#2ca02c")],
    layout: withWindows(
      {
        ...timeLayout("Rate Match: Prefill Input vs Decode Generation", RATE_AXIS[rate.requests ? unit : "tokens"], false, "rate"),
        height: 420,
        legend: { orientation: "h", y: -0.2 },
      } as Partial<Layout>,
      windowOverlay(windows ? [windows] : [], zoom),
    ),
  };
}
