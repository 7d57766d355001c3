import { describe, expect, it } from "vitest";
import { firstTimestamp, metricSeries, rateMatch, type NodeBatches } from "@/lib/node-aggregate";
import type { BatchTable } from "@/parsers/worker-log/batch-table";

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

/** A node whose rows are [seconds after T0, dp rank, metric value]. */
function node(name: string, workerType: NodeBatches["workerType"], metric: string, rows: [number, number, number][]): NodeBatches {
  const batches: BatchTable = {
    length: rows.length,
    ts: Float64Array.from(rows.map(([s]) => T0 + s * 1000)),
    line: Int32Array.from(rows.map((_, i) => i + 1)),
    dp: Int32Array.from(rows.map(([, dp]) => dp)),
    tp: Int32Array.from(rows.map(([, dp]) => dp)),
    ep: new Int32Array(rows.length),
    batchType: new Uint8Array(rows.length).fill(workerType === "decode" ? 1 : 0),
    metrics: { [metric]: Float64Array.from(rows.map(([, , v]) => v)) },
  };
  return { node: name, workerType, workerId: "w0", batches };
}

describe("metricSeries", () => {
  const a = node("a", "prefill", "inputThroughput", [[0, 0, 100], [0.5, 1, 300], [2, 0, 50]]);
  const b = node("b", "prefill", "inputThroughput", [[0, 0, 200], [2, 1, NaN], [3, 1, 80]]);

  it("individual: one line per node, values in the same second averaged", () => {
    expect(metricSeries([a, b], "inputThroughput", "individual")).toEqual([
      { label: "a-p-w0", x: [0, 2], y: [200, 50] },
      { label: "b-p-w0", x: [0, 3], y: [200, 80] },
    ]);
  });

  it("dp: one line per DP rank across nodes", () => {
    expect(metricSeries([a, b], "inputThroughput", "dp")).toEqual([
      { label: "DP0", x: [0, 2], y: [150, 50] },
      { label: "DP1", x: [0, 3], y: [300, 80] },
    ]);
  });

  it("all: one averaged line for the run; NaN is never a value", () => {
    expect(metricSeries([a, b], "inputThroughput", "all")).toEqual([{ label: "all nodes", x: [0, 2, 3], y: [200, 50, 80] }]);
  });

  it("no timestamps or no such metric: no lines", () => {
    expect(metricSeries([], "inputThroughput", "all")).toEqual([]);
    expect(metricSeries([a], "genThroughput", "individual")).toEqual([]);
    expect(firstTimestamp([a, b])).toBe(T0);
  });
});

describe("rateMatch", () => {
  const prefill = [node("p0", "prefill", "inputThroughput", [[0, 0, 8000], [1, 0, 6000]]), node("p1", "prefill", "inputThroughput", [[0, 0, 4000]])];
  const decode = [node("d0", "decode", "genThroughput", [[0, 0, 900], [1, 0, 1100]])];

  it("prefill input vs decode generation, averaged per node and second", () => {
    const match = rateMatch([...prefill, ...decode])!;
    expect(match.prefill).toEqual({ label: "prefill input", x: [0, 1], y: [6000, 6000] });
    expect(match.decode).toEqual({ label: "decode generation", x: [0, 1], y: [900, 1100] });
  });

  it("as requests/s: prefill tokens / ISL, decode tokens / OSL", () => {
    const match = rateMatch([...prefill, ...decode], "requests/s", 1000, 100)!;
    expect(match.prefill.y).toEqual([6, 6]);
    expect(match.decode.y).toEqual([9, 11]);
  });

  it("is not applicable to aggregated runs or without ISL/OSL for requests", () => {
    expect(rateMatch([node("x", "agg", "genThroughput", [[0, 0, 1]])])).toBeNull();
    expect(rateMatch([...prefill, ...decode], "requests/s", null, 100)).toBeNull();
  });
});
