import type { Layout } from "plotly.js-dist-min";

/** Below this chart width a legend at the right would take a third of the plot: it goes below instead. */
export const NARROW_CHART_PX = 1000;
/** Room one legend entry takes in a row below the plot (labels like `4471305 | 1A | 8 GPUs | 1024/1024 | B200`). */
const ENTRY_PX = 300;
const ROW_PX = 22;

/**
 * The width rounded to what layoutForWidth tells apart (0: not measured, NARROW_CHART_PX: wide, else whole
 * legend entries), so a chart is redrawn when its legend rows change, not at every pixel of a resize.
 */
export function widthBucket(width: number): number {
  if (width <= 0) return 0;
  if (width >= NARROW_CHART_PX) return NARROW_CHART_PX;
  return Math.max(1, Math.floor(width / ENTRY_PX) * ENTRY_PX);
}

/**
 * The layout to draw at a given chart width: unchanged when wide, or when the legend is hidden or
 * already horizontal; on a narrow chart the legend goes below the plot, in rows, and the figure grows
 * by those rows so the plot keeps its height.
 */
export function layoutForWidth(layout: Partial<Layout>, width: number, legendEntries: number): Partial<Layout> {
  // Plotly shows a legend for two traces or more, or for one when asked to.
  const shown = layout.showlegend === true ? legendEntries >= 1 : layout.showlegend !== false && legendEntries >= 2;
  if (width <= 0 || width >= NARROW_CHART_PX || !shown || layout.legend?.orientation === "h") return layout;
  const perRow = Math.max(1, Math.floor(width / ENTRY_PX));
  const rows = Math.ceil(legendEntries / perRow);
  return {
    ...layout,
    height: (layout.height ?? 450) + rows * ROW_PX,
    legend: { ...layout.legend, orientation: "h", x: 0, xanchor: "left", y: -0.18, yanchor: "top" },
  };
}
