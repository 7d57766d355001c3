import { describe, expect, it } from "vitest";
import { buildParetoFigure } from "@/lib/charts/pareto-figure";
import { toChartRun } from "@/lib/charts/chart-data";
import { AXIS_METRIC_INFO, AXIS_METRICS, axisFields, axisTitle, axisValue, betterText } from "@/lib/charts/pareto-metrics";
import { fieldsFor, fromParetoPayload, payloadCovers, toParetoPayload } from "@/lib/charts/pareto-payload";
import { orientedFrontier } from "@/lib/pareto";
import { NO_SLA } from "@/lib/sla";
import { makePoint, makeRun } from "./make-run";

// One run on 10 GPUs; Output TPS/GPU = outputTps / 10. p99 TTFT and TPS/GPU per concurrency:
//   c1: 100 ms, 10   c2: 150 ms, 5 (worse on both than c1)   c4: 200 ms, 30   c8: 300 ms, 25 (worse than c4)   c16: 400 ms, 40
const POINTS = [
  { concurrency: 1, p99TtftMs: 100, outputTps: 100 },
  { concurrency: 2, p99TtftMs: 150, outputTps: 50 },
  { concurrency: 4, p99TtftMs: 200, outputTps: 300 },
  { concurrency: 8, p99TtftMs: 300, outputTps: 250 },
  { concurrency: 16, p99TtftMs: 400, outputTps: 400 },
];
const run = toChartRun(makeRun({ jobId: "1", runDir: "1_r", totalGpus: 10, points: POINTS.map((p) => makePoint({ ...p, meanTpotMs: 1000 / p.concurrency, requestThroughput: p.concurrency / 2 })) }));
const base = { cutoff: null, frontier: true, marked: [] };

describe("metric catalogue", () => {
  it("throughputs are better higher, every latency lower, concurrency (a setting) higher with a note", () => {
    for (const m of ["output", "total", "tps-user", "req-rate", "goodput", "energy"] as const) expect(AXIS_METRIC_INFO[m].better).toBe("higher");
    const latencies = AXIS_METRICS.filter((m) => /^(ttft|tpot|itl|e2el)-(mean|median|p99)$/.test(m));
    expect(latencies).toHaveLength(12);
    for (const m of latencies) expect(AXIS_METRIC_INFO[m].better).toBe("lower");
    expect(AXIS_METRIC_INFO.concurrency).toMatchObject({ better: "higher" });
    expect(AXIS_METRIC_INFO.concurrency.note).toMatch(/not a quality/);
    expect(AXIS_METRICS).toHaveLength(7 + 12);
  });

  it("reads values off a chart point: p99 TTFT, TPS/GPU from the GPU count, request throughput, concurrency", () => {
    const c4 = run.points[2];
    expect([axisValue(c4, "ttft-p99"), axisValue(c4, "output"), axisValue(c4, "req-rate"), axisValue(c4, "concurrency"), axisValue(c4, "tps-user")]).toEqual([200, 30, 2, 4, 4]);
    expect(axisValue(c4, "e2el-p99")).toBeNull();
  });

  it("direction texts and titles: plain on the old planes, with the direction on any other", () => {
    expect(betterText("ttft-p99", "x")).toBe("← better");
    expect(betterText("ttft-p99", "y")).toBe("↓ better");
    expect(betterText("output", "y")).toBe("↑ better");
    expect(axisTitle({ x: "tps-user", y: "total" }, "y")).toBe("Total TPS/GPU");
    expect(axisTitle({ x: "ttft-p99", y: "output" }, "x")).toBe("P99 TTFT (ms) (← better)");
    expect(axisTitle({ x: "ttft-p99", y: "output" }, "y")).toBe("Output TPS/GPU (↑ better)");
  });
});

