"use client";

import { useMemo } from "react";
import { Chart } from "../chart";
import { useStable } from "../use-stable";
import { useView } from "../view-state-provider";
import { LatencySummaryTable } from "./latency-summary-table";
import type { ChartRun } from "@/lib/charts/chart-data";
import { buildLatencyLayout, buildLatencyTraces, LATENCY_METRICS, STAT_LABEL, type LatencyMetric } from "@/lib/charts/latency-figure";
import { LATENCY_STATS } from "@/lib/view-state";

function LatencyChart({ runs, metric }: { runs: ChartRun[]; metric: LatencyMetric }) {
  const { state } = useView();
  const data = useMemo(() => buildLatencyTraces(runs, metric, state.stat), [runs, metric, state.stat]);
  const layout = useMemo(() => buildLatencyLayout(runs, metric, state.stat), [runs, metric, state.stat]);
  return <Chart data={data} layout={layout} testId={`latency-chart-${metric.toLowerCase()}`} />;
}

/** Latency Analysis: a statistic selector, TTFT / TPOT / ITL against concurrency, and min/max per run. */
export function LatencyPanel(props: { runs: ChartRun[] }) {
  const runs = useStable(props.runs);
  const { state, update } = useView();
  return (
    <div className="space-y-6">
      <fieldset className="flex items-center gap-3 text-sm" data-testid="stat-selector">
        <legend className="sr-only">Statistic</legend>
        <span className="font-medium">Statistic</span>
        {LATENCY_STATS.map((stat) => (
          <label key={stat} className="flex items-center gap-1">
            <input type="radio" name="latency-stat" checked={state.stat === stat} onChange={() => update((s) => ({ ...s, stat }))} />
            {STAT_LABEL[stat]}
          </label>
        ))}
      </fieldset>
      {LATENCY_METRICS.map((metric) => (
        <section key={metric.key} aria-label={metric.title}>
          <LatencyChart runs={runs} metric={metric.key} />
        </section>
      ))}
      <LatencySummaryTable runs={runs} />
    </div>
  );
}
