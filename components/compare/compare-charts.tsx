"use client";

import { useMemo } from "react";
import { Chart } from "../chart";
import { buildCompareFrontierFigure, buildDeltaFigure } from "@/lib/charts/compare-figure";
import type { XY } from "@/lib/pareto";
import type { YMetric } from "@/lib/view-state";

interface CompareChartsProps {
  baseline: XY[];
  candidate: XY[];
  names: [string, string];
  y: YMetric;
  overlap: [number, number] | null;
  /** Where the comparison stops because the baseline fell below its floor; null when it does not. */
  cutAt: number | null;
  samples: { x: number; changePct: number }[];
}

/** Both frontiers, and Δ% along their comparable range. */
export function CompareCharts(props: CompareChartsProps) {
  const { baseline, candidate, names, y, overlap, cutAt, samples } = props;
  const frontiers = useMemo(() => buildCompareFrontierFigure(baseline, candidate, names, y, overlap, cutAt), [baseline, candidate, names, y, overlap, cutAt]);
  const delta = useMemo(() => buildDeltaFigure(samples, y, overlap, cutAt), [samples, y, overlap, cutAt]);
  return (
    <div className="space-y-4">
      <Chart data={frontiers.data} layout={frontiers.layout} testId="compare-frontier-chart" />
      {overlap && <Chart data={delta.data} layout={delta.layout} testId="compare-delta-chart" />}
    </div>
  );
}
