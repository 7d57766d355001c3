"use client";

// The basic build (scatter, bar) is all we draw: a fifth of the full bundle, ~1.2 s less to a first chart.
import Plotly from "plotly.js-basic-dist-min";
import createPlotlyComponent from "react-plotly.js/factory";
import { useCallback, useEffect, useMemo, useRef, useState, type RefCallback } from "react";
import type { Layout } from "plotly.js-dist-min";
import { layoutForWidth, widthBucket } from "@/lib/charts/narrow-layout";
import { darkLayout, darkTraces } from "@/lib/charts/dark-layout";
import { useChartConfig } from "./chart-config";
import { useDarkMode } from "./theme-toggle";
import type { Trace } from "@/lib/charts/pareto-figure";

/** The width of an element, followed as the window or the sidebar changes it. */
function useWidth(): [RefCallback<HTMLDivElement>, number] {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((element: HTMLDivElement | null) => {
    observer.current?.disconnect();
    if (!element) return;
    setWidth(widthBucket(element.clientWidth));
    observer.current = new ResizeObserver(([entry]) => setWidth(widthBucket(entry.contentRect.width)));
    observer.current.observe(element);
  }, []);
  return [ref, width];
}

const Plot = createPlotlyComponent(Plotly);
performance.mark("srtlog:plotly-loaded");

export interface PlotFigureProps {
  data: Trace[];
  layout: Partial<Layout>;
  testId: string;
  /** Called with the clicked point's `customdata`. */
  onPointClick?: (customdata: unknown) => void;
}

/**
 * Draws a figure built in lib/charts. For tests and the bench script: `data-ready="true"` once Plotly has
 * drawn, `data-traces` and `data-revision` after each (re)draw, `data-drawn-at` its performance.now().
 */
export default function PlotFigure({ data, layout: wideLayout, testId, onPointClick }: PlotFigureProps) {
  const [sizeRef, width] = useWidth();
  // Stable per chart and URL: a new config each render would make react-plotly redraw.
  const config = useChartConfig(testId);
  const entries = data.filter((trace) => (trace as { showlegend?: boolean }).showlegend !== false).length;
  // A narrow chart (a 1024 px window) draws its legend below the plot rather than beside it.
  const dark = useDarkMode();
  const themedData = useMemo(() => (dark ? darkTraces(data) : data), [data, dark]);
  const layout = useMemo(() => {
    const sized = layoutForWidth(wideLayout, width, entries);
    return dark ? darkLayout(sized) : sized;
  }, [wideLayout, width, entries, dark]);
  const [drawn, setDrawn] = useState<{ traces: number; at: number; revision: number } | null>(null);
  // react-plotly binds event handlers only when it redraws, so hand it one stable function.
  const clickRef = useRef(onPointClick);
  useEffect(() => {
    clickRef.current = onPointClick;
  }, [onPointClick]);
  const handleClick = useCallback((event: { points?: { customdata?: unknown }[] }) => {
    const customdata = event.points?.[0]?.customdata;
    if (customdata !== undefined) clickRef.current?.(customdata);
  }, []);
  // Plotly keeps the layout object it is given and, on a window resize (responsive), deletes its height;
  // reading that object again then sized the box at 450 px under a 380 px figure, a blank gap above the
  // caption. Plotly gets a copy, and the box keeps the height the figure asked for.
  const plotLayout = useMemo(() => ({ ...layout }), [layout]);
  const height = layout.height ?? 450;
  const handleDrawn = useCallback((figure: { data: unknown[] }) => {
    setDrawn((last) => ({ traces: figure.data.length, at: Math.round(performance.now()), revision: (last?.revision ?? 0) + 1 }));
  }, []);

  return (
    <div ref={sizeRef} data-testid={testId} data-legend={layout.legend?.orientation === "h" ? "below" : "side"} data-ready={drawn ? "true" : "false"} data-traces={drawn?.traces} data-revision={drawn?.revision ?? 0} data-drawn-at={drawn?.at}>
      <Plot
        data={themedData}
        layout={plotLayout}
        config={config}
        style={{ width: "100%", height }}
        onInitialized={handleDrawn}
        onUpdate={handleDrawn}
        onClick={handleClick}
        onError={(error) => console.warn("plotly:", error.message)}
      />
    </div>
  );
}
