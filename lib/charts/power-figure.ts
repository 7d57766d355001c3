import type { Layout, Shape } from "plotly.js-dist-min";
import type { NodePowerSeries } from "../energy";
import type { Trace } from "./pareto-figure";
import { BASE_LAYOUT, GRID_AXIS, RUN_COLORS } from "./style";

/** A benchmark point's measurement window, in unix seconds. */
export interface PowerWindowSpan {
  concurrency: number;
  start: number;
  end: number;
}

/** One line per node (seconds since the first sample), at most `maxPoints` each. */
export function buildPowerTraces(nodes: readonly NodePowerSeries[], t0: number, maxPoints = 2000): Trace[] {
  return nodes.map((node, i) => {
    const step = Math.max(1, Math.ceil(node.t.length / maxPoints));
    const keep = node.t.map((_, k) => k).filter((k) => k % step === 0);
    return {
      type: "scatter",
      mode: "lines",
      name: `${node.hostname} (${node.gpus} GPUs)`,
      x: keep.map((k) => node.t[k] - t0),
      y: keep.map((k) => node.watts[k]),
      line: { color: RUN_COLORS[i % RUN_COLORS.length], width: 1.5 },
      hovertemplate: `${node.hostname}<br>%{x:.0f} s: %{y:.0f} W<extra></extra>`,
    };
  });
}

/** The windows as shaded bands labelled with their concurrency. */
export function buildPowerLayout(windows: readonly PowerWindowSpan[], t0: number): Partial<Layout> {
  const shapes: Partial<Shape>[] = windows.map((w) => ({ type: "rect", xref: "x", yref: "paper", x0: w.start - t0, x1: w.end - t0, y0: 0, y1: 1, fillcolor: "#94a3b8", opacity: 0.18, line: { width: 0 }, layer: "below" }));
  return {
    ...BASE_LAYOUT,
    title: { text: "GPU board power per node (DCGM)" },
    height: 380,
    xaxis: { ...GRID_AXIS, title: { text: "Time since first sample (s)" } },
    yaxis: { ...GRID_AXIS, title: { text: "Power (W)" }, rangemode: "tozero" },
    shapes,
    annotations: windows.map((w) => ({ x: (w.start + w.end) / 2 - t0, xref: "x", y: 1, yref: "paper", yanchor: "bottom", showarrow: false, text: `c=${w.concurrency}`, font: { size: 11, color: "#475569" } })),
  };
}
