import type { Layout } from "plotly.js-dist-min";
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

/** Baseline and candidate frontiers, the overlap they share shaded. */
export function buildCompareFrontierFigure(baseline: readonly XY[], candidate: readonly XY[], names: [string, string], y: YMetric, overlap: [number, number] | null): Figure {
  const yLabel = Y_METRIC_INFO[y].label;
  const shapes = overlap
    ? [{ type: "rect" as const, xref: "x" as const, yref: "paper" as const, x0: overlap[0], x1: overlap[1], y0: 0, y1: 1, fillcolor: "#e2e8f0", opacity: 0.4, line: { width: 0 }, layer: "below" as const }]
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
      uirevision: y,
    } as Partial<Layout>,
  };
}

/** Δ% of the candidate's TPS/GPU over the baseline's along the overlap, with a zero line. */
export function buildDeltaFigure(samples: readonly { x: number; changePct: number }[], y: YMetric): Figure {
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
      xaxis: { ...GRID_AXIS, title: { text: X_LABEL } },
      yaxis: { ...GRID_AXIS, title: { text: "Δ% (candidate vs baseline)" }, zeroline: true, zerolinecolor: "#64748b", ticksuffix: "%" },
      height: 350,
      showlegend: false,
    } as Partial<Layout>,
  };
}
