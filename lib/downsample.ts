/** A line as parallel x and y arrays, x ascending. */
export interface Line {
  x: number[];
  y: number[];
}

/**
 * At most `budget` points of a line, for drawing: the first and last points, then the points between
 * split into equal-count buckets, each giving its lowest and highest point in x order. Every peak and
 * dip survives at any zoom-out; only the points between them go. A line that fits is returned as is.
 */
export function downsampleMinMax(line: Line, budget: number): Line {
  if (!Number.isInteger(budget) || budget < 2) throw new RangeError(`downsample budget must be an integer >= 2, got ${budget}`);
  const { x, y } = line;
  const n = x.length;
  if (n <= budget) return { x: [...x], y: [...y] };
  const inner = n - 2;
  const buckets = Math.floor((budget - 2) / 2);
  const keep: number[] = [0];
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * inner) / buckets);
    const end = 1 + Math.floor(((b + 1) * inner) / buckets);
    let low = start;
    let high = start;
    for (let i = start + 1; i < end; i++) {
      if (y[i] < y[low]) low = i;
      if (y[i] > y[high]) high = i;
    }
    if (low === high) keep.push(low);
    else keep.push(Math.min(low, high), Math.max(low, high));
  }
  keep.push(n - 1);
  return { x: keep.map((i) => x[i]), y: keep.map((i) => y[i]) };
}

/** `value` to `digits` significant digits: what a chart can show, in fewer bytes of JSON. */
export function roundSignificant(value: number, digits = 4): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}
