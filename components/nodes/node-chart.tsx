"use client";

import { useMemo } from "react";
import { Chart } from "../chart";
import { useView } from "../view-state-provider";
import { buildNodeFigure, type NodeRunLines } from "@/lib/charts/node-figure";
import type { NodeChartSpec } from "@/lib/node-charts";
import { shownWindowRuns, type AggregationMode } from "@/lib/view-state";

/** One Node Metrics chart and the guide's caption on how to read it. `mode` is the one the lines were built in. */
export function NodeChart({ runs, spec, mode }: { runs: NodeRunLines[]; spec: NodeChartSpec; mode: AggregationMode }) {
  const { state } = useView();
  const figure = useMemo(() => buildNodeFigure(runs, spec, mode, state.win, shownWindowRuns(state.windowRuns, runs.map((r) => r.run.runDir))), [runs, spec, mode, state.win, state.windowRuns]);
  return (
    <figure className="space-y-1">
      <Chart data={figure.data} layout={figure.layout} testId={`node-chart-${spec.id}`} />
      <figcaption className="text-xs text-slate-600" data-testid="chart-caption">
        {spec.caption}
      </figcaption>
    </figure>
  );
}
