import type { Layout } from "plotly.js-dist-min";
import { REQUEST_METRIC_LABEL, type RequestMetric, type RequestsSeries } from "../requests-view";
import type { Trace } from "./pareto-figure";
import { BASE_LAYOUT, GRID_AXIS, RUN_COLORS } from "./style";

const colorOf = (i: number) => RUN_COLORS[i % RUN_COLORS.length];
const pLabel = (p: number) => `p${p}`;

/** CDF lines, one per concurrency, with p50/p90/p99/p99.9 marked on each. */
export function buildCdfTraces(series: readonly RequestsSeries[], metric: RequestMetric): Trace[] {
  return series.flatMap((s, i): Trace[] => {
    const marks = s.percentiles.filter((p) => p.value !== null);
    return [
      { type: "scatter", mode: "lines", name: `c=${s.concurrency}`, x: s.cdf.x, y: s.cdf.y, line: { color: colorOf(i), shape: "hv", width: 2 }, hovertemplate: `c=${s.concurrency}<br>%{x:.2f} ms: %{y:.1%}<extra></extra>` },
      {
        type: "scatter",
        mode: "text+markers",
        name: `c=${s.concurrency} percentiles`,
        showlegend: false,
        x: marks.map((p) => p.value as number),
        y: marks.map((p) => p.p / 100),
        text: marks.map((p) => pLabel(p.p)),
        textposition: "middle left",
        marker: { color: colorOf(i), size: 8, symbol: "diamond" },
        hovertemplate: `c=${s.concurrency} %{text}: %{x:.2f} ms<extra>${REQUEST_METRIC_LABEL[metric]}</extra>`,
      },
    ];
  });
}

/** Histograms, one per concurrency, overlaid. */
export function buildHistTraces(series: readonly RequestsSeries[]): Trace[] {
  return series.map((s, i) => ({ type: "bar", name: `c=${s.concurrency}`, x: s.hist.x, y: s.hist.y, width: s.hist.width, opacity: 0.55, marker: { color: colorOf(i) } }) as unknown as Trace);
}

/** TTFT against input length, one colour per concurrency. */
export function buildScatterTraces(series: readonly RequestsSeries[]): Trace[] {
  return series.map((s, i) => ({ type: "scatter", mode: "markers", name: `c=${s.concurrency}`, x: s.scatter.x, y: s.scatter.y, marker: { color: colorOf(i), size: 4, opacity: 0.6 } }));
}

export function requestsLayout(title: string, xTitle: string, yTitle: string, logX: boolean, extra: Partial<Layout> = {}): Partial<Layout> {
  return {
    ...BASE_LAYOUT,
    title: { text: title },
    height: 420,
    xaxis: { ...GRID_AXIS, title: { text: xTitle }, type: logX ? "log" : "linear" },
    yaxis: { ...GRID_AXIS, title: { text: yTitle } },
    legend: { title: { text: "Concurrency" } },
    ...extra,
  };
}
