/** Loads the chart drawing module (and with it Plotly); marked for the bench script (scripts/bench/pareto-timing.ts). */
export const loadPlotFigure = () => {
  performance.mark("srtlog:plotly-import");
  return import("./plot-figure");
};

/** The tabs that draw charts: Plotly starts loading as the page starts, not once React reaches a chart. */
export const CHART_TABS = ["/pareto", "/latency", "/requests", "/nodes", "/rate-match", "/compare"];
