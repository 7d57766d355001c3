"use client";

import Plotly from "plotly.js-basic-dist-min";
import type { Config } from "plotly.js-dist-min";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { IMAGE_SCALE, imageFileName } from "@/lib/charts/image-export";

/** Modebar title of the SVG button (e2e tests click it by this title). */
export const SVG_BUTTON_TITLE = "Download plot as an SVG";

/**
 * Plotly config of one chart: the modebar's camera button saves a PNG at 2x, an added button an SVG,
 * both named after the tab, the chart, the selected runs and today. Memoised on the name, because a new
 * config object makes react-plotly redraw.
 */
export function useChartConfig(testId: string): Partial<Config> {
  const pathname = usePathname();
  const runs = useSearchParams().getAll("run").join("\n");
  const day = new Date().toISOString().slice(0, 10);
  return useMemo(() => {
    const filename = imageFileName({ pathname, chart: testId, runs: runs ? runs.split("\n") : [], date: new Date(`${day}T00:00:00Z`) });
    return {
      displaylogo: false,
      responsive: true,
      modeBarButtonsToRemove: ["lasso2d", "select2d"],
      // No width/height: the image has the size the chart is drawn at, so its legend fits as on screen.
      toImageButtonOptions: { format: "png", filename, scale: IMAGE_SCALE },
      modeBarButtonsToAdd: [
        {
          name: "downloadSvg",
          title: SVG_BUTTON_TITLE,
          icon: Plotly.Icons.disk,
          click: (graph: HTMLElement) => void Plotly.downloadImage(graph, { format: "svg", filename, scale: IMAGE_SCALE }),
        },
      ],
    } satisfies Partial<Config>;
  }, [pathname, testId, runs, day]);
}
