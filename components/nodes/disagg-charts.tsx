"use client";

import { useMemo } from "react";
import { Chart } from "../chart";
import { RadioGroup } from "../radio-group";
import { useView } from "../view-state-provider";
import { NodeChart } from "./node-chart";
import { buildDisaggStackedFigure, type NodeRunLines } from "@/lib/charts/node-figure";
import { DISAGG_SEPARATE, DISAGG_STACK_CAPTION } from "@/lib/node-charts";
import { shownWindowRuns, type AggregationMode, type DisaggView } from "@/lib/view-state";

const VIEWS: { value: DisaggView; label: string }[] = [
  { value: "stacked", label: "Stacked (Combined)" },
  { value: "separate", label: "Separate Graphs" },
];

/** Prealloc queue, transfer queue and running requests of decode workers: one stacked chart or two charts. */
export function DisaggCharts({ runs, mode }: { runs: NodeRunLines[]; mode: AggregationMode }) {
  const { state, update } = useView();
  const stacked = useMemo(() => buildDisaggStackedFigure(runs, state.win, shownWindowRuns(state.windowRuns, runs.map((r) => r.run.runDir))), [runs, state.win, state.windowRuns]);
  return (
    <div className="space-y-3">
      <RadioGroup
        name="disagg-view"
        title="View mode"
        options={VIEWS}
        value={state.disagg}
        onChange={(disagg) => update((s) => ({ ...s, disagg }))}
        testId="disagg-view-selector"
        help="Stacked shows the request flow through the stages; separate graphs show each queue on its own"
      />
      {state.disagg === "stacked" ? (
        <figure className="space-y-1">
          <Chart data={stacked.data} layout={stacked.layout} testId="node-chart-disagg-stacked" />
          <figcaption className="text-xs text-slate-600" data-testid="chart-caption">
            {DISAGG_STACK_CAPTION}
          </figcaption>
        </figure>
      ) : (
        DISAGG_SEPARATE.map((spec) => <NodeChart key={spec.id} runs={runs} spec={spec} mode={mode} />)
      )}
    </div>
  );
}
