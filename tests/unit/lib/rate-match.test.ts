import { describe, expect, it } from "vitest";
import { gpuSplit, rateCombineNote, rateMatchFacts } from "@/lib/rate-match";
import { makeRun } from "./charts/make-run";

describe("rateMatchFacts", () => {
  it("prefill and decode nodes, GPU split with its ratio, ISL/OSL", () => {
    expect(rateMatchFacts(makeRun(), { prefill: 1, decode: 4, agg: 0 })).toEqual([
      { title: "Prefill Nodes", value: "1" },
      { title: "Decode Nodes", value: "4" },
      { title: "GPU Split", value: "8 / 32 GPUs (1 : 4)" },
      { title: "ISL/OSL", value: "1024/1024" },
    ]);
  });

  it("says when workers share nodes, and what it does not know", () => {
    const shared = makeRun({ meta: { prefillNodes: 2, decodeNodes: 0, prefillWorkers: 6, decodeWorkers: 2, gpusPerPrefill: 2, gpusPerDecode: 2 } });
    expect(rateMatchFacts(shared, { prefill: 6, decode: 2, agg: 0 }).map((f) => f.value)).toEqual(["2 (6 workers)", "0 (2 workers)", "12 / 4 GPUs (3 : 1)", "1024/1024"]);
    expect(gpuSplit(null, 8)).toBe("? / 8 GPUs");
  });
});

describe("rateCombineNote", () => {
  it("says whether the lines are per-node averages or the cluster's totals over how many nodes", () => {
    expect(rateCombineNote("sum", { prefill: 1, decode: 2 })).toBe("Totals: prefill input summed over 1 prefill node, decode generation over 2 decode nodes; their ratio is the cluster's.");
    expect(rateCombineNote("mean", { prefill: 1, decode: 2 })).toBe("Each line is the per-second average over its role's nodes: compare capacity per node.");
  });
});
