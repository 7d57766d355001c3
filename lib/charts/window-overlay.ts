import type { Annotation, Shape } from "plotly.js-dist-min";
import type { NodeRunRef } from "../node-view";
import type { ChartWindow, RunWindows } from "../windows";
import { labelRowY, placeLabels } from "./window-labels";

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

export interface OverlayRun {
  run: NodeRunRef;
  windows?: RunWindows;
}

/** The zoomed window (of the first run that has it) with a 5 % margin, or null. */
function zoomOf(runs: readonly OverlayRun[], zoom: number | undefined): { runDir: string; window: ChartWindow; range: [number, number] } | null {
  if (zoom === undefined) return null;
  for (const { run, windows } of runs) {
    const w = windows?.windows.find((item) => item.concurrency === zoom);
    if (w) {
      const pad = Math.max(5, (w.x1 - w.x0) * 0.05);
      return { runDir: run.runDir, window: w, range: [Math.max(0, w.x0 - pad), w.x1 + pad] };
    }
  }
  return null;
}

/**
 * The concurrency windows of the runs a chart plots (callers pass only those), shaded behind the lines
 * and labelled `c64` (`3667 c64` with several runs) in rows that never overlap. `shown` names the runs
 * whose windows are drawn (all when absent); the zoomed window is drawn whatever `shown` says, and a
 * shown run whose windows could not be placed says so on the chart. `xMax` is the data's right end,
 * for placing labels over the span the chart shows.
 */
export function windowOverlay(runs: readonly OverlayRun[], zoom?: number, shown?: ReadonlySet<string>, xMax = 0): WindowOverlay {
  const zoomed = zoomOf(runs, zoom);
  const drawn = runs.filter(({ run }) => !shown || shown.has(run.runDir));
  const several = drawn.filter((r) => (r.windows?.windows.length ?? 0) > 0).length > 1;
  const items: { run: NodeRunRef; w: ChartWindow; i: number }[] = [];
  for (const { run, windows } of drawn) windows?.windows.forEach((w, i) => items.push({ run, w, i }));
  if (zoomed && !items.some(({ w }) => w === zoomed.window)) items.push({ run: runs.find((r) => r.run.runDir === zoomed.runDir)!.run, w: zoomed.window, i: 0 });
  const shapes: Partial<Shape>[] = items.map(({ w, i }) => ({ type: "rect", layer: "below", xref: "x", yref: "paper", x0: w.x0, x1: w.x1, y0: 0, y1: 1, fillcolor: w === zoomed?.window ? ZOOMED_FILL : WINDOW_FILLS[i % 2], line: { width: 0 } }));
  const labels = items.map(({ run, w }) => ({ x: (w.x0 + w.x1) / 2, text: several ? `${run.jobId} c${w.concurrency}` : `c${w.concurrency}` }));
  const span: [number, number] = zoomed?.range ?? [0, Math.max(xMax, ...items.map(({ w }) => w.x1))];
  const rows = placeLabels(labels, span);
  const annotations: Partial<Annotation>[] = labels.flatMap((label, i) => {
    const row = rows[i];
    return row === null ? [] : [{ x: label.x, xref: "x", y: labelRowY(row), yref: "paper", yanchor: "top", showarrow: false, text: label.text, font: { size: 10, color: "#475569" } } as Partial<Annotation>];
  });
  const unplaced = drawn.filter((r) => r.windows && r.windows.windows.length === 0 && r.windows.note);
  if (unplaced.length > 0) {
    annotations.push({ x: 0, xref: "paper", xanchor: "left", y: 1, yref: "paper", yanchor: "bottom", showarrow: false, text: `Concurrency windows not drawn for ${unplaced.map((r) => r.run.jobId).join(", ")}: clocks not reconciled (see note)`, font: { size: 10, color: "#b45309" } });
  }
  return { shapes, annotations, range: zoomed?.range ?? null };
}
