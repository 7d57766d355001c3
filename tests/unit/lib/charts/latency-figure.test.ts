import { describe, expect, it } from "vitest";
import { buildLatencyLayout, buildLatencyTraces, latencySummary, latencyValue, logTicks } from "@/lib/charts/latency-figure";
import { CHART_RUNS } from "./fixtures";

describe("latency charts", () => {
  it("one trace per run of the chosen statistic vs concurrency", () => {
    const mean = buildLatencyTraces(CHART_RUNS, "Ttft", "mean");
    expect(mean.map((t) => t.name)).toEqual(CHART_RUNS.map((r) => r.label));
    expect(mean[1]).toMatchObject({ x: [16, 32, 64], y: [120, 150.5, 210] });
    expect(buildLatencyTraces(CHART_RUNS, "Ttft", "p99")[1].y).toEqual([300, 410.25, 640]);
    expect(buildLatencyTraces(CHART_RUNS, "Tpot", "median")[1].y).toEqual([19, 24, 30.5]);
  });

  it("points missing the statistic are left out of that trace", () => {
    const itl = buildLatencyTraces(CHART_RUNS, "Itl", "median");
    expect(itl[1].x).toEqual([]);
    expect(latencyValue(CHART_RUNS[1].points[0], "Itl", "mean")).toBe(19.5);
  });

  it("layout: titled with the metric and statistic, log concurrency axis ticked at measured values", () => {
    const layout = buildLatencyLayout(CHART_RUNS, "Tpot", "p99");
    expect(layout.title).toMatchObject({ text: "TPOT vs Concurrency (p99)" });
    expect(layout.yaxis).toMatchObject({ title: { text: "P99 TPOT (ms)" } });
    expect(layout.xaxis).toMatchObject({ type: "log", tickvals: [16, 32, 64, 256] });
  });

  it("summary table: min and max of each metric per run", () => {
    const rows = latencySummary(CHART_RUNS, "mean");
    expect(rows[1]).toEqual({
      runDir: "3667_1P_4D_20251110_192145",
      label: CHART_RUNS[1].label,
      values: { Ttft: { min: 120, max: 210 }, Tpot: { min: 20, max: 32 }, Itl: { min: 19.5, max: 31.8 } },
      peakOutputTps: null, // the fixture's results predate peak_output_tokens_per_s
    });
    expect(latencySummary(CHART_RUNS, "median")[0].values.Itl).toEqual({ min: null, max: null });
  });

  it("summary table: the run's highest peak output rate, ignoring concurrencies that do not report one", () => {
    const run = CHART_RUNS[1];
    const peaks = [1500, null, 4410.5];
    const withPeaks = { ...run, points: run.points.map((p, i) => ({ ...p, peakOutputTps: peaks[i] })) };
    expect(latencySummary([withPeaks], "mean")[0].peakOutputTps).toBe(4410.5);
  });
});

describe("latency charts: log y and latency vs throughput", () => {
  it("x is Output TPS/GPU (in concurrency order) when asked; points without it are left out", () => {
    // Run 3667 has 40 GPUs: 1234.5 / 40, 2280 / 40, 3900 / 40.
    const traces = buildLatencyTraces(CHART_RUNS, "Ttft", "p99", undefined, { x: "tps", logY: false });
    expect(traces[1]).toMatchObject({ x: [30.8625, 57, 97.5], y: [300, 410.25, 640] });
    expect(traces[1].text).toContain("<b>" + CHART_RUNS[1].label + "</b><br>Concurrency: 32<br>Output TPS/GPU: 57.00<br>P99 TTFT: 410.25 ms");
    const noGpus = { ...CHART_RUNS[1], points: CHART_RUNS[1].points.map((p) => ({ ...p, outputTpsPerGpu: null })) };
    expect(buildLatencyTraces([noGpus], "Ttft", "p99", undefined, { x: "tps", logY: false })[0].x).toEqual([]);
  });

  it("layout: the x axis and title follow the x metric, the y axis is log when asked", () => {
    const layout = buildLatencyLayout(CHART_RUNS, "Itl", "mean", undefined, { x: "tps", logY: true });
    expect(layout.title).toMatchObject({ text: "ITL vs Output TPS/GPU (mean)" });
    expect(layout.xaxis).toMatchObject({ title: { text: "Output TPS/GPU" } });
    expect(layout.xaxis).not.toHaveProperty("type", "log");
    expect(layout.yaxis).toMatchObject({ type: "log", title: { text: "Mean ITL (ms)" } });
    expect(buildLatencyLayout(CHART_RUNS, "Itl", "mean").yaxis).toMatchObject({ type: "linear" });
    // Mean ITL of the fixtures: 19.5 to 31.8 ms, one decade of 1-2-3-5 ticks from 10 to 100, labelled in full.
    expect(layout.yaxis).toMatchObject({ tickvals: [10, 20, 30, 50, 100, 200, 300, 500], ticktext: ["10", "20", "30", "50", "100", "200", "300", "500"] });
    // A change of axes must not keep the old zoom (Plotly keeps it while uirevision stays).
    expect(layout.uirevision).not.toEqual(buildLatencyLayout(CHART_RUNS, "Itl", "mean").uirevision);
  });
});

describe("log latency ticks", () => {
  it("1, 2, 3 and 5 per decade over the decades the values span (74 ms to 7.8 s)", () => {
    expect(logTicks([74, 7800, 0])).toEqual([10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000, 20000, 30000, 50000]);
    expect(logTicks([0.5, 2])).toEqual([0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 10, 20, 30, 50]);
    expect(logTicks([])).toEqual([]);
  });
});

describe("latency charts: SLA lens", () => {
  const sla = { bounds: [{ metric: "ttft" as const, stat: "p99" as const, maxMs: 500 }], minTpsUser: 45 };
  const lens = { sla, best: new Set(["3667_1P_4D_20251110_192145@16"]) };

  it("greys failing points on every latency chart and stars each run's best point", () => {
    // 3667: c16 passes (300 ms, 50 TPS/User); c32 fails TPS/User (40); c64 fails both.
    const traces = buildLatencyTraces(CHART_RUNS, "Tpot", "mean", lens);
    const color = (traces[1].line as { color: string }).color;
    expect((traces[1].marker as { color: string[] }).color).toEqual([color, "#cbd5e1", "#cbd5e1"]);
    expect(traces.at(-1)).toMatchObject({ name: "Best under SLA", x: [16], y: [20] });
  });

  it("draws the bound on the chart of its metric and statistic only", () => {
    expect(buildLatencyLayout(CHART_RUNS, "Ttft", "p99", sla).shapes).toMatchObject([{ y0: 500, y1: 500, xref: "paper" }]);
    expect(buildLatencyLayout(CHART_RUNS, "Ttft", "mean", sla).shapes).toEqual([]);
    expect(buildLatencyLayout(CHART_RUNS, "Tpot", "p99", sla).shapes).toEqual([]);
  });
});
