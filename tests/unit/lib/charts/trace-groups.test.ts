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

  it("a style every drawn point shares is one value for the merged trace (the gaps' own style aside)", () => {
    const style = (symbol: string) => ({ color: "#44AA99", symbol, size: 9, line: { width: 0 } });
    const a = { type: "scatter", mode: "lines+markers", x: [1, 2], y: [3, 4], customdata: [["a", 1], ["a", 2]], text: ["a1", "a2"], marker: style("circle") } as Trace;
    const b = { type: "scatter", mode: "lines+markers", x: [5], y: [6], customdata: [["b", 1]], text: ["b1"], marker: { ...style("diamond"), size: [9] } } as Trace;
    const merged = mergeTraces([a, b], "group") as Trace & { marker: Record<string, unknown> };
    expect(merged.marker.color).toBe("#44AA99");
    expect(merged.marker.size).toBe(9);
    // Symbols differ between the runs: still one per point, aligned with x (the gap included).
    expect(merged.marker.symbol).toEqual(["circle", "circle", "circle", "diamond"]);
    expect(merged.x).toEqual([1, 2, null, 5]);
  });

  it("groups runs by their key (first-seen order), runs in order within a group, legend only when asked", () => {
    const colours = ["red", "blue", "red", "blue", "red"];
    const traces = [0, 1, 2, 3, 4].map((i) => ({ x: [i], y: [i], customdata: [[`r${i}`, 1]], line: { color: colours[i] } }) as Trace);
    const groups = groupRunTraces(traces, (t) => (t.line as { color: string }).color, (key, n) => `${key} (${n})`);
    expect(groups.map((g) => [g.name, g.x, g.showlegend])).toEqual([["red (3)", [0, null, 2, null, 4], false], ["blue (2)", [1, null, 3], false]]);
    expect(groupRunTraces(traces, (t) => (t.line as { color: string }).color, (key) => key, true).map((g) => g.showlegend)).toEqual([true, true]);
  });

  it("the Pareto figure draws one trace per run up to the limit, one per run colour above it, with the same points", () => {
    const few = buildParetoFigure(runs(GROUP_RUNS_ABOVE), base);
    expect(few.grouped).toBe(false);
    expect(few.data).toHaveLength(GROUP_RUNS_ABOVE);
    const many = buildParetoFigure(runs(GROUP_RUNS_ABOVE + 1), base);
    expect(many.grouped).toBe(true);
    const picked = many.data.flatMap((t) => (t.customdata as ([string, number] | null)[]).filter(Boolean));
    expect(picked).toHaveLength(2 * (GROUP_RUNS_ABOVE + 1));
    // Each merged trace holds exactly the runs whose own (per-run) trace had its colour: one trace per colour used.
    const perRun = few.data.concat(buildParetoFigure(runs(GROUP_RUNS_ABOVE + 1).slice(GROUP_RUNS_ABOVE), base).data);
    const colourOf = new Map(perRun.map((t) => [(t.customdata as [string, number][])[0][0], (t.line as { color: string }).color]));
    expect(many.data).toHaveLength(new Set(colourOf.values()).size);
    for (const trace of many.data) {
      const dirs = new Set((trace.customdata as ([string, number] | null)[]).flatMap((c) => (c ? [c[0]] : [])));
      expect([...dirs].every((dir) => colourOf.get(dir) === (trace.line as { color: string }).color)).toBe(true);
    }
  });
});
