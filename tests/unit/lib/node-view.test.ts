import { describe, expect, it } from "vitest";
import type { NodeBatches } from "@/lib/node-aggregate";
import { buildNodeLines, buildRateLines, foundNodesText, silentWorkerNotes, tallyWorkers, workerCounts } from "@/lib/node-view";
import { batchWorker } from "../../helpers/model-builders";

const worker = batchWorker;

const prefill = worker("cn01", "prefill", [
  [0, 0, { inputThroughput: 8000, tokenUsage: 0.25, queueReq: 2, inflightReq: 1 }],
  [0, 1, { inputThroughput: 6000, tokenUsage: 0.35, queueReq: 0, inflightReq: 3 }],
  [2, 0, { inputThroughput: 1000, tokenUsage: 0.5 }],
]);
const decode = worker("cn02", "decode", [
  [1, 0, { genThroughput: 900, runningReq: 10, preallocReq: 2, transferReq: 1, tokenUsage: 0.1 }],
  [2, 0, { genThroughput: 1100, runningReq: 12, preallocReq: 0, transferReq: 0, tokenUsage: 0.2 }],
]);

describe("buildNodeLines", () => {
  it("all nodes: one line per (role, metric), x in seconds from the run's first record, KV cache in %", () => {
    const { lines, stats } = buildNodeLines([prefill, decode], "all");
    expect(lines["prefill:inputThroughput"]).toEqual([{ label: "all nodes", x: [0, 2], y: [7000, 1000] }]);
    expect(lines["prefill:tokenUsage"]).toEqual([{ label: "all nodes", x: [0, 2], y: [30, 50] }]);
    expect(lines["decode:runningReq"]).toEqual([{ label: "all nodes", x: [1, 2], y: [10, 12] }]);
    expect(lines["decode:preallocReq"]).toEqual([{ label: "all nodes", x: [1, 2], y: [2, 0] }]);
    expect(lines["decode:genThroughput"]).toEqual([{ label: "all nodes", x: [1, 2], y: [900, 1100] }]);
    // Prefill's own queue only: decode rows never leak into a prefill chart.
    expect(lines["prefill:queueReq"]).toEqual([{ label: "all nodes", x: [0], y: [1] }]);
    expect(lines["agg:inputThroughput"]).toBeUndefined();
    expect(stats).toEqual({ lines: Object.values(lines).flat().length, downsampled: 0, largest: 2, budget: 1000 });
  });

  it("by DP rank and by node give one line per rank or worker", () => {
    expect(buildNodeLines([prefill, decode], "dp").lines["prefill:inputThroughput"].map((l) => l.label)).toEqual(["DP0", "DP1"]);
    const second = worker("cn03", "prefill", [[1, 0, { inputThroughput: 5 }]], "w1");
    expect(buildNodeLines([prefill, second, decode], "individual").lines["prefill:inputThroughput"].map((l) => l.label)).toEqual(["cn01-p-w0", "cn03-p-w1"]);
  });

  it("sum over nodes: each DP rank's value added up (the held DP1 at second 2 too); KV cache stays a mean, labelled so", () => {
    const { lines } = buildNodeLines([prefill, decode], "sum");
    // s0: DP0 8000 + DP1 6000; s2: DP0 1000 + DP1's 6000 from second 0, held.
    expect(lines["prefill:inputThroughput"]).toEqual([{ label: "sum over nodes", x: [0, 2], y: [14000, 7000] }]);
    expect(lines["prefill:queueReq"]).toEqual([{ label: "sum over nodes", x: [0], y: [2] }]);
    expect(lines["prefill:tokenUsage"]).toEqual([{ label: "all nodes (mean)", x: [0, 2], y: [30, 50] }]);
    expect(lines["decode:runningReq"]).toEqual([{ label: "sum over nodes", x: [1, 2], y: [10, 12] }]);
  });

  it("cuts long lines to the budget, keeping the peak, and counts what it cut", () => {
    const rows: [number, number, Record<string, number>][] = Array.from({ length: 5000 }, (_, s) => [s, 0, { genThroughput: s === 3333 ? 98_760 : 1000 + (s % 7) }]);
    const { lines, stats } = buildNodeLines([worker("d", "decode", rows)], "all", 100);
    const line = lines["decode:genThroughput"][0];
    expect(line.x.length).toBeLessThanOrEqual(100);
    expect(Math.max(...line.y)).toBe(98_760);
    expect(stats).toMatchObject({ lines: 1, downsampled: 1, largest: 5000, budget: 100 });
  });

  it("no timestamps, no lines", () => {
    const untimed = worker("x", "prefill", [[0, 0, { inputThroughput: 1 }]]);
    untimed.batches.ts[0] = NaN;
    expect(buildNodeLines([untimed], "all").lines).toEqual({});
  });
});

