import type { ColorBy, FrontierGroup } from "../view-state";
import type { ChartRun } from "./chart-data";
import { keyColors, keyStyle } from "./style";

/** How each colour-by choice is named (the picker's options, a report's selection table). */
export const COLOR_BY_TITLES: Record<ColorBy, string> = { run: "run", gpu: "GPU type", topology: "topology", container: "container", tag: "tags", cluster: "cluster" };

/** The groups a run falls in: its topology, GPU or container, or each of its tags ("untagged" without any). */
export function runGroups(run: ChartRun, by: Exclude<FrontierGroup, "all">): string[] {
  const facets = run.facets;
  if (!facets) return ["unknown"];
  if (by === "tag") return facets.tags.length > 0 ? facets.tags : ["untagged"];
  return [facets[by]];
}

/**
 * The one group a run is coloured by. A run has one colour, so with colour-by tag its group is its
 * whole tag set, sorted and joined ("a, b"), rather than one of its tags picked arbitrarily.
 */
export function colorGroup(run: ChartRun, by: Exclude<ColorBy, "run">): string {
  if (by === "cluster") return run.facets?.cluster ?? NO_CLUSTER;
  return by === "tag" ? [...runGroups(run, "tag")].sort().join(", ") : runGroups(run, by)[0];
}

/** The cluster group of a run read from a logs dir rather than a dataset. */
export const NO_CLUSTER = "no cluster (logs dir)";

/** How one run's trace is drawn and named in the legend. */
export interface RunTraceStyle {
  color: string;
  symbol: string;
  /** Legend name: the run's label, or its group's value. */
  name: string;
  /** Set with colour-by a group: traces of one group share a legend entry (shown on the first only). */
  legendgroup?: string;
  showlegend?: boolean;
}

/** Each run's colour by its directory (keyColors over the runs shown: the Pareto and Latency tabs agree). */
export function runColors(runs: readonly ChartRun[]): Map<string, string> {
  return keyColors(runs.map((run) => run.runDir));
}

/**
 * Each run's colour, marker and legend entry. By run: its own colour from a hash of its directory. By a
 * group: the group's colour from a hash of the group value, one legend entry per group; the marker
 * still comes from the run, so runs of one group stay apart.
 */
export function runTraceStyles(runs: readonly ChartRun[], by: ColorBy = "run"): RunTraceStyle[] {
  if (by === "run") {
    const colors = runColors(runs);
    return runs.map((run) => ({ color: colors.get(run.runDir)!, symbol: keyStyle(run.runDir).symbol, name: run.label }));
  }
  const colors = keyColors(runs.map((run) => colorGroup(run, by)));
  const seen = new Set<string>();
  return runs.map((run) => {
    const group = colorGroup(run, by);
    const first = !seen.has(group);
    seen.add(group);
    return { color: colors.get(group)!, symbol: keyStyle(run.runDir).symbol, name: group, legendgroup: group, showlegend: first };
  });
}
