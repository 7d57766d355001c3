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
  changePct: number | null;
}

/** The guide's regression check: % change at every concurrency both sides measured. */
export function compareByConcurrency(baseline: readonly Run[], current: readonly Run[], metric: CompareMetric): ConcurrencyChange[] {
  const before = meanByConcurrency(baseline, metric);
  const after = meanByConcurrency(current, metric);
  return [...before.keys()]
    .filter((c) => after.has(c))
    .sort((a, b) => a - b)
    .map((concurrency) => {
      const b = before.get(concurrency)!;
      const c = after.get(concurrency)!;
      return { concurrency, baseline: b, current: c, changePct: percentChange(b, c) };
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

export interface FrontierChange {
  tpsPerUser: number;
  baseline: number;
  current: number;
  changePct: number | null;
}

/** TPS/GPU of both frontiers at equal interactivity, and the % change, at each level inside the overlap. */
export function compareFrontiers(baseline: readonly Run[], current: readonly Run[], metric: CompareMetric, levels?: readonly number[]) {
  const before = groupFrontier(baseline, metric);
  const after = groupFrontier(current, metric);
  const overlap = frontierOverlap(before, after);
  if (!overlap) return { overlap: null, levels: [] as FrontierChange[] };
  const changes: FrontierChange[] = [];
  for (const x of levels ?? defaultLevels(overlap)) {
    const b = interpolateFrontier(before, x);
    const c = interpolateFrontier(after, x);
    if (b !== null && c !== null) changes.push({ tpsPerUser: x, baseline: b, current: c, changePct: percentChange(b, c) });
  }
  return { overlap, levels: changes };
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

/** Candidate area over baseline area on their overlap: > 1 means the candidate's frontier is better overall; null when undefined. */
export function areaRatio(baseline: readonly XY[], candidate: readonly XY[]): number | null {
  const overlap = frontierOverlap(baseline, candidate);
  if (!overlap || overlap[0] === overlap[1]) return null;
  const before = frontierArea(baseline, overlap);
  const after = frontierArea(candidate, overlap);
  return before === null || after === null || before === 0 ? null : after / before;
}

/** `n` evenly spaced TPS/User values across the overlap, ends included, with the % change of TPS/GPU at each. */
export function changeAlongOverlap(baseline: readonly XY[], candidate: readonly XY[], n = 50): { x: number; changePct: number }[] {
  const overlap = frontierOverlap(baseline, candidate);
  if (!overlap) return [];
  const [lo, hi] = overlap;
  const xs = lo === hi ? [lo] : Array.from({ length: n }, (_, k) => lo + ((hi - lo) * k) / (n - 1));
  return xs.flatMap((x) => {
    const change = percentChange(interpolateFrontier(baseline, x), interpolateFrontier(candidate, x));
    return change === null ? [] : [{ x, changePct: change }];
  });
}
