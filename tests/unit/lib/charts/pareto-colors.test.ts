import { describe, expect, it } from "vitest";
import { buildParetoFigure } from "@/lib/charts/pareto-figure";
import { buildLatencyTraces } from "@/lib/charts/latency-figure";
import { toChartRun } from "@/lib/charts/chart-data";
import { colorGroup, NO_CLUSTER, runTraceStyles } from "@/lib/charts/pareto-colors";
import { hashKey, keyColor, keyColors, keyStyle, RUN_SYMBOLS, STABLE_PALETTE } from "@/lib/charts/style";
import { makePoint, makeRun } from "./make-run";

const chartRun = (jobId: string, gpuType: string, tags: string[] = []) =>
  toChartRun(makeRun({ jobId, runDir: `${jobId}_1P_4D`, totalGpus: 8, meta: { jobId, gpuType, tags }, points: [makePoint({ concurrency: 4, outputTps: 80, meanTpotMs: 20, meanTtftMs: 100 })] }));
const RUNS = [chartRun("3667", "NVIDIA H100", ["a"]), chartRun("12045", "NVIDIA B200", ["b", "a"]), chartRun("4401", "NVIDIA H100"), chartRun("5004", "NVIDIA GB200")];
const base = { y: "output" as const, cutoff: null, frontier: false, marked: [] };
const lineColor = (t: { line?: unknown }) => (t.line as { color: string }).color;

describe("stable palette", () => {
  it("is Paul Tol's nine muted colours, all distinct", () => {
    expect(STABLE_PALETTE).toHaveLength(9);
    expect(new Set(STABLE_PALETTE.map((c) => c.toLowerCase())).size).toBe(9);
  });

  it("FNV-1a 32-bit, checked against the reference vectors", () => {
    // Published FNV-1a test vectors: "" -> 0x811c9dc5, "a" -> 0xe40c292c, "foobar" -> 0xbf9cf968.
    expect([hashKey(""), hashKey("a"), hashKey("foobar")]).toEqual([0x811c9dc5, 0xe40c292c, 0xbf9cf968]);
    expect(keyColor("a")).toBe(STABLE_PALETTE[0xe40c292c % 9]);
    expect(keyStyle("a").symbol).toBe(RUN_SYMBOLS[Math.floor(0xe40c292c / 9) % RUN_SYMBOLS.length]);
  });

  it("keys on one chart: each its hashed colour; on a clash the key sorting first keeps it, the other takes the next free one", () => {
    // H100, H200 and GB200 hash to three different colours; H100 and B200 to the same one.
    expect(new Set([keyColor("H100"), keyColor("H200"), keyColor("GB200")]).size).toBe(3);
    expect(keyColors(["H100", "H200", "GB200"])).toEqual(new Map([["GB200", keyColor("GB200")], ["H100", keyColor("H100")], ["H200", keyColor("H200")]]));
    expect(keyColor("H100")).toBe(keyColor("B200"));
    const home = STABLE_PALETTE.indexOf(keyColor("B200") as (typeof STABLE_PALETTE)[number]);
    const clash = keyColors(["H100", "B200"]);
    expect(clash.get("B200")).toBe(keyColor("B200"));
    expect(clash.get("H100")).toBe(STABLE_PALETTE[(home + 1) % 9]);
    expect(keyColors(["B200", "H100", "B200"])).toEqual(clash);
    // Ten keys cannot all differ: each keeps its own hashed colour.
    const ten = Array.from({ length: 10 }, (_, i) => `run-${i}`);
    expect([...keyColors(ten)].every(([key, color]) => color === keyColor(key))).toBe(true);
  });

  it("a run keeps its colour and marker whatever the selection order, on Pareto and Latency", () => {
    const forward = buildParetoFigure(RUNS, base).data;
    const reversed = buildParetoFigure([...RUNS].reverse(), base).data;
    const byName = (data: typeof forward) => new Map(data.map((t) => [t.name, [lineColor(t), (t.marker as { symbol: string }).symbol]]));
    expect(byName(reversed)).toEqual(byName(forward));
    const latency = buildLatencyTraces([...RUNS].reverse(), "Ttft", "mean");
    for (const trace of latency) expect(lineColor(trace)).toBe(byName(forward).get(trace.name as string)?.[0]);
  });
});

