import { describe, expect, it } from "vitest";
import { firstTimestamp, metricSeries, rateMatch, sumOfAll, type NodeBatches } from "@/lib/node-aggregate";
import { batchWorker, T0 } from "../../helpers/model-builders";

/** A node with one metric, rows [seconds after T0, dp rank, value]. */
function node(name: string, workerType: NodeBatches["workerType"], metric: string, rows: [number, number, number][]): NodeBatches {
  return batchWorker(name, workerType, rows.map(([s, dp, value]) => [s, dp, { [metric]: value }]));
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

describe("sum over nodes", () => {
  const worker = (name: string, role: NodeBatches["workerType"], id: string, rows: [number, number, number][]) =>
    batchWorker(name, role, rows.map(([sec, dp, value]) => [sec, dp, { x: value }]), id);
  // w0: 100 and 300 in second 0 (mean 200), 50 in second 1. w1: 1000 at 0, 400 at 3. w2: DP0 10 and DP1 20 at 1.
  const w0 = worker("n1", "prefill", "w0", [[0, 0, 100], [0.4, 0, 300], [1, 0, 50]]);
  const w1 = worker("n2", "prefill", "w1", [[0, 0, 1000], [3, 0, 400]]);
  const w2 = worker("n3", "prefill", "w2", [[1, 0, 10], [1, 1, 20]]);

  it("adds each worker's (and DP rank's) mean of the second; a silent worker counts at its last value for 5 s", () => {
    // s0: 200 + 1000; s1: 50 + 1000 (held) + 10 + 20; s3: 50 (held) + 400 + 10 + 20 (held).
    expect(metricSeries([w0, w1, w2], "x", "sum")).toEqual([{ label: "sum over nodes", x: [0, 1, 3], y: [1200, 1080, 480] }]);
    // Without holding, only the workers that logged in the second: s1 50 + 10 + 20, s3 400.
    expect(sumOfAll([w0, w1, w2], "x", T0, 1)).toEqual({ x: [0, 1, 3], y: [1200, 80, 400] });
  });

  it("a worker that stops logging (idle) drops out after 5 s", () => {
    const late = worker("n4", "prefill", "w3", [[0, 0, 7], [6, 0, 9]]);
    // s0: 200 + 1000 + 7; s1: 50 + 1000 + 7 (held); s3: 50 + 400 + 7 (held); s6: w0 at 1 is 5 s old (out), w1 at 3 held: 400 + 9.
    expect(sumOfAll([w0, w1, late], "x", T0)).toEqual({ x: [0, 1, 3, 6], y: [1207, 1057, 457, 409] });
  });

  it("rows of one worker's DP rank on two nodes (TP ranks printing the same line) count once", () => {
    const halfA = worker("n5", "decode", "w0", [[0, 0, 100]]);
    const halfB = worker("n6", "decode", "w0", [[0, 0, 300]]);
    const other = worker("n7", "decode", "w1", [[0, 0, 50]]);
    expect(metricSeries([halfA, halfB, other], "x", "sum")[0].y).toEqual([250]);
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

  it("sum over nodes: a 1P2D run compares one prefill worker with both decode workers' total", () => {
    const p0 = node("p0", "prefill", "inputThroughput", [[0, 0, 8000], [1, 0, 6000]]);
    const d0 = batchWorker("d0", "decode", [[0, 0, { genThroughput: 900 }], [1, 0, { genThroughput: 1100 }]], "w0");
    const d1 = batchWorker("d1", "decode", [[0, 0, { genThroughput: 1000 }], [1, 0, { genThroughput: 1000 }]], "w1");
    expect(rateMatch([p0, d0, d1])!.decode.y).toEqual([950, 1050]);
    const sum = rateMatch([p0, d0, d1], "tokens/s", null, null, "sum")!;
    expect(sum.prefill.y).toEqual([8000, 6000]);
    expect(sum.decode).toEqual({ label: "decode generation", x: [0, 1], y: [1900, 2100] });
    const requests = rateMatch([p0, d0, d1], "requests/s", 1000, 100, "sum")!;
    expect(requests.prefill.y).toEqual([8, 6]);
    expect(requests.decode.y).toEqual([19, 21]);
  });

  it("is not applicable to aggregated runs or without ISL/OSL for requests", () => {
    expect(rateMatch([node("x", "agg", "genThroughput", [[0, 0, 1]])])).toBeNull();
    expect(rateMatch([...prefill, ...decode], "requests/s", null, 100)).toBeNull();
  });
});

/** The straightforward definition: collect (second, value) pairs in row order and average per second. */
function referenceSeries(nodes: NodeBatches[], metric: string, keyOf: (n: number, i: number) => number, t0: number): Map<number, { x: number[]; y: number[] }> {
  const groups = new Map<number, Map<number, number[]>>();
  nodes.forEach(({ batches }, n) => {
    const column = batches.metrics[metric];
    for (let i = 0; column && i < batches.length; i++) {
      if (Number.isNaN(column[i]) || Number.isNaN(batches.ts[i])) continue;
      const seconds = groups.get(keyOf(n, i)) ?? new Map<number, number[]>();
      groups.set(keyOf(n, i), seconds);
      const second = Math.floor((batches.ts[i] - t0) / 1000);
      seconds.set(second, [...(seconds.get(second) ?? []), column[i]]);
    }
  });
  return new Map(
    [...groups].map(([key, seconds]) => {
      const x = [...seconds.keys()].sort((a, b) => a - b);
      return [key, { x, y: x.map((s) => seconds.get(s)!.reduce((a, b) => a + b, 0) / seconds.get(s)!.length) }];
    }),
  );
}

describe("metricSeries on many rows", () => {
  // A deterministic mess: interleaved DP ranks, missing values and timestamps, several rows per second.
  const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const next = random(7);
  const nodes = ["n1", "n2", "n3"].map((name) => {
    const rows: [number, number, number][] = Array.from({ length: 2000 }, (_, i) => [i * 0.37 + next() * 3, Math.floor(next() * 4), next() < 0.1 ? NaN : Math.round(next() * 1000)]);
    const n = node(name, "decode", "runningReq", rows);
    n.batches.ts[5] = NaN;
    return n;
  });
  const t0 = firstTimestamp(nodes)!;
  const closeTo = (actual: { x: number[]; y: number[] }, expected: { x: number[]; y: number[] }) => {
    expect(actual.x).toEqual(expected.x);
    actual.y.forEach((v, i) => expect(v).toBeCloseTo(expected.y[i], 9));
  };

  it("matches the plain per-second average in every mode", () => {
    const all = metricSeries(nodes, "runningReq", "all");
    closeTo(all[0], referenceSeries(nodes, "runningReq", () => 0, t0).get(0)!);
    const individual = metricSeries(nodes, "runningReq", "individual");
    const expectedIndividual = referenceSeries(nodes, "runningReq", (n) => n, t0);
    expect(individual.map((s) => s.label)).toEqual(["n1-d-w0", "n2-d-w0", "n3-d-w0"]);
    individual.forEach((s, n) => closeTo(s, expectedIndividual.get(n)!));
    const dp = metricSeries(nodes, "runningReq", "dp");
    const expectedDp = referenceSeries(nodes, "runningReq", (n, i) => nodes[n].batches.dp[i], t0);
    expect(dp.map((s) => s.label)).toEqual(["DP0", "DP1", "DP2", "DP3"]);
    dp.forEach((s, rank) => closeTo(s, expectedDp.get(rank)!));
  });
});

describe("metricSeries over a bad clock", () => {
  it("a record months after the others still lands in its own second", () => {
    const days = 86_400;
    const n = node("a", "prefill", "queueReq", [[0, 0, 1], [0.5, 0, 3], [100 * days, 0, 7]]);
    expect(metricSeries([n], "queueReq", "all")).toEqual([{ label: "all nodes", x: [0, 100 * days], y: [2, 7] }]);
  });
});

describe("pipeline-parallel copies", () => {
  /** A prefill worker whose rows are [seconds, pp rank, input throughput]. */
  function pipelined(rows: [number, number, number][]): NodeBatches {
    const worker = node("nvl72d068-T01", "prefill", "inputThroughput", rows.map(([s, , value]) => [s, 0, value]));
    worker.batches.pp.set(rows.map(([, pp]) => pp));
    return worker;
  }

  it("a batch every PP rank printed counts once: PP0's copy (srt-slurm test_renderer_deduplicates_pipeline_prefill...)", () => {
    // PP1 prints the same batches later in the pipeline; its values must not pull the means.
    const worker = pipelined([[0, 0, 100], [0, 1, 40], [1, 0, 200], [1, 1, 60]]);
    expect(metricSeries([worker], "inputThroughput", "all")).toEqual([{ label: "all nodes", x: [0, 1], y: [100, 200] }]);
    expect(metricSeries([worker], "inputThroughput", "individual")[0].y).toEqual([100, 200]);
    expect(rateMatch([worker, node("d", "decode", "genThroughput", [[0, 0, 5]])])!.prefill.y).toEqual([100, 200]);
  });

  it("a worker with one PP rank, or without PP0, keeps every row", () => {
    expect(metricSeries([pipelined([[0, 1, 100], [0, 1, 40]])], "inputThroughput", "all")[0].y).toEqual([70]);
    expect(metricSeries([pipelined([[0, 0, 100], [0, 0, 40]])], "inputThroughput", "all")[0].y).toEqual([70]);
  });
});
