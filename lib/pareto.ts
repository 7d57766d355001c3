/** A point in the Pareto plane: for paretoFrontier both coordinates are "higher is better" (see orientedFrontier). */
export interface XY {
  x: number;
  y: number;
}

/**
 * The non-dominated points: those for which no other point is at least as good on both axes and
 * strictly better on one. Points with a missing or non-finite coordinate take no part. Equal points do
 * not dominate each other, so duplicates on the frontier all stay. Sorted by x ascending (then y
 * descending), ready to draw as a line. O(n log n).
 */
export function paretoFrontier<T extends XY>(points: readonly T[]): T[] {
  const valid = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  // Sweep from the largest x: a point survives when no point with a larger x reaches its y.
  const sorted = [...valid].sort((a, b) => b.x - a.x || b.y - a.y);
  const frontier: T[] = [];
  let bestYRight = -Infinity; // best y among points with strictly larger x
  let i = 0;
  while (i < sorted.length) {
    const x = sorted[i].x;
    const topY = sorted[i].y; // the group's best, thanks to the sort
    let j = i;
    while (j < sorted.length && sorted[j].x === x) {
      if (sorted[j].y === topY && topY > bestYRight) frontier.push(sorted[j]);
      j++;
    }
    bestYRight = Math.max(bestYRight, topY);
    i = j;
  }
  return frontier.reverse();
}

/** Which way an axis improves: throughputs up, latencies down. */
export type Better = "higher" | "lower";

/**
 * The non-dominated points when each axis has its own direction (e.g. lower TTFT, higher TPS/GPU):
 * a "lower is better" axis is negated, the frontier taken as above, and the original points returned,
 * sorted by x ascending (then y descending) so they draw as a line.
 */
export function orientedFrontier<T extends XY>(points: readonly T[], better: { x: Better; y: Better }): T[] {
  if (better.x === "higher" && better.y === "higher") return paretoFrontier(points);
  const sx = better.x === "higher" ? 1 : -1;
  const sy = better.y === "higher" ? 1 : -1;
  const flipped = paretoFrontier(points.map((p) => ({ x: sx * p.x, y: sy * p.y, p })));
  return flipped.map((f) => f.p).sort((a, b) => a.x - b.x || b.y - a.y);
}
