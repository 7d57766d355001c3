import { describe, expect, it } from "vitest";
import { buildParetoFigure, buildParetoOutline, cutoffShapes, runParetoPoints } from "@/lib/charts/pareto-figure";
import { toChartRun } from "@/lib/charts/chart-data";
import { SLA_FAIL_COLOR } from "@/lib/charts/style";
import { makePoint, makeRun } from "./make-run";
import { CHART_RUNS } from "./fixtures";

const base = { y: "output" as const, cutoff: null, frontier: false, marked: [] };

describe("Pareto figure", () => {
  it("one trace per run: x = TPS/User, y = the chosen per-GPU throughput, in concurrency order", () => {
    const { data, layout } = buildParetoFigure(CHART_RUNS, base);
    expect(data).toHaveLength(2);
    expect(data[1]).toMatchObject({ name: "3667 | 1P/4D | 8+32 GPUs | 1024/1024 | H100", mode: "lines+markers", x: [50, 40, 31.25], y: [30.8625, 57, 97.5] });
    expect(data[1].customdata).toEqual([["3667_1P_4D_20251110_192145", 16], ["3667_1P_4D_20251110_192145", 32], ["3667_1P_4D_20251110_192145", 64]]);
    expect(layout.title).toMatchObject({ text: "Pareto Frontier: Output TPS/GPU vs Output TPS/User" });
    const total = buildParetoFigure(CHART_RUNS, { ...base, y: "total" });
    expect(total.data[1].y).toEqual([61.725, 114, 195]);
    expect(total.layout.yaxis).toMatchObject({ title: { text: "Total TPS/GPU" } });
  });

  it("hover names the run, concurrency, both axes, TPS, mean TTFT and TPOT", () => {
    const text = (buildParetoFigure(CHART_RUNS, base).data[1].text as string[])[2];
    expect(text.split("<br>")).toEqual([
      "<b>3667 | 1P/4D | 8+32 GPUs | 1024/1024 | H100</b>",
      "Run: 3667_1P_4D_20251110_192145",
      "Concurrency: 64",
      "Output TPS/User: 31.25",
      "Output TPS/GPU: 97.50",
      "Output TPS: 3900.00",
      "Mean TTFT: 210.00 ms",
      "Mean TPOT: 32.00 ms",
    ]);
  });

  it("frontier over all selected points, drawn first (behind the runs)", () => {
    const figure = buildParetoFigure(CHART_RUNS, { ...base, frontier: true });
    expect(figure.frontier.map((p) => [p.runDir, p.concurrency])).toEqual([
      ["12045_2P_2D_20251115_101500", 256],
      ["12045_2P_2D_20251115_101500", 64],
    ]);
    expect(figure.data.map((t) => t.name)).toEqual(["Pareto Frontier (band)", "Pareto Frontier", CHART_RUNS[0].label, CHART_RUNS[1].label]);
    expect(figure.data[1]).toMatchObject({ x: [1000 / 24, 80], hoverinfo: "skip" });
  });

  it("a one-point frontier is a ring marker; frontier off adds nothing", () => {
    const single = buildParetoFigure([CHART_RUNS[1]].slice(0, 1).map((r) => ({ ...r, points: r.points.slice(0, 1) })), { ...base, frontier: true });
    expect(single.data.map((t) => t.name)).toEqual(["Pareto Frontier", CHART_RUNS[1].label]);
    expect(buildParetoFigure(CHART_RUNS, base).frontier).toEqual([]);
  });

  it("cutoff: a dashed vertical line with its target label", () => {
    const { shapes, annotations } = cutoffShapes(35);
    expect(shapes[0]).toMatchObject({ type: "line", x0: 35, x1: 35, yref: "paper", line: { dash: "dash" } });
    expect(annotations[0].text).toBe("Target: 35 TPS/User");
    const layout = buildParetoFigure(CHART_RUNS, { ...base, cutoff: 35 }).layout;
    expect(layout.shapes).toHaveLength(1);
    expect(cutoffShapes(null)).toEqual({ shapes: [], annotations: [] });
  });

  it("marked points are drawn bigger and labelled A and B", () => {
    const marked = [
      { runDir: "3667_1P_4D_20251110_192145", concurrency: 32, role: "A" as const },
      { runDir: "12045_2P_2D_20251115_101500", concurrency: 64, role: "B" as const },
    ];
    const { data, layout } = buildParetoFigure(CHART_RUNS, { ...base, marked });
    expect((data[1].marker as { size: number[] }).size).toEqual([9, 16, 9]);
    expect(layout.annotations?.map((a) => [a.text, a.x])).toEqual([["<b>A</b>", 40], ["<b>B</b>", 80]]);
  });

  it("points without Mean TPOT or GPU count are counted, not plotted", () => {
    const run = toChartRun(makeRun({ points: [makePoint({ concurrency: 1, outputTps: 10, meanTpotMs: null }), makePoint({ concurrency: 2, outputTps: 10, meanTpotMs: 10 })] }));
    expect(runParetoPoints(run, "output")).toHaveLength(1);
    expect(buildParetoFigure([run], base).unplotted).toBe(1);
    expect(buildParetoOutline([run], base)).toEqual({ frontier: [], unplotted: 1, grouped: false });
  });

  it("the outline (the server's render, no traces) has the figure's frontier, unplotted count and grouping", () => {
    const outline = buildParetoOutline(CHART_RUNS, { ...base, frontier: true });
    // The frontier worked out above by hand: 12045's points at concurrency 256 and 64.
    expect(outline.frontier.map((p) => [p.runDir, p.concurrency])).toEqual([
      ["12045_2P_2D_20251115_101500", 256],
      ["12045_2P_2D_20251115_101500", 64],
    ]);
    expect(outline).toMatchObject({ unplotted: 0, grouped: false });
    for (const options of [base, { ...base, frontier: true }, { ...base, y: "total" as const, x: "ttft-mean" as const, frontier: true }]) {
      const { frontier, unplotted, grouped } = buildParetoFigure(CHART_RUNS, options);
      expect(buildParetoOutline(CHART_RUNS, options)).toEqual({ frontier, unplotted, grouped });
    }
  });
});