describe("colour by a group", () => {
  it("a run's group: GPU short name, topology, container, or its whole sorted tag set", () => {
    expect(colorGroup(RUNS[0], "gpu")).toBe("H100");
    expect(colorGroup(RUNS[1], "tag")).toBe("a, b");
    expect(colorGroup(RUNS[2], "tag")).toBe("untagged");
    expect(colorGroup(RUNS[0], "topology")).toBe("1P/4D");
  });

  it("one legend entry per GPU type, in the GPU's colour; the two H100 runs share it", () => {
    const data = buildParetoFigure(RUNS, { ...base, colorBy: "gpu" }).data;
    const shown = data.filter((t) => t.showlegend !== false).map((t) => t.name);
    expect(shown).toEqual(["H100", "B200", "GB200"]);
    expect(lineColor(data[0])).toBe(lineColor(data[2]));
    expect(new Set(data.map((t) => t.legendgroup))).toEqual(new Set(["H100", "B200", "GB200"]));
    // Colours come from the group values, not the order: the runs reversed give each GPU type the same colour.
    const reversed = buildParetoFigure([...RUNS].reverse(), { ...base, colorBy: "gpu" }).data;
    expect(new Map(reversed.map((t) => [t.name, lineColor(t)]))).toEqual(new Map(data.map((t) => [t.name, lineColor(t)])));
    // Alone, a GPU type has its own hashed colour.
    expect(lineColor(buildParetoFigure([RUNS[1]], { ...base, colorBy: "gpu" }).data[0])).toBe(keyColor("B200"));
  });

  it("colour by cluster: one legend entry per cluster of dataset runs; a logs dir's runs form one 'no cluster' group", () => {
    const fromCluster = (jobId: string, cluster: string) =>
      toChartRun(makeRun({ jobId, runDir: `${jobId}_1P_4D`, totalGpus: 8, meta: { jobId, gpuType: "NVIDIA H100" }, origin: { dataset: "/d", runKey: `${cluster}/${jobId}`, cluster, month: "2026-12" }, points: [makePoint({ concurrency: 4, outputTps: 80 })] }));
    const runs = [fromCluster("1", "eos"), fromCluster("2", "lyris"), fromCluster("3", "eos"), RUNS[0]];
    expect(runs.map((run) => colorGroup(run, "cluster"))).toEqual(["eos", "lyris", "eos", NO_CLUSTER]);
    const data = buildParetoFigure(runs, { ...base, colorBy: "cluster" }).data;
    expect(data.filter((t) => t.showlegend !== false).map((t) => t.name)).toEqual(["eos", "lyris", NO_CLUSTER]);
    expect(lineColor(data[0])).toBe(lineColor(data[2]));
    expect(lineColor(data[0])).not.toBe(lineColor(data[1]));
  });

  it("the Latency tab colours by the same groups, one legend entry each, medians in their run's group colour", () => {
    const pareto = buildParetoFigure(RUNS, { ...base, colorBy: "gpu" }).data;
    const latency = buildLatencyTraces(RUNS, "Ttft", "mean", undefined, { x: "concurrency", logY: false, median: true }, "gpu");
    expect(latency.slice(0, 4).map((t) => [t.name, lineColor(t), t.showlegend])).toEqual(pareto.map((t) => [t.name, lineColor(t), t.showlegend]));
    expect(latency.slice(4).map(lineColor)).toEqual(pareto.map(lineColor));
  });

  it("above the trace-grouping limit, one merged trace per group, each with its legend entry", () => {
    const many = Array.from({ length: 60 }, (_, i) => chartRun(String(9000 + i), i % 2 === 0 ? "NVIDIA H100" : "NVIDIA B200"));
    const data = buildParetoFigure(many, { ...base, colorBy: "gpu" }).data;
    expect(data.map((t) => [t.name, t.showlegend])).toEqual([["H100", true], ["B200", true]]);
    expect(runTraceStyles(many, "run").every((s) => s.showlegend === undefined)).toBe(true);
  });
});
