"use client";

import { useMemo } from "react";
import { Chart } from "../chart";
import { buildCompareFrontierFigure, buildDeltaFigure } from "@/lib/charts/compare-figure";
import type { XY } from "@/lib/pareto";
import type { YMetric } from "@/lib/view-state";

/** Both frontiers, and Δ% along their overlap. */
export function CompareCharts(props: { baseline: XY[]; candidate: XY[]; names: [string, string]; y: YMetric; overlap: [number, number] | null; samples: { x: number; changePct: number }[] }) {
  const { baseline, candidate, names, y, overlap, samples } = props;
  const frontiers = useMemo(() => buildCompareFrontierFigure(baseline, candidate, names, y, overlap), [baseline, candidate, names, y, overlap]);
  const delta = useMemo(() => buildDeltaFigure(samples, y), [samples, y]);
  return (
    <div className="space-y-4">
      <Chart data={frontiers.data} layout={frontiers.layout} testId="compare-frontier-chart" />
      {overlap && <Chart data={delta.data} layout={delta.layout} testId="compare-delta-chart" />}
    </div>
  );
}
