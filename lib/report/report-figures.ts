import type { Layout } from "plotly.js-dist-min";
import type { ChartRun } from "../charts/chart-data";
import { buildLatencyLayout, buildLatencyTraces, LATENCY_METRICS, type LatencySla } from "../charts/latency-figure";
import { buildParetoFigure, type ParetoPoint, type Trace } from "../charts/pareto-figure";
import { livePicks, pickRoles } from "../charts/point-compare";
import { slaBestRows } from "../charts/sla-groups";
import { hasSla, type BestRow } from "../sla";
import { cutoffLine, yChoice, type ViewState } from "../view-state";

/** One chart of a report: an element id and the Plotly figure the dashboard would draw. */
export interface ReportFigure {
  id: string;
  title: string;
  data: Trace[];
  layout: Partial<Layout>;
}

export interface ReportFigures {
  figures: ReportFigure[];
  /** The Pareto frontier's points (a report always draws the frontier). */
  frontier: ParetoPoint[];
  /** Best point under the SLA per run or group; empty without an SLA. */
  slaRows: BestRow[];
}

/**
 * The Pareto and latency figures of a view, built by the same functions and in the same way as the
 * Pareto and Latency tabs (components/pareto/pareto-panel.tsx, latency-panel.tsx), so a report and the
 * dashboard draw the same thing. `state.frontier` is expected on: a report always shows the frontier.
 */
export function buildReportFigures(runs: readonly ChartRun[], state: ViewState): ReportFigures {
  const axes = { x: state.x, y: state.y };
  const live = livePicks(runs, state.points, axes);
  const marked = pickRoles(live, state.swap && live.length === 2);
  const slaBy = state.frontier ? state.frontierBy : "all";
  // Ranked as the Pareto tab ranks them: by the y axis when it is a throughput, else Output TPS/GPU.
  const rankY = yChoice(state.y);
  const slaRows = hasSla(state.sla) ? slaBestRows(runs, state.sla, rankY, slaBy) : [];
  const pareto = buildParetoFigure(runs, {
    x: axes.x, y: axes.y, logX: state.paretoLogX, logY: state.paretoLogY, colorBy: state.colorBy,
    cutoff: cutoffLine(state), frontier: state.frontier, frontierBy: state.frontierBy, marked,
    sla: state.sla, best: slaRows.flatMap((row) => (row.best ? [row.best] : [])),
  });
  const figures: ReportFigure[] = [{ id: "chart-pareto", title: "Pareto frontier", data: pareto.data, layout: pareto.layout }];
  // The Latency tab stars each run's best point (never grouped), whatever the Pareto grouping.
  const latencyRows = hasSla(state.sla) ? slaBestRows(runs, state.sla, rankY) : [];
  const lens: LatencySla | undefined = hasSla(state.sla)
    ? { sla: state.sla, best: new Set(latencyRows.flatMap((row) => (row.best ? [`${row.best.runDir}@${row.best.concurrency}`] : []))) }
    : undefined;
  const latencyAxes = { x: state.latencyX, logY: state.latencyLogY, median: state.latencyMedian, clipP99: state.latencyClip };
  for (const { key, title } of LATENCY_METRICS) {
    figures.push({
      id: `chart-${key.toLowerCase()}`,
      title,
      data: buildLatencyTraces(runs, key, state.stat, lens, latencyAxes, state.colorBy),
      layout: buildLatencyLayout(runs, key, state.stat, lens?.sla, latencyAxes),
    });
  }
  return { figures, frontier: pareto.frontier, slaRows };
}
