"use client";

import { useCallback, useMemo } from "react";
import { Chart } from "../chart";
import { useView } from "../view-state-provider";
import { FrontierTable } from "./frontier-table";
import { ParetoControls } from "./pareto-controls";
import { PointComparison } from "./point-comparison";
import { SlaBestTable } from "../sla/sla-best-table";
import { buildParetoFigure, buildParetoOutline, Y_METRIC_INFO, type ParetoFigure } from "@/lib/charts/pareto-figure";
import { AXIS_METRIC_INFO, type AxisPair } from "@/lib/charts/pareto-metrics";
import { fromParetoPayload, payloadCovers, type ParetoPayload } from "@/lib/charts/pareto-payload";
import { livePicks, nextPicked, pickRoles } from "@/lib/charts/point-compare";
import { slaBestRows } from "@/lib/charts/sla-groups";
import { hasSla, slaText, type Sla } from "@/lib/sla";
import { cutoffLine, yChoice } from "@/lib/view-state";

/**
 * The Pareto Graph tab's interactive part: controls, chart, point comparison and frontier table.
 * `payloadJson` is the selected runs' data (a ParetoPayload) as sent for the view whose SLA and axes
 * are `sent`. It travels as one JSON string: React revives a props object value by value (~60 ms of a
 * 1,000-run page's hydration), a string is read with one JSON.parse, and an equal string from the next
 * navigation keeps the memo (no redraw).
 */
export function ParetoPanel(props: { payloadJson: string; sent: { sla: Sla } & AxisPair }) {
  const payload = useMemo(() => JSON.parse(props.payloadJson) as ParetoPayload, [props.payloadJson]);
  const runs = useMemo(() => fromParetoPayload(payload), [payload]);
  const { state: view, update } = useView();
  const { sla: sentSla, x: sentX, y: sentY } = props.sent;
  // A large page carries only the values its SLA checks and its axes plot (goodput and energy only when
  // asked): a lens or axis just changed in the browser shows once the server has sent its values, rather
  // than failing or dropping every point for a moment.
  const state = useMemo(
    () => (payloadCovers(payload, view.sla, view) ? view : { ...view, sla: sentSla, x: sentX, y: sentY }),
    [payload, view, sentSla, sentX, sentY],
  );
  const axes = useMemo<AxisPair>(() => ({ x: state.x, y: state.y }), [state.x, state.y]);
  const marked = useMemo(() => {
    const live = livePicks(runs, state.points, axes);
    return pickRoles(live, state.swap && live.length === 2);
  }, [runs, state.points, state.swap, axes]);
  // Best points are per run, or per group when the frontiers are grouped; ranked by the y axis when it is a throughput, else Output TPS/GPU.
  const slaBy = state.frontier ? state.frontierBy : "all";
  const rankY = yChoice(state.y);
  const slaRows = useMemo(() => (hasSla(state.sla) ? slaBestRows(runs, state.sla, rankY, slaBy) : []), [runs, state.sla, rankY, slaBy]);
  const figure = useMemo<ParetoFigure>(() => {
    const options = {
      x: axes.x, y: axes.y, logX: state.paretoLogX, logY: state.paretoLogY, colorBy: state.colorBy,
      cutoff: cutoffLine(state), frontier: state.frontier, frontierBy: state.frontierBy, marked,
      sla: state.sla, best: slaRows.flatMap((row) => (row.best ? [row.best] : [])),
    };
    // The server renders the chart as its skeleton: it needs the notes and frontier table around it, not
    // 8,000 points' traces and hover texts (~70 ms of a 1,000-run page's response). The page's HTML is the
    // same either way, so hydration matches.
    return typeof window === "undefined" ? { data: [], layout: {}, ...buildParetoOutline(runs, options) } : buildParetoFigure(runs, options);
  }, [runs, axes, state.paretoLogX, state.paretoLogY, state.colorBy, state.cutoff, state.frontier, state.frontierBy, marked, state.sla, slaRows]);
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
          {figure.unplotted} point{figure.unplotted === 1 ? " has" : "s have"} no {unplottedReason(axes)} and {figure.unplotted === 1 ? "is" : "are"} not plotted.
        </p>
      )}
      {figure.grouped && state.colorBy === "run" && (
        <p className="text-xs text-slate-500" data-testid="grouped-note">
          {runs.length} runs are drawn without a legend (runs sharing a colour differ by marker shape): hover a point to see its run.
        </p>
      )}
      {slaRows.length > 0 && <SlaBestTable rows={slaRows} yLabel={Y_METRIC_INFO[rankY].label} constraints={slaText(state.sla)} grouped={slaBy !== "all"} state={state} />}
      <PointComparison runs={runs} axes={axes} />
      {state.frontier && <FrontierTable points={figure.frontier} xLabel={AXIS_METRIC_INFO[axes.x].label} yLabel={AXIS_METRIC_INFO[axes.y].label} />}
    </div>
  );
}

/** What an unplotted point lacks: today's wording on the default axes, else the axes' names. */
function unplottedReason(axes: AxisPair): string {
  if (axes.x === "tps-user" && (axes.y === "output" || axes.y === "total")) return "Mean TPOT or GPU count";
  return `${AXIS_METRIC_INFO[axes.x].label} or ${AXIS_METRIC_INFO[axes.y].label} value`;
}
