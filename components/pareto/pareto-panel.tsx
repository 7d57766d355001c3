"use client";

import { useCallback, useMemo } from "react";
import { Chart } from "../chart";
import { useStable } from "../use-stable";
import { useView } from "../view-state-provider";
import { FrontierTable } from "./frontier-table";
import { ParetoControls } from "./pareto-controls";
import { PointComparison } from "./point-comparison";
import { SlaBestTable } from "../sla/sla-best-table";
import { buildParetoFigure, Y_METRIC_INFO } from "@/lib/charts/pareto-figure";
import { fromParetoPayload, payloadCovers, type ParetoPayload } from "@/lib/charts/pareto-payload";
import { livePicks, nextPicked, pickRoles } from "@/lib/charts/point-compare";
import { slaBestRows } from "@/lib/charts/sla-groups";
import { hasSla, slaText, type Sla } from "@/lib/sla";
import { cutoffLine } from "@/lib/view-state";

/**
 * The Pareto Graph tab's interactive part: controls, chart, point comparison and frontier table.
 * `payload` is the selected runs' data as sent for the view whose SLA is `sentSla`.
 */
export function ParetoPanel(props: { payload: ParetoPayload; sentSla: Sla }) {
  const payload = useStable(props.payload);
  const runs = useMemo(() => fromParetoPayload(payload), [payload]);
  const { state: view, update } = useView();
  // A large page carries only the latencies its SLA checks: a lens just changed in the browser shows
  // once the server has sent its values, rather than failing every point for a moment.
  const state = useMemo(() => (payloadCovers(payload, view.sla) ? view : { ...view, sla: props.sentSla }), [payload, view, props.sentSla]);
  const marked = useMemo(() => {
    const live = livePicks(runs, state.points, state.y);
    return pickRoles(live, state.swap && live.length === 2);
  }, [runs, state.points, state.swap, state.y]);
  // Best points are per run, or per group when the frontiers are grouped.
  const slaBy = state.frontier ? state.frontierBy : "all";
  const slaRows = useMemo(() => (hasSla(state.sla) ? slaBestRows(runs, state.sla, state.y, slaBy) : []), [runs, state.sla, state.y, slaBy]);
  const figure = useMemo(
    () =>
      buildParetoFigure(runs, {
        y: state.y, cutoff: cutoffLine(state), frontier: state.frontier, frontierBy: state.frontierBy, marked,
        sla: state.sla, best: slaRows.flatMap((row) => (row.best ? [row.best] : [])),
      }),
    [runs, state.y, state.cutoff, state.frontier, state.frontierBy, marked, state.sla, slaRows],
  );
  const onPointClick = useCallback(
    (customdata: unknown) => {
      const [runDir, concurrency] = customdata as [string, number];
      update((s) => ({ ...s, ...nextPicked(s.points, { runDir, concurrency }) }));
    },
    [update],
  );

  return (
    <div className="space-y-4">
      <ParetoControls />
      <Chart data={figure.data} layout={figure.layout} testId="pareto-chart" onPointClick={onPointClick} />
      {figure.unplotted > 0 && (
        <p className="text-xs text-slate-500" data-testid="unplotted-note">
          {figure.unplotted} point{figure.unplotted === 1 ? " has" : "s have"} no Mean TPOT or GPU count and {figure.unplotted === 1 ? "is" : "are"} not plotted.
        </p>
      )}
      {figure.grouped && (
        <p className="text-xs text-slate-500" data-testid="grouped-note">
          {runs.length} runs are drawn without a legend (runs sharing a colour differ by marker shape): hover a point to see its run.
        </p>
      )}
      {slaRows.length > 0 && <SlaBestTable rows={slaRows} yLabel={Y_METRIC_INFO[state.y].label} constraints={slaText(state.sla)} grouped={slaBy !== "all"} state={state} />}
      <PointComparison runs={runs} />
      {state.frontier && <FrontierTable points={figure.frontier} yLabel={Y_METRIC_INFO[state.y].label} />}
    </div>
  );
}
