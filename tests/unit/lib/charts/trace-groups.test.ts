import { describe, expect, it } from "vitest";
import { buildParetoFigure, type Trace } from "@/lib/charts/pareto-figure";
import { toChartRun } from "@/lib/charts/chart-data";
import { GROUP_RUNS_ABOVE, groupRunTraces, mergeTraces } from "@/lib/charts/trace-groups";
import { makePoint, makeRun } from "./make-run";

const base = { y: "output" as const, cutoff: null, frontier: false, marked: [] };

function runs(n: number) {
  return Array.from({ length: n }, (_, i) =>
    toChartRun(makeRun({ jobId: String(100 + i), runDir: `${100 + i}_r`, totalGpus: 10, points: [makePoint({ concurrency: 1, outputTps: 10 * (i + 1), meanTpotMs: 20 }), makePoint({ concurrency: 2, outputTps: 20 * (i + 1), meanTpotMs: 40 })] })),
  );
}

describe("trace groups", () => {
  it("merges traces with a null gap between them, every point keeping its style, text and customdata", () => {
    const a: Trace = { type: "scatter", mode: "lines+markers", x: [1, 2], y: [3, 4], customdata: [["a", 1], ["a", 2]], text: ["a1", "a2"], marker: { color: "#111111", symbol: "circle", size: 9, line: { width: 0 } } } as Trace;
    const b: Trace = { type: "scatter", mode: "lines+markers", x: [5], y: [6], customdata: [["b", 1]], text: ["b1"], marker: { color: ["#cbd5e1"], symbol: "square", size: [16], line: { color: "#0f172a", width: [3] } } } as Trace;
    const merged = mergeTraces([a, b], "group") as Trace & { marker: Record<string, unknown> };
    expect(merged.x).toEqual([1, 2, null, 5]);
    expect(merged.y).toEqual([3, 4, null, 6]);
    expect(merged.customdata).toEqual([["a", 1], ["a", 2], null, ["b", 1]]);
    expect(merged.text).toEqual(["a1", "a2", "", "b1"]);
    expect(merged.marker.symbol).toEqual(["circle", "circle", "circle", "square"]);
    expect(merged.marker.color).toEqual(["#111111", "#111111", "rgba(0,0,0,0)", "#cbd5e1"]);
    expect(merged.marker.size).toEqual([9, 9, 0, 16]);
    expect(merged.marker.line).toEqual({ color: "#0f172a", width: [0, 0, 0, 3] });
    expect(merged).toMatchObject({ mode: "lines+markers", showlegend: false, name: "group" });
  });

  it("groups run i into colour slot i % colours, runs in order", () => {
    const traces = [0, 1, 2, 3, 4].map((i) => ({ x: [i], y: [i], customdata: [[`r${i}`, 1]] }) as Trace);
    const groups = groupRunTraces(traces, 2);
    expect(groups.map((g) => g.x)).toEqual([[0, null, 2, null, 4], [1, null, 3]]);
  });

  it("the Pareto figure draws one trace per run up to the limit, one per colour above it, with the same points", () => {
    const few = buildParetoFigure(runs(GROUP_RUNS_ABOVE), base);
    expect(few.grouped).toBe(false);
    expect(few.data).toHaveLength(GROUP_RUNS_ABOVE);
    const many = buildParetoFigure(runs(GROUP_RUNS_ABOVE + 1), base);
    expect(many.grouped).toBe(true);
    expect(many.data).toHaveLength(20);
    const picked = many.data.flatMap((t) => (t.customdata as ([string, number] | null)[]).filter(Boolean));
    expect(picked).toHaveLength(2 * (GROUP_RUNS_ABOVE + 1));
    // Run 21 (index 20) is in colour slot 0 after run 1, with a square (its colours came round once): x = 1000/TPOT.
    const slot0 = many.data[0] as Trace & { marker: { symbol: string[] } };
    expect(slot0.x).toEqual([50, 25, null, 50, 25, null, 50, 25]);
    expect(slot0.y).toEqual([1, 2, null, 21, 42, null, 41, 82]);
    expect(slot0.marker.symbol).toEqual(["circle", "circle", "circle", "square", "square", "circle", "diamond", "diamond"]);
  });
});
