import { quantile } from "../requests-view";

/** Clip only when the tail really squashes the chart: the largest value must exceed the cap by this ratio. */
export const CLIP_TRIGGER_RATIO = 1.5;

/** A y-axis capped at a percentile of the plotted values, and what the cap hides. */
export interface YClip {
  /** The percentile value the axis is capped at (ms). */
  cap: number;
  /** The y range to draw: in ms, or log10(ms) on a log axis (Plotly's log range units). */
  range: [number, number];
  /** How many plotted values lie above the cap, and the largest of them. */
  above: number;
  max: number;
}

/** 5% of the span, or of the value's magnitude when the span is zero (a flat baseline with spikes). */
function pad(lo: number, hi: number): number {
  const span = hi - lo;
  return span > 0 ? span * 0.05 : Math.abs(hi) * 0.05 || 1;
}

/**
 * Cap of a y axis at the `p`-th percentile (linear interpolation, numpy's default) of the values drawn,
 * so that a few saturated points (p99 TTFT jumping from 0.1 s to 8 s at the last concurrency) do not
 * flatten every other point; null when clipping would not help: nothing above the cap, or the largest
 * value within CLIP_TRIGGER_RATIO of it (srt-slurm's batch plots use the same rule).
 */
export function clipAtPercentile(values: readonly number[], p: number, logY: boolean): YClip | null {
  const drawn = values.filter((v) => Number.isFinite(v) && (!logY || v > 0)).sort((a, b) => a - b);
  const cap = quantile(drawn, p / 100);
  if (cap === null) return null;
  const max = drawn[drawn.length - 1];
  const above = drawn.filter((v) => v > cap).length;
  if (above === 0 || max <= cap * CLIP_TRIGGER_RATIO) return null;
  const lo = logY ? Math.log10(drawn[0]) : Math.min(0, drawn[0]);
  const hi = logY ? Math.log10(cap) : cap;
  const margin = pad(lo, hi);
  return { cap, range: [logY ? lo - margin : lo, hi + margin], above, max };
}

/** The note on a clipped chart, so clipping never hides that outliers exist. */
export function clipNote(clip: YClip, p: number): string {
  const max = clip.max.toLocaleString("en-US", { maximumFractionDigits: 1 });
  return `▲ ${clip.above} point${clip.above === 1 ? "" : "s"} above p${p} of the plotted values (max ${max} ms): axis clipped`;
}