describe("frontier on a chosen pair", () => {
  it("lower-is-better x: the points no other beats on both p99 TTFT (lower) and TPS/GPU (higher)", () => {
    const pts = [{ x: 100, y: 10 }, { x: 150, y: 5 }, { x: 200, y: 30 }, { x: 300, y: 25 }, { x: 400, y: 40 }];
    expect(orientedFrontier(pts, { x: "lower", y: "higher" })).toEqual([{ x: 100, y: 10 }, { x: 200, y: 30 }, { x: 400, y: 40 }]);
    // Both lower: (100, 10) beats every point right of it on both except (150, 5), whose y is lower.
    expect(orientedFrontier(pts, { x: "lower", y: "lower" })).toEqual([{ x: 100, y: 10 }, { x: 150, y: 5 }]);
  });

  it("the figure takes the frontier on the chosen axes, says the direction in the titles, and logs the axes", () => {
    const figure = buildParetoFigure([run], { ...base, x: "ttft-p99", y: "output", logX: true });
    expect(figure.frontier.map((p) => p.concurrency)).toEqual([1, 4, 16]);
    expect(figure.frontier.map((p) => [p.x, p.y])).toEqual([[100, 10], [200, 30], [400, 40]]);
    expect(figure.layout.xaxis).toMatchObject({ type: "log", title: { text: "P99 TTFT (ms) (← better)" } });
    expect(figure.layout.yaxis).not.toHaveProperty("type");
    expect(figure.layout.title).toMatchObject({ text: "Pareto Frontier: Output TPS/GPU vs P99 TTFT (ms)" });
  });

  it("concurrency on x is treated as higher-better: with TPS/GPU, only points no higher concurrency beats stay", () => {
    const figure = buildParetoFigure([run], { ...base, x: "concurrency", y: "output" });
    // c16 (40) beats everything below it on TPS/GPU, so it alone is the frontier.
    expect(figure.frontier.map((p) => p.concurrency)).toEqual([16]);
  });

  it("the TPS/User cutoff follows TPS/User to the y axis, placed as log10 on a log axis, and vanishes elsewhere", () => {
    const onY = buildParetoFigure([run], { ...base, frontier: false, x: "ttft-p99", y: "tps-user", cutoff: 100, logY: true });
    expect(onY.layout.shapes?.[0]).toMatchObject({ xref: "paper", yref: "y", y0: 2, y1: 2 });
    expect(buildParetoFigure([run], { ...base, frontier: false, x: "ttft-p99", y: "output", cutoff: 100 }).layout.shapes).toEqual([]);
  });
});

describe("payload for chosen axes", () => {
  // 300 runs x 8 points = 2,400 points: above the 2,000 where only the needed fields are sent.
  const many = Array.from({ length: 300 }, (_, i) => makeRun({ jobId: String(i), runDir: `${i}_r`, points: Array.from({ length: 8 }, (_, c) => makePoint({ concurrency: 2 ** c, outputTps: 100, p99TtftMs: 50 + c, requestThroughput: 3 })) }));

  it("a large page sends the base fields plus what the axes need, nothing for the other metrics", () => {
    expect(axisFields({ x: "ttft-p99", y: "req-rate" })).toEqual(["p99TtftMs", "requestThroughput"]);
    const fields = fieldsFor(many, NO_SLA, { x: "ttft-p99", y: "output" });
    expect(fields).toContain("p99TtftMs");
    expect(fields).not.toContain("p99E2elMs");
    expect(fields).not.toContain("requestThroughput");
    // Total TPS only feeds the Total y choice: off the old planes it is left out unless an axis plots it.
    expect([...fields].sort()).toEqual(["meanTpotMs", "meanTtftMs", "outputTps", "p99TtftMs"]);
    expect([...fieldsFor(many, NO_SLA, { x: "tps-user", y: "output" })].sort()).toEqual(["meanTpotMs", "meanTtftMs", "outputTps", "totalTps"]);
    expect(fieldsFor(many, NO_SLA, { x: "ttft-p99", y: "total" })).toContain("totalTps");
    const payload = toParetoPayload(many, fields);
    expect(payloadCovers(payload, NO_SLA, { x: "ttft-p99", y: "output" })).toBe(true);
    expect(payloadCovers(payload, NO_SLA, { x: "tps-user", y: "req-rate" })).toBe(false);
    expect(payloadCovers(payload, NO_SLA, { x: "tps-user", y: "goodput" })).toBe(false);
    expect(fromParetoPayload(payload)[0].points[3].p99TtftMs).toBe(53);
  });
});

describe("hover and marks on chosen axes", () => {
  it("the hover names both axes and adds TPS/User and TPS/GPU when neither is an axis", () => {
    const text = (buildParetoFigure([run], { ...base, frontier: false, x: "ttft-p99", y: "req-rate" }).data[0].text as string[])[2];
    // c4: p99 TTFT 200 ms, 2 req/s, TPOT 250 ms -> 4 TPS/User, 300 TPS / 10 GPUs = 30 TPS/GPU.
    expect(text.split("<br>").slice(2, 7)).toEqual(["Concurrency: 4", "P99 TTFT (ms): 200.00", "Request throughput (req/s): 2.00", "Output TPS/User: 4.00", "Output TPS/GPU: 30.00"]);
  });

  it("an SLA best point ranked on the TPS/User plane is starred where it sits on the chosen axes; A/B marks go to log10 on a log axis", () => {
    const best = buildParetoFigure([run], { ...base, frontier: false, y: "output" }).data[0];
    const bestPoint = { runDir: run.runDir, label: run.label, concurrency: 4, x: 4, y: 30, point: run.points[2] };
    const figure = buildParetoFigure([run], { ...base, frontier: false, x: "ttft-p99", y: "output", logX: true, best: [bestPoint], marked: [{ runDir: run.runDir, concurrency: 4, role: "A" }] });
    expect(best.name).toBe(run.label);
    expect(figure.data[1]).toMatchObject({ name: "Best under SLA", x: [200], y: [30] });
    expect(figure.layout.annotations?.[0]).toMatchObject({ text: "<b>A</b>", x: Math.log10(200), y: 30 });
  });
});