describe("buildRateLines", () => {
  it("tokens/s and requests/s (prefill / ISL, decode / OSL)", () => {
    const rate = buildRateLines([prefill, decode], 1000, 100)!;
    expect(rate.tokens.prefill).toEqual({ label: "prefill input", x: [0, 2], y: [7000, 1000] });
    expect(rate.tokens.decode).toEqual({ label: "decode generation", x: [1, 2], y: [900, 1100] });
    expect(rate.requests).toEqual({ prefill: { label: "prefill input", x: [0, 2], y: [7, 1] }, decode: { label: "decode generation", x: [1, 2], y: [9, 11] } });
  });

  it("requests/s needs ISL and OSL; an aggregated run has no rate match", () => {
    expect(buildRateLines([prefill, decode], null, 100)!.requests).toBeNull();
    const sum = buildRateLines([prefill, decode], 1000, 100, undefined, "sum")!;
    expect(sum.tokens.prefill.y).toEqual([14000, 7000]);
    expect(sum.requests).toEqual({ prefill: { label: "prefill input", x: [0, 2], y: [14, 7] }, decode: { label: "decode generation", x: [1, 2], y: [9, 11] } });
    expect(buildRateLines([worker("a", "agg", [[0, 0, { genThroughput: 1 }]])], 1, 1)).toBeNull();
  });
});

describe("notes and counts", () => {
  it("a worker without batch lines gets a note naming its files and the lines looked for", () => {
    const silent = { ...worker("b200-dgx-015", "decode", [], "w1"), files: ["logs/b200-dgx-015_decode_w1.out"] };
    expect(silentWorkerNotes([{ ...prefill, files: ["a.err"] }, silent])).toEqual([
      'decode worker b200-dgx-015 w1 logged no batch lines in logs/b200-dgx-015_decode_w1.out (looked for SGLang "Prefill batch, …" / "Decode batch, …" lines, TRT-LLM iteration stats or vLLM "Avg prompt throughput: …" lines).',
    ]);
  });

  it("counts workers by kind", () => {
    expect(workerCounts([prefill, decode, decode])).toEqual({ prefill: 1, decode: 2, agg: 0 });
  });
});

describe("tallyWorkers and foundNodesText", () => {
  it("counts workers per kind over runs, and says so naming only the kinds present", () => {
    const tally = tallyWorkers([{ counts: { prefill: 1, decode: 4, agg: 0 } }, { counts: { prefill: 0, decode: 0, agg: 8 } }, { counts: { prefill: 2, decode: 1, agg: 0 } }]);
    expect(tally).toEqual({ prefill: { workers: 3, runs: 2 }, decode: { workers: 5, runs: 2 }, agg: { workers: 8, runs: 1 } });
    expect(foundNodesText(tally, 3)).toBe("Found 3 prefill nodes, 5 decode nodes and 8 aggregated nodes in 3 runs");
    expect(foundNodesText(tallyWorkers([{ counts: { prefill: 1, decode: 0, agg: 0 } }]), 1)).toBe("Found 1 prefill node in 1 run");
    expect(foundNodesText(tallyWorkers([]), 2)).toBe("No worker nodes with logs in 2 runs");
  });
});
