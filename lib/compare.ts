import type { BenchPoint, Run } from "./model";
import { outputTpsPerUser, perGpu } from "./metrics";
import { paretoFrontier, type XY } from "./pareto";

/** Throughput metrics a comparison can use; higher is better for all of them. */
export const COMPARE_METRICS = ["output_tps_per_gpu", "total_tps_per_gpu", "output_tps", "total_tps"] as const;
export type CompareMetric = (typeof COMPARE_METRICS)[number];

/** A metric of one point of one run; null when missing. */
export function metricOf(run: Run, point: BenchPoint, metric: CompareMetric): number | null {
  if (metric === "output_tps") return point.outputTps;
  if (metric === "total_tps") return point.totalTps;
  if (metric === "output_tps_per_gpu") return perGpu(point.outputTps, run.totalGpus);
  return perGpu(point.totalTps, run.totalGpus);
}

/** `(current - baseline) / baseline` in percent; null when the baseline is 0 or either is missing. */
export function percentChange(baseline: number | null, current: number | null): number | null {
  if (baseline === null || current === null || baseline === 0) return null;
  return ((current - baseline) / baseline) * 100;
}

/** Mean of a metric per concurrency over a group of runs (one run is a group of one). */
export function meanByConcurrency(runs: readonly Run[], metric: CompareMetric): Map<number, number> {
  const sums = new Map<number, [number, number]>();
  for (const run of runs) {
    for (const point of run.points) {
      const value = metricOf(run, point, metric);
      if (value === null) continue;
      const sum = sums.get(point.concurrency) ?? [0, 0];
      sums.set(point.concurrency, [sum[0] + value, sum[1] + 1]);
    }
  }
  return new Map([...sums].map(([c, [total, n]]) => [c, total / n]));
}

export interface ConcurrencyChange {
  concurrency: number;
  baseline: number;
  current: number;
  /** null when undefined, or when the baseline is below the floor (`belowFloor`). */
  changePct: number | null;
  belowFloor: boolean;
}

/**
 * Below this share of its peak the baseline is so close to zero that a % change means nothing (a
 * frontier's tail at 0.5 TPS/GPU turns +3 TPS/GPU into +600 %): the comparison stops there.
 */
export const BASELINE_FLOOR_SHARE = 0.05;

/** The floor of a set of baseline values: BASELINE_FLOOR_SHARE of the largest; 0 when there is none. */
export function baselineFloor(values: readonly number[]): number {
  return values.length === 0 ? 0 : Math.max(...values) * BASELINE_FLOOR_SHARE;
}

/** The guide's regression check: % change at every concurrency both sides measured, none where the baseline is below the floor. */
export function compareByConcurrency(baseline: readonly Run[], current: readonly Run[], metric: CompareMetric): ConcurrencyChange[] {
  const before = meanByConcurrency(baseline, metric);
  const after = meanByConcurrency(current, metric);
  const floor = baselineFloor([...before.values()]);
  return [...before.keys()]
    .filter((c) => after.has(c))
    .sort((a, b) => a - b)
    .map((concurrency) => {
      const b = before.get(concurrency)!;
      const c = after.get(concurrency)!;
      const belowFloor = b < floor;
      return { concurrency, baseline: b, current: c, changePct: belowFloor ? null : percentChange(b, c), belowFloor };
    });
}

/** The Pareto frontier of a group: TPS/GPU (output, or total for total_* metrics) over Output TPS/User. */
export function groupFrontier(runs: readonly Run[], metric: CompareMetric): XY[] {
  const total = metric.startsWith("total");
  const points: XY[] = [];
  for (const run of runs) {
    for (const point of run.points) {
      const x = outputTpsPerUser(point);
      const y = perGpu(total ? point.totalTps : point.outputTps, run.totalGpus);
      if (x !== null && y !== null) points.push({ x, y });
    }
  }
  return paretoFrontier(points);
}

/** The frontier's TPS/GPU at `x` TPS/User, linear between its points; null outside its range (never extrapolated). */
export function interpolateFrontier(frontier: readonly XY[], x: number): number | null {
  if (frontier.length === 0 || x < frontier[0].x || x > frontier[frontier.length - 1].x) return null;
  for (let i = 0; i < frontier.length; i++) {
    const right = frontier[i];
    if (right.x === x) return right.y;
    if (right.x > x) {
      const left = frontier[i - 1];
      return left.y + ((right.y - left.y) * (x - left.x)) / (right.x - left.x);
    }
  }
  return null;
}

/** The TPS/User range both frontiers cover, or null when they do not overlap. */
export function frontierOverlap(a: readonly XY[], b: readonly XY[]): [number, number] | null {
  if (a.length === 0 || b.length === 0) return null;
  const lo = Math.max(a[0].x, b[0].x);
  const hi = Math.min(a[a.length - 1].x, b[b.length - 1].x);
  return lo <= hi ? [lo, hi] : null;
}

/** `n` interactivity levels evenly spaced inside the overlap (its ends excluded; one point when lo = hi). */
export function defaultLevels([lo, hi]: [number, number], n = 3): number[] {
  if (lo === hi) return [lo];
  return Array.from({ length: n }, (_, k) => lo + ((hi - lo) * (k + 1)) / (n + 1));
}

/**
 * The largest TPS/User up to which a frontier stays at or above `floor` TPS/GPU (linear between its
 * points); null when it starts below. A frontier's TPS/GPU falls as TPS/User rises, so this is one cut.
 */
