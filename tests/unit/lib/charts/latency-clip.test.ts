import { describe, expect, it } from "vitest";
import { buildLatencyLayout, buildLatencyTraces } from "@/lib/charts/latency-figure";
import { clipAtPercentile, clipNote } from "@/lib/charts/latency-clip";
import { toChartRun } from "@/lib/charts/chart-data";
import { CHART_RUNS } from "./fixtures";
import { makePoint, makeRun } from "./make-run";

// 0..99 then one spike: p99 by linear interpolation over 101 sorted values is index 99 -> 99.
const SPIKED = [...Array.from({ length: 100 }, (_, i) => i), 1000];

describe("clip a latency axis at p99", () => {
  it("caps at the linear p99 of the values, counts what lies above and keeps the maximum", () => {
    const clip = clipAtPercentile(SPIKED, 99, false)!;
    expect(clip.cap).toBe(99);
    expect(clip.above).toBe(1);
    expect(clip.max).toBe(1000);
    // Linear axis from 0 (latencies are positive) to the cap plus 5% of 0..99.
    expect(clip.range[0]).toBe(0);
    expect(clip.range[1]).toBeCloseTo(99 + 99 * 0.05, 9);
    expect(clipNote(clip, 99)).toBe("▲ 1 point above p99 of the plotted values (max 1,000 ms): axis clipped");
  });

  it("does not clip when nothing is far above the cap (max within 1.5x) or there are no values", () => {
    // [100, 200, 300]: p99 = 200 + 0.98 * 100 = 298, max 300 < 1.5 * 298.
    expect(clipAtPercentile([300, 100, 200], 99, false)).toBeNull();
    expect(clipAtPercentile([5, 5, 5, 5], 99, false)).toBeNull();
    expect(clipAtPercentile([], 99, false)).toBeNull();
    expect(clipAtPercentile([Number.NaN], 99, false)).toBeNull();
  });

  it("on a log axis the range is in log10 units and non-positive values are left out", () => {
    const clip = clipAtPercentile([0, -1, ...SPIKED.slice(1)], 99, true)!;
    // 1..99 and 1000 (100 values): p99 at index 98.01 -> 99 + 0.01 * 901 = 108.01.
    expect(clip.cap).toBeCloseTo(108.01, 9);
    const span = Math.log10(108.01) - Math.log10(1);
    expect(clip.range[0]).toBeCloseTo(-span * 0.05, 9);
    expect(clip.range[1]).toBeCloseTo(Math.log10(108.01) + span * 0.05, 9);
  });
});

/**
 * 100 concurrencies (1..100) whose mean TTFT is 100 + i ms and median 90 + i ms, except the last, saturated at
 * 9,000 / 8,000 ms. A percentile over a few points is near their maximum, so clipping needs many points (many runs).
 */
const SATURATED = toChartRun(
  makeRun({
    runDir: "9000_1P_1D_20251201_000000",
    points: Array.from({ length: 100 }, (_, i) => makePoint({ concurrency: i + 1, meanTtftMs: i === 99 ? 9000 : 100 + i, medianTtftMs: i === 99 ? 8000 : 90 + i, p99TtftMs: 500 })),
  }),
);

describe("latency charts: median line and p99 clip", () => {
  it("with med on, each run gets a dashed median trace in its colour, legend-less, beside the mean", () => {
    const traces = buildLatencyTraces(CHART_RUNS, "Ttft", "mean", undefined, { x: "concurrency", logY: false, median: true });
    expect(traces.map((t) => t.name)).toEqual([...CHART_RUNS.map((r) => r.label), ...CHART_RUNS.map((r) => `${r.label} (median)`)]);
    // Run 3667's medians from its result files: 110, 140, 190 ms at 16, 32, 64.
    expect(traces[3]).toMatchObject({ x: [16, 32, 64], y: [110, 140, 190], showlegend: false, line: { dash: "dash", color: (traces[1] as { line: { color: string } }).line.color } });
  });

  it("no median trace when the statistic already is the median, or the option is off", () => {
    expect(buildLatencyTraces(CHART_RUNS, "Ttft", "median", undefined, { x: "concurrency", logY: false, median: true })).toHaveLength(2);
    expect(buildLatencyTraces(CHART_RUNS, "Ttft", "mean", undefined, { x: "concurrency", logY: false })).toHaveLength(2);
  });

  it("clip caps the y axis at the p99 of the plotted means and says what it hides", () => {
    const layout = buildLatencyLayout([SATURATED], "Ttft", "mean", undefined, { x: "concurrency", logY: false, clipP99: true });
    // Means sorted: 100..198 then 9000; p99 at index 98.01 -> 198 + 0.01 * (9000 - 198) = 286.02.
    expect(layout.yaxis).toMatchObject({ autorange: false });
    const range = (layout.yaxis as { range: number[] }).range;
    expect(range[0]).toBe(0);
    expect(range[1]).toBeCloseTo(286.02 * 1.05, 6);
    expect(layout.annotations).toEqual([expect.objectContaining({ text: "▲ 1 point above p99 of the plotted values (max 9,000 ms): axis clipped" })]);
  });

  it("clip also counts the median line's values, and leaves a chart of a few calm points alone", () => {
    const layout = buildLatencyLayout([SATURATED], "Ttft", "mean", undefined, { x: "concurrency", logY: false, clipP99: true, median: true });
    // 200 values: 198 below 200 ms, 8000, 9000; p99 at index 197.01 -> 198 + 0.01 * (8000 - 198) = 276.02.
    expect((layout.yaxis as { range: number[] }).range[1]).toBeCloseTo(276.02 * 1.05, 6);
    expect(layout.annotations).toEqual([expect.objectContaining({ text: "▲ 2 points above p99 of the plotted values (max 9,000 ms): axis clipped" })]);
    // Three points per run: p99 of [120, 150.5, 210, 812.3, 1500] sits near 1500, nothing is 1.5x above it.
    const calm = buildLatencyLayout(CHART_RUNS, "Ttft", "mean", undefined, { x: "concurrency", logY: false, clipP99: true });
    expect(calm.annotations).toEqual([]);
    expect((calm.yaxis as { range?: unknown }).range).toBeUndefined();
  });
});
