"use client";

import dynamic from "next/dynamic";
import { loadPlotFigure } from "./plot-loader";

/** Placeholder of a chart's size while Plotly loads or the data is read. */
export function ChartSkeleton({ height = 450, label = "Loading chart…" }: { height?: number; label?: string }) {
  return (
    <div className="flex animate-pulse items-center justify-center rounded border border-slate-200 bg-slate-50 text-sm text-slate-400" style={{ height }} data-testid="chart-skeleton">
      {label}
    </div>
  );
}

// Plotly is 4.6 MB: start fetching and compiling it when this module runs, before hydration has
// finished, rather than when the first chart mounts.
if (typeof window !== "undefined") void loadPlotFigure();

/** Plotly touches `window` when imported: load it in the browser only. */
export const Chart = dynamic(loadPlotFigure, { ssr: false, loading: () => <ChartSkeleton /> });
