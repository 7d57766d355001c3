import type { Layout } from "plotly.js-dist-min";
import { nodeLineLabel } from "../labels";
import { DISAGG_STACK, lineKey, type NodeChartSpec } from "../node-charts";
import type { NodeLines, NodeRunRef, RateLines } from "../node-view";
import type { AggregationMode, RateUnit } from "../view-state";
import type { RunWindows } from "../windows";
import type { Trace } from "./pareto-figure";
import { BASE_LAYOUT, GRID_AXIS, runStyle } from "./style";
import { windowOverlay, type WindowOverlay } from "./window-overlay";

export { windowOverlay, type WindowOverlay } from "./window-overlay";

/** A run's lines as the Node Metrics charts take them. */
export interface NodeRunLines {
  run: NodeRunRef;
  lines: NodeLines;
  /** The run's concurrency windows on the same time axis; absent in hand-made chart data. */
  windows?: RunWindows;
}

/** A time chart's layout with the window overlay; the zoom is part of uirevision so a new zoom is applied. */
function withWindows(layout: Partial<Layout>, overlay: WindowOverlay): Partial<Layout> {
  if (overlay.shapes.length === 0 && overlay.annotations.length === 0) return layout;
  const xaxis = overlay.range ? { ...layout.xaxis, range: overlay.range, autorange: false } : layout.xaxis;
  return { ...layout, xaxis, shapes: [...(layout.shapes ?? []), ...overlay.shapes], annotations: [...(layout.annotations ?? []), ...overlay.annotations], uirevision: `${String(layout.uirevision)}|${overlay.range?.join("-") ?? "all"}` } as Partial<Layout>;
}

/** The largest x of the traces: the right end of a time chart's data. */
function xEnd(traces: readonly { x?: unknown }[]): number {
  let end = 0;
  for (const trace of traces) {
    const x = trace.x as number[] | undefined;
    if (x && x.length > 0) end = Math.max(end, x[x.length - 1]);
  }
  return end;
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
export function buildNodeFigure(runs: readonly NodeRunLines[], spec: NodeChartSpec, mode: AggregationMode, zoom?: number, shown?: ReadonlySet<string>): Figure {
  const key = lineKey(spec.role, spec.metric);
  // Windows (and notes about them) only of the runs this chart plots.
  const plotted = runs.filter((r) => (r.lines[key]?.length ?? 0) > 0);
  let index = 0;
  const data = runs.flatMap((r, runIndex) =>
    (r.lines[key] ?? []).map((line): Trace => {
      const { color } = runStyle(mode === "all" || mode === "sum" ? runIndex : index++);
      return { type: "scatter", mode: "lines", name: nodeLineLabel(r.run.label, line.label), x: line.x, y: line.y, line: { color, width: 1.5 }, hovertemplate: hover(spec.percent ? "%" : "") };
    }),
  );
  return { data, layout: withWindows(timeLayout(spec.title, spec.yTitle, spec.percent === true, spec.id), windowOverlay(plotted, zoom, shown, xEnd(data))) };
}

/**
 * Prealloc queue, transfer queue and running requests of decode workers, stacked in that order: one
 * stack per run and line. Lines were downsampled apart, so a stack interpolates where one lacks an x.
 */
export function buildDisaggStackedFigure(runs: readonly NodeRunLines[], zoom?: number, shown?: ReadonlySet<string>): Figure {
  const data: Trace[] = [];
  const plotted: NodeRunLines[] = [];
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
    if (labels.length > 0) plotted.push(r);
  }
  return { data, layout: withWindows(timeLayout("Disaggregation Request Flow (Stacked)", "Number of Requests", false, "disagg-stacked"), windowOverlay(plotted, zoom, shown, xEnd(data))) };
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
      windowOverlay(windows ? [windows] : [], zoom, undefined, xEnd(lines.prefill.x.length > 0 ? [{ x: lines.prefill.x }, { x: lines.decode.x }] : [])),
    ),
  };
}
