import type { Better } from "../pareto";
import type { PointRef } from "../view-state";
import type { ChartRun } from "./chart-data";
import { DEFAULT_AXES, type AxisPair } from "./pareto-metrics";
import { runParetoPoints, type ParetoPoint } from "./pareto-points";
import type { MarkedPoint } from "./pareto-traces";

const same = (a: PointRef, b: PointRef) => a.runDir === b.runDir && a.concurrency === b.concurrency;

/**
 * The picked points after a click: a picked point is unpicked; a new one is added; with two already
 * picked the oldest is dropped. Any new pick resets the swap, so the earlier pick is the baseline.
 */
export function nextPicked(points: readonly PointRef[], clicked: PointRef): { points: PointRef[]; swap: boolean } {
  if (points.some((p) => same(p, clicked))) return { points: points.filter((p) => !same(p, clicked)), swap: false };
  return { points: [...points, clicked].slice(-2), swap: false };
}

/** Which pick is A (the baseline) and which is B. */
export function pickRoles(points: readonly PointRef[], swap: boolean): MarkedPoint[] {
  const ordered = swap && points.length === 2 ? [points[1], points[0]] : [...points];
  return ordered.map((p, i) => ({ ...p, role: i === 0 ? "A" : "B" }));
}

/**
 * Whether a % change A -> B is an improvement on an axis whose metric is better `better`: a rise of a
 * latency is worse. No change counts as not worse; null (no change computable) is judged neither way.
 */
export function changeIsBetter(pct: number | null, better: Better): boolean | null {
  if (pct === null) return null;
  return better === "higher" ? pct >= 0 : pct <= 0;
}

/** (value − base) / base × 100; null when the base is missing or zero. */
export function percentChange(base: number | null, value: number | null): number | null {
  if (base === null || value === null || base === 0 || !Number.isFinite(base) || !Number.isFinite(value)) return null;
  return ((value - base) / base) * 100;
}

export interface Comparison {
  a: ParetoPoint | null;
  b: ParetoPoint | null;
  /** % change A -> B of the x and the y metric. */
  dx: number | null;
  dy: number | null;
}

/** The picks that name a point of the charted runs (a pick of a run no longer shown is dropped). */
export function livePicks(runs: readonly ChartRun[], points: readonly PointRef[], axes: AxisPair = DEFAULT_AXES): PointRef[] {
  const all = runs.flatMap((run) => runParetoPoints(run, axes.y, axes.x));
  return points.filter((ref) => all.some((p) => same(p, ref)));
}

/** A and B with the % change of both axes, from the picks that are still on the chart. */
export function comparePoints(runs: readonly ChartRun[], points: readonly PointRef[], swap: boolean, axes: AxisPair = DEFAULT_AXES): Comparison {
  const all = runs.flatMap((run) => runParetoPoints(run, axes.y, axes.x));
  const live = livePicks(runs, points, axes);
  const [a = null, b = null] = pickRoles(live, swap).map((m) => all.find((p) => same(p, m)) ?? null);
  return { a, b, dx: a && b ? percentChange(a.x, b.x) : null, dy: a && b ? percentChange(a.y, b.y) : null };
}