export function floorEdge(frontier: readonly XY[], floor: number): number | null {
  if (frontier.length === 0 || frontier[0].y < floor) return null;
  for (let i = 1; i < frontier.length; i++) {
    const [left, right] = [frontier[i - 1], frontier[i]];
    if (right.y < floor) return left.x + ((right.x - left.x) * (left.y - floor)) / (left.y - right.y);
  }
  return frontier[frontier.length - 1].x;
}

/** Where two frontiers can be compared: their overlap, cut where the baseline falls below its floor. */
export interface ComparableRange {
  overlap: [number, number] | null;
  /** The part of the overlap where the baseline is at or above the floor; null when there is none. */
  range: [number, number] | null;
  /** BASELINE_FLOOR_SHARE of the baseline frontier's peak TPS/GPU. */
  floor: number;
  /** The TPS/User inside the overlap where the comparison stops; null when the baseline stays above the floor. */
  cutAt: number | null;
}

export function comparableRange(baseline: readonly XY[], candidate: readonly XY[]): ComparableRange {
  const overlap = frontierOverlap(baseline, candidate);
  const floor = baselineFloor(baseline.map((p) => p.y));
  const edge = floorEdge(baseline, floor);
  if (!overlap || edge === null) return { overlap, range: null, floor, cutAt: overlap ? overlap[0] : null };
  if (edge >= overlap[1]) return { overlap, range: overlap, floor, cutAt: null };
  return { overlap, range: edge >= overlap[0] ? [overlap[0], edge] : null, floor, cutAt: Math.max(edge, overlap[0]) };
}

export interface FrontierChange {
  tpsPerUser: number;
  baseline: number;
  current: number;
  /** null when undefined, or when the baseline is below the floor there (`belowFloor`). */
  changePct: number | null;
  belowFloor: boolean;
}

/** Both sides at one TPS/User; null outside either frontier. */
function changeAt(before: readonly XY[], after: readonly XY[], x: number, range: [number, number] | null): FrontierChange | null {
  const b = interpolateFrontier(before, x);
  const c = interpolateFrontier(after, x);
  if (b === null || c === null) return null;
  const belowFloor = range === null || x > range[1];
  return { tpsPerUser: x, baseline: b, current: c, changePct: belowFloor ? null : percentChange(b, c), belowFloor };
}

/**
 * TPS/GPU of both frontiers at equal interactivity, and the % change, at each level inside the overlap
 * (default levels inside the comparable range); a level past the baseline's floor has no % change.
 */
export function compareFrontiers(baseline: readonly Run[], current: readonly Run[], metric: CompareMetric, levels?: readonly number[]) {
  const before = groupFrontier(baseline, metric);
  const after = groupFrontier(current, metric);
  const comparable = comparableRange(before, after);
  if (!comparable.overlap) return { ...comparable, levels: [] as FrontierChange[] };
  const xs = levels ?? (comparable.range ? defaultLevels(comparable.range) : []);
  const changes = xs.map((x) => changeAt(before, after, x, comparable.range)).filter((c): c is FrontierChange => c !== null);
  return { ...comparable, levels: changes };
}

/** Area under a frontier between `lo` and `hi` (trapezoids on the interpolated frontier); null when it does not cover [lo, hi]. */
export function frontierArea(frontier: readonly XY[], [lo, hi]: [number, number]): number | null {
  const yLo = interpolateFrontier(frontier, lo);
  const yHi = interpolateFrontier(frontier, hi);
  if (yLo === null || yHi === null) return null;
  const xs = [lo, ...frontier.map((p) => p.x).filter((x) => x > lo && x < hi), hi];
  const ys = [yLo, ...frontier.filter((p) => p.x > lo && p.x < hi).map((p) => p.y), yHi];
  let area = 0;
  for (let i = 1; i < xs.length; i++) area += ((ys[i - 1] + ys[i]) / 2) * (xs[i] - xs[i - 1]);
  return area;
}

/** Candidate area over baseline area on the comparable range: > 1 means the candidate's frontier is better overall; null when undefined. */
export function areaRatio(baseline: readonly XY[], candidate: readonly XY[]): number | null {
  const { range } = comparableRange(baseline, candidate);
  if (!range || range[0] === range[1]) return null;
  const before = frontierArea(baseline, range);
  const after = frontierArea(candidate, range);
  return before === null || after === null || before === 0 ? null : after / before;
}

/** `n` evenly spaced TPS/User values across the comparable range, ends included, with the % change of TPS/GPU at each. */
export function changeAlongOverlap(baseline: readonly XY[], candidate: readonly XY[], n = 50): { x: number; changePct: number }[] {
  const { range } = comparableRange(baseline, candidate);
  if (!range) return [];
  const [lo, hi] = range;
  const xs = lo === hi ? [lo] : Array.from({ length: n }, (_, k) => lo + ((hi - lo) * k) / (n - 1));
  return xs.flatMap((x) => {
    const change = percentChange(interpolateFrontier(baseline, x), interpolateFrontier(candidate, x));
    return change === null ? [] : [{ x, changePct: change }];
  });
}

/** Why Δ% stops short of the overlap's end, for the page and the CLI; null when it does not. */
export function floorNote(range: Pick<ComparableRange, "overlap" | "cutAt" | "floor">, unit = "TPS/GPU"): string | null {
  if (!range.overlap || range.cutAt === null) return null;
  const share = `${BASELINE_FLOOR_SHARE * 100}% of its peak (${range.floor.toFixed(2)} ${unit})`;
  if (range.cutAt <= range.overlap[0]) return `No Δ%: the baseline frontier is below ${share} across the whole overlap, where a % change means nothing.`;
  return `Δ% stops at ${range.cutAt.toFixed(2)} TPS/User: beyond it the baseline frontier falls below ${share}, where a % change means nothing.`;
}
