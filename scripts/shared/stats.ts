// Summary statistics computed the way numpy does inside sa-bench (population std, linear percentiles).

export function mean(xs: ArrayLike<number>): number {
  if (xs.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

export function std(xs: ArrayLike<number>): number {
  if (xs.length === 0) return 0;
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return Math.sqrt(s / xs.length);
}

/** np.percentile(xs, p) with the default "linear" method; xs must be sorted ascending. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export interface Summary {
  mean: number;
  median: number;
  std: number;
  p99: number;
}

/** mean/median/std/p99 of xs, each multiplied by `scale` (sa-bench reports seconds * 1000). */
export function summarize(xs: ArrayLike<number>, scale = 1): Summary {
  const sorted = Float64Array.from(xs).sort();
  return {
    mean: mean(xs) * scale,
    median: percentileSorted(sorted, 50) * scale,
    std: std(xs) * scale,
    p99: percentileSorted(sorted, 99) * scale,
  };
}
