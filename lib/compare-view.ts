import { areaRatio, changeAlongOverlap, compareFrontiers, groupFrontier, type CompareMetric, type FrontierChange } from "./compare";
import type { Run } from "./model";
import type { XY } from "./pareto";
import type { YMetric } from "./view-state";

/** One side of a comparison: a run, or every run carrying a tag. Spelled `run:<runDir>` / `tag:<tag>` in the URL. */
export interface CompareSide {
  kind: "run" | "tag";
  value: string;
}

export function parseCompareSide(text: string): CompareSide | null {
  const match = /^(run|tag):(.+)$/.exec(text);
  return match ? { kind: match[1] as CompareSide["kind"], value: match[2] } : null;
}

export function formatCompareSide(side: CompareSide): string {
  return `${side.kind}:${side.value}`;
}

/** "run 4410001" or "tag baseline (3 runs)". */
export function sideLabel(side: CompareSide, runs: number): string {
  return side.kind === "run" ? `run ${side.value}` : `tag ${side.value} (${runs} run${runs === 1 ? "" : "s"})`;
}

/** The runs a side stands for. */
export function sideRuns(runs: readonly Run[], side: CompareSide): Run[] {
  return runs.filter((run) => (side.kind === "run" ? run.runDir === side.value : run.metadata.tags.includes(side.value)));
}

export interface CompareView {
  baseline: XY[];
  candidate: XY[];
  overlap: [number, number] | null;
  /** Where Δ% is given: the overlap, cut where the baseline falls below its floor; null when nowhere. */
  range: [number, number] | null;
  /** The baseline's floor (BASELINE_FLOOR_SHARE of its peak) and where inside the overlap it cuts the comparison. */
  floor: number;
  cutAt: number | null;
  levels: FrontierChange[];
  /** Δ% of TPS/GPU at ~50 TPS/User values across the comparable range. */
  samples: { x: number; changePct: number }[];
  /** Candidate area under the frontier over the baseline's, on the comparable range. */
  areaRatio: number | null;
}

/** The Pareto y toggle as a comparison metric. */
export function compareMetricOf(y: YMetric): CompareMetric {
  return y === "total" ? "total_tps_per_gpu" : "output_tps_per_gpu";
}

/** Both frontiers, Δ% at the levels (the overlap's defaults when none given), along the overlap, and the area ratio. */
export function buildCompareView(baseline: readonly Run[], candidate: readonly Run[], y: YMetric, levels: readonly number[]): CompareView {
  const metric = compareMetricOf(y);
  const before = groupFrontier(baseline, metric);
  const after = groupFrontier(candidate, metric);
  const result = compareFrontiers(baseline, candidate, metric, levels.length > 0 ? levels : undefined);
  return {
    baseline: before,
    candidate: after,
    overlap: result.overlap,
    range: result.range,
    floor: result.floor,
    cutAt: result.cutAt,
    levels: result.levels,
    samples: changeAlongOverlap(before, after),
    areaRatio: areaRatio(before, after),
  };
}
