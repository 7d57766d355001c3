"use client";

import { useStable } from "../use-stable";
import { DisaggCharts } from "./disagg-charts";
import { NodeChart } from "./node-chart";
import { WindowToggles } from "./window-toggles";
import { hasLines, type NodeRunLines } from "@/lib/charts/node-figure";
import { DISAGG_STACK, NODE_SECTIONS } from "@/lib/node-charts";
import type { WorkerType } from "@/lib/node-metrics";
import type { AggregationMode } from "@/lib/view-state";

export type WorkerTally = Record<WorkerType, { workers: number; runs: number }>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function Missing({ children }: { children: string }) {
  return (
    <p className="rounded border border-dashed border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-600" data-testid="node-missing">
      {children}
    </p>
  );
}

/**
 * The Node Metrics charts of the runs whose data is ready, in the guide's sections: aggregated,
 * prefill and decode workers (each shown when some run has them), then the disaggregation queues.
 */
export function NodeMetricsPanel(props: { runs: NodeRunLines[]; tally: WorkerTally; mode: AggregationMode }) {
  const runs = useStable(props.runs);
  const { tally, mode } = props;
  const sections = NODE_SECTIONS.filter((section) => tally[section.role].workers > 0);
  return (
    <div className="space-y-4 xl:space-y-8">
      <WindowToggles runs={runs} />
      {sections.map((section) => (
        <section key={section.role} className="space-y-4" aria-label={section.title} data-testid={`node-section-${section.role}`}>
          <div>
            <h3 className="text-base font-semibold">{section.title}</h3>
            <p className="text-xs text-slate-500" data-testid="node-section-count">
              {plural(tally[section.role].workers, `${section.noun} node`)} in {plural(tally[section.role].runs, "run")}
            </p>
          </div>
          {section.charts.some((spec) => hasLines(runs, spec)) ? (
            section.charts.map((spec) =>
              hasLines(runs, spec) ? <NodeChart key={spec.id} runs={runs} spec={spec} mode={mode} /> : <Missing key={spec.id}>{`No ${section.noun} node logged ${spec.title.toLowerCase()} (${spec.metric}).`}</Missing>,
            )
          ) : (
            <Missing>{`None of the ${section.noun} nodes logged batch metrics; the notes above say which files were read.`}</Missing>
          )}
        </section>
      ))}
      {tally.decode.workers > 0 && (
        <section className="space-y-4" aria-label="Disaggregation Metrics" data-testid="node-section-disagg">
          <h3 className="text-base font-semibold">Disaggregation Metrics</h3>
          {DISAGG_STACK.some((part) => hasLines(runs, { role: "decode", metric: part.metric })) ? (
            <DisaggCharts runs={runs} mode={mode} />
          ) : (
            <Missing>No decode node logged prealloc, transfer or running requests.</Missing>
          )}
        </section>
      )}
    </div>
  );
}