describe("grouped frontiers", () => {
  // Two H100 runs and one B200 run; tags a, a+b and none. TPOT 10 ms = 100 TPS/User.
  const run = (jobId: string, gpuType: string, tags: string[], outputTps: number) =>
    toChartRun(makeRun({ jobId, runDir: jobId, totalGpus: 10, meta: { jobId, gpuType, tags }, points: [makePoint({ concurrency: 8, outputTps, meanTpotMs: 10 })] }));
  const runs = [run("1", "NVIDIA H100", ["a"], 100), run("2", "NVIDIA H100", ["a", "b"], 200), run("3", "NVIDIA B200", [], 300)];
  const opts = { y: "output" as const, cutoff: null, frontier: true, marked: [] };

  it("one frontier trace per GPU type, named by group, behind the run traces", () => {
    const figure = buildParetoFigure(runs, { ...opts, frontierBy: "gpu" });
    expect(figure.data.slice(0, 2).map((t) => [t.name, t.y])).toEqual([["Frontier: H100", [20]], ["Frontier: B200", [30]]]);
    expect(figure.data).toHaveLength(5);
  });

  it("by tag: a run with two tags counts in both, a run without any is 'untagged'", () => {
    const figure = buildParetoFigure(runs, { ...opts, frontierBy: "tag" });
    expect(figure.data.slice(0, 3).map((t) => [t.name, t.y])).toEqual([["Frontier: a", [20]], ["Frontier: b", [20]], ["Frontier: untagged", [30]]]);
  });

  it("no frontier traces with the frontier off, whatever the grouping", () => {
    expect(buildParetoFigure(runs, { ...opts, frontier: false, frontierBy: "topology" }).data).toHaveLength(3);
  });
});

describe("Pareto figure: SLA lens", () => {
  // 3667's p99 TTFT is 300 / 410.25 / 640 ms at c16 / c32 / c64; 12045's 2100.7 / 4000 ms.
  const sla = { bounds: [{ metric: "ttft" as const, stat: "p99" as const, maxMs: 500 }], minTpsUser: null };

  it("greys the points failing a bound and says why in their hover", () => {
    const { data } = buildParetoFigure(CHART_RUNS, { ...base, sla });
    const run3667 = data[1];
    const color = (run3667.line as { color: string }).color;
    expect((run3667.marker as { color: string[] }).color).toEqual([color, color, SLA_FAIL_COLOR]);
    expect((run3667.text as string[])[2]).toContain("Fails SLA: p99 TTFT 640 ms > 500 ms");
    expect((run3667.text as string[])[1]).not.toContain("Fails SLA");
    expect((data[0].marker as { color: string[] }).color).toEqual([SLA_FAIL_COLOR, SLA_FAIL_COLOR]);
  });

  it("stars the best points given, after the runs, clickable like them", () => {
    const best = runParetoPoints(CHART_RUNS[1], "output").filter((p) => p.concurrency === 32);
    const { data } = buildParetoFigure(CHART_RUNS, { ...base, sla, best });
    expect(data).toHaveLength(3);
    expect(data[2]).toMatchObject({ name: "Best under SLA", x: [40], y: [57], customdata: [["3667_1P_4D_20251110_192145", 32]], marker: { symbol: "star" } });
  });

  it("without constraints every point keeps its run colour", () => {
    const { data } = buildParetoFigure(CHART_RUNS, { ...base, sla: { bounds: [], minTpsUser: null } });
    expect(typeof (data[1].marker as { color: unknown }).color).toBe("string");
  });
});
