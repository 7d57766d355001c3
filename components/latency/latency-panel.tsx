"use client";

import { useMemo } from "react";
import { Chart } from "../chart";
import { useStable } from "../use-stable";
import { useView } from "../view-state-provider";
import { LatencyAxesControls } from "./latency-axes-controls";
import { LatencySummaryTable } from "./latency-summary-table";
import type { ChartRun } from "@/lib/charts/chart-data";
import { buildLatencyLayout, buildLatencyTraces, LATENCY_METRICS, STAT_LABEL, type LatencyMetric, type LatencySla } from "@/lib/charts/latency-figure";
import { Y_METRIC_INFO } from "@/lib/charts/pareto-figure";
import { slaBestRows } from "@/lib/charts/sla-groups";
import { hasSla, slaText } from "@/lib/sla";
import { SlaBestTable } from "../sla/sla-best-table";
import { ColorBySelect } from "../pareto/axis-controls";
import { LATENCY_STATS, yChoice } from "@/lib/view-state";

function LatencyChart({ runs, metric, lens }: { runs: ChartRun[]; metric: LatencyMetric; lens: LatencySla | undefined }) {
  const { state } = useView();
  const axes = useMemo(
    () => ({ x: state.latencyX, logY: state.latencyLogY, median: state.latencyMedian, clipP99: state.latencyClip }),
    [state.latencyX, state.latencyLogY, state.latencyMedian, state.latencyClip],
  );
  const data = useMemo(() => buildLatencyTraces(runs, metric, state.stat, lens, axes, state.colorBy), [runs, metric, state.stat, lens, axes, state.colorBy]);
  const layout = useMemo(() => buildLatencyLayout(runs, metric, state.stat, lens?.sla, axes), [runs, metric, state.stat, lens, axes]);
  return <Chart data={data} layout={layout} testId={`latency-chart-${metric.toLowerCase()}`} />;
}

/** Latency Analysis: statistic and axes, TTFT / TPOT / ITL against concurrency or Output TPS/GPU, and min/max per run. */
export function LatencyPanel(props: { runs: ChartRun[] }) {
  const runs = useStable(props.runs);
  const { state, update } = useView();
  // Best points rank by the Pareto y choice when it is a throughput (output, total, goodput, energy), else by Output TPS/GPU.
  const rankY = yChoice(state.y);
  const slaRows = useMemo(() => (hasSla(state.sla) ? slaBestRows(runs, state.sla, rankY) : []), [runs, state.sla, rankY]);
  const lens = useMemo<LatencySla | undefined>(
    () => (hasSla(state.sla) ? { sla: state.sla, best: new Set(slaRows.flatMap((row) => (row.best ? [`${row.best.runDir}@${row.best.concurrency}`] : []))) } : undefined),
    [state.sla, slaRows],
  );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-x-8 gap-y-2">
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
      <LatencyAxesControls />
      <ColorBySelect />
      </div>
      {LATENCY_METRICS.map((metric) => (
        <section key={metric.key} aria-label={metric.title}>
          <LatencyChart runs={runs} metric={metric.key} lens={lens} />
        </section>
      ))}
      {slaRows.length > 0 && <SlaBestTable rows={slaRows} yLabel={Y_METRIC_INFO[rankY].label} constraints={slaText(state.sla)} grouped={false} state={state} />}
      <LatencySummaryTable runs={runs} />
    </div>
  );
}
