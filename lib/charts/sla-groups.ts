import { bestRows, type BestRow, type Sla } from "../sla";
import type { FrontierGroup, YMetric } from "../view-state";
import type { ChartRun } from "./chart-data";
import { runGroups, runParetoPoints, Y_METRIC_INFO } from "./pareto-figure";

/** What the best-point table ranks points by: the Pareto chart's y metric. */
export const bestMetricLabel = (y: YMetric) => Y_METRIC_INFO[y].label;

/**
 * The SLA lens's best point per run, or per group when frontiers are grouped (a run with two tags
 * counts in both). Points without TPS/User or the y metric cannot be ranked and take no part.
 */
export function slaBestRows(runs: readonly ChartRun[], sla: Sla, y: YMetric, by: FrontierGroup = "all"): BestRow[] {
  const perRun = runs.map((run) => runParetoPoints(run, y));
  if (by === "all") return bestRows(runs.map((run, i) => ({ name: run.label, points: perRun[i] })), sla);
  const groups = new Map<string, ReturnType<typeof runParetoPoints>>();
  runs.forEach((run, i) => {
    for (const group of runGroups(run, by)) groups.set(group, [...(groups.get(group) ?? []), ...perRun[i]]);
  });
  return bestRows([...groups].map(([name, points]) => ({ name, points })), sla);
}
