import type { Trace } from "./pareto-figure";

/**
 * Many runs as few traces. Plotly's cost grows with the number of traces far more than with points
 * (each trace is laid out, styled and hit-tested on its own, and gets a legend entry), so above
 * GROUP_RUNS_ABOVE runs the per-run traces are merged, one trace per colour (or colour-by group), with a gap (null) between
 * runs so lines never join two runs. Every point keeps its own symbol, colour, size, ring, hover text
 * and customdata, so it looks, hovers and clicks as before; only the per-run legend goes.
 */
export const GROUP_RUNS_ABOVE = 50;

type Marker = { color?: string | string[]; symbol?: string | string[]; size?: number | number[]; line?: { color?: string; width?: number | number[] } };
type Value = string | number | null;

/** A scalar-or-array style value as one value per point. */
function perPoint<T>(value: T | T[] | undefined, n: number, fallback: T): T[] {
  if (Array.isArray(value)) return value;
  return Array.from({ length: n }, () => value ?? fallback);
}

/** One trace holding every point of `traces` (same mode and line style), a null gap between them. */
export function mergeTraces(traces: readonly Trace[], name: string): Trace {
  const x: Value[] = [];
  const y: Value[] = [];
  const customdata: unknown[] = [];
  const text: string[] = [];
  const marker = { color: [] as string[], symbol: [] as string[], size: [] as number[], ringWidth: [] as number[] };
  traces.forEach((trace, i) => {
    const n = (trace.x as Value[]).length;
    if (i > 0) {
      // The gap: a point without coordinates breaks the line and draws nothing.
      x.push(null), y.push(null), customdata.push(null), text.push("");
      marker.color.push("rgba(0,0,0,0)"), marker.symbol.push("circle"), marker.size.push(0), marker.ringWidth.push(0);
    }
    const m = (trace.marker ?? {}) as Marker;
    x.push(...(trace.x as Value[]));
    y.push(...(trace.y as Value[]));
    customdata.push(...((trace.customdata as unknown[]) ?? Array(n).fill(null)));
    text.push(...perPoint(trace.text as string | string[] | undefined, n, ""));
    marker.color.push(...perPoint(m.color, n, "#000000"));
    marker.symbol.push(...perPoint(m.symbol, n, "circle"));
    marker.size.push(...perPoint(m.size, n, 9));
    marker.ringWidth.push(...perPoint(m.line?.width, n, 0));
  });
  const first = traces[0] ?? {};
  const ringed = marker.ringWidth.some((w) => w > 0);
  const gaps = new Set(x.flatMap((value, i) => (value === null && y[i] === null ? [i] : [])));
  return {
    ...first,
    name,
    showlegend: false,
    x, y, customdata, text,
    marker: { color: single(marker.color, gaps), symbol: single(marker.symbol, gaps), size: single(marker.size, gaps), line: ringed ? { color: "#0f172a", width: marker.ringWidth } : { width: 0 } },
  } as Trace;
}

/**
 * One value for the whole trace when every drawn point has it (gaps draw nothing): Plotly styles
 * each marker of an array-styled trace on its own, ~15% of drawing 8,000 points.
 */
function single<T>(values: T[], gaps: ReadonlySet<number>): T | T[] {
  let only: T | undefined;
  for (let i = 0; i < values.length; i++) {
    if (gaps.has(i)) continue;
    if (only === undefined) only = values[i];
    else if (values[i] !== only) return values;
  }
  return only ?? values;
}

/**
 * Per-run traces -> one trace per merge key (the run's colour, or its colour-by group), runs in order
 * within it, keys in first-seen order. `name` names each merged trace; with `legend` the merged traces
 * keep a legend entry (one per group), else they have none.
 */
export function groupRunTraces(traces: readonly Trace[], keyOf: (trace: Trace) => string, name: (key: string, runs: number) => string, legend = false): Trace[] {
  const groups = new Map<string, Trace[]>();
  for (const trace of traces) groups.set(keyOf(trace), [...(groups.get(keyOf(trace)) ?? []), trace]);
  return [...groups].map(([key, group]) => ({ ...mergeTraces(group, name(key, group.length)), showlegend: legend }));
}
