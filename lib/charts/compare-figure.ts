import type { Annotation, Layout, Shape } from "plotly.js-dist-min";
import { BASELINE_FLOOR_SHARE } from "../compare";
import type { XY } from "../pareto";
import type { YMetric } from "../view-state";
import { X_LABEL, Y_METRIC_INFO, type Trace } from "./pareto-figure";
import { BASE_LAYOUT, GRID_AXIS, RUN_COLORS } from "./style";

export interface Figure {
  data: Trace[];
  layout: Partial<Layout>;
}

/** The candidate is dashed over a solid baseline, so identical frontiers still show both. */
function frontierTrace(frontier: readonly XY[], name: string, color: string, dash: "solid" | "dash"): Trace {
  return {
    type: "scatter",
    mode: "lines+markers",
    name,
    x: frontier.map((p) => p.x),
    y: frontier.map((p) => p.y),
    line: { color, width: dash === "solid" ? 4 : 2, dash },
    marker: { color, size: 8 },
    hovertemplate: `${name}<br>%{x:.1f} TPS/User<br>%{y:.1f} TPS/GPU<extra></extra>`,
  };
}

/**
 * A dotted line where the comparison stops because the baseline fell below its floor, labelled, so an
 * empty stretch of the Δ% chart reads as "not compared" rather than "no data".
 */
export function floorCut(cutAt: number | null): { shapes: Partial<Shape>[]; annotations: Partial<Annotation>[] } {
  if (cutAt === null) return { shapes: [], annotations: [] };
  return {
    shapes: [{ type: "line", xref: "x", yref: "paper", x0: cutAt, x1: cutAt, y0: 0, y1: 1, line: { color: "#b45309", width: 2, dash: "dot" } }],
    // Right-anchored above the plot: the stretch past the cut can be too narrow for the text.
    annotations: [{ x: cutAt, xref: "x", y: 1, yref: "paper", xanchor: "right", yanchor: "bottom", showarrow: false, text: `not compared past here: baseline < ${BASELINE_FLOOR_SHARE * 100}% of its peak →`, font: { color: "#b45309", size: 11 } }],
  };
}

/** Baseline and candidate frontiers, the overlap they share shaded, and where the comparison stops (`cutAt`). */
export function buildCompareFrontierFigure(baseline: readonly XY[], candidate: readonly XY[], names: [string, string], y: YMetric, overlap: [number, number] | null, cutAt: number | null = null): Figure {
  const yLabel = Y_METRIC_INFO[y].label;
  const cut = floorCut(cutAt);
  const shapes = overlap
    ? [{ type: "rect" as const, xref: "x" as const, yref: "paper" as const, x0: overlap[0], x1: overlap[1], y0: 0, y1: 1, fillcolor: "#e2e8f0", opacity: 0.4, line: { width: 0 }, layer: "below" as const }, ...cut.shapes]
    : [];
  return {
    data: [frontierTrace(baseline, names[0], RUN_COLORS[0], "solid"), frontierTrace(candidate, names[1], RUN_COLORS[1], "dash")],
    layout: {
      ...BASE_LAYOUT,
      title: { text: `Pareto frontiers: ${yLabel} vs ${X_LABEL}`, x: 0.5, xanchor: "center" },
      xaxis: { ...GRID_AXIS, title: { text: X_LABEL } },
      yaxis: { ...GRID_AXIS, title: { text: yLabel } },
      height: 450,
      shapes,
      annotations: overlap ? cut.annotations : [],
      uirevision: y,
    } as Partial<Layout>,
  };
}

/**
 * Δ% of the candidate's TPS/GPU over the baseline's along the comparable range, with a zero line; with a
 * cut, the x axis spans the whole overlap so the stretch past the baseline's floor shows as not compared.
 */
export function buildDeltaFigure(samples: readonly { x: number; changePct: number }[], y: YMetric, overlap: [number, number] | null = null, cutAt: number | null = null): Figure {
  const cut = floorCut(cutAt);
  return {
    data: [
      {
        type: "scatter",
        mode: "lines",
        name: "Δ%",
        x: samples.map((s) => s.x),
        y: samples.map((s) => s.changePct),
        line: { color: RUN_COLORS[2], width: 2 },
        hovertemplate: "%{x:.1f} TPS/User<br>%{y:+.1f}%<extra></extra>",
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: { text: `Δ% ${Y_METRIC_INFO[y].label} at equal ${X_LABEL}`, x: 0.5, xanchor: "center" },
      xaxis: { ...GRID_AXIS, title: { text: X_LABEL }, ...(cutAt !== null && overlap ? { range: overlap } : {}) },
      yaxis: { ...GRID_AXIS, title: { text: "Δ% (candidate vs baseline)" }, zeroline: true, zerolinecolor: "#64748b", ticksuffix: "%" },
      shapes: cut.shapes,
      annotations: cut.annotations,
      height: 350,
      showlegend: false,
    } as Partial<Layout>,
  };
}
