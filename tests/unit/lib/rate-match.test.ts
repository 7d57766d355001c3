import { describe, expect, it } from "vitest";
import { gpuSplit, rateMatchFacts } from "@/lib/rate-match";
import { makeRun } from "./charts/make-run";

describe("rateMatchFacts", () => {
  it("prefill and decode nodes, GPU split with its ratio, ISL/OSL", () => {
    expect(rateMatchFacts(makeRun(), { prefill: 1, decode: 4, agg: 0 })).toEqual([
      { title: "Prefill Nodes", value: "1" },
      { title: "Decode Nodes", value: "4" },
      { title: "GPU Split", value: "8 prefill / 32 decode GPUs (1 : 4)" },
      { title: "ISL/OSL", value: "1024/1024" },
    ]);
  });

  it("says when workers share nodes, and what it does not know", () => {
    const shared = makeRun({ meta: { prefillNodes: 2, decodeNodes: 0, prefillWorkers: 6, decodeWorkers: 2, gpusPerPrefill: 2, gpusPerDecode: 2 } });
    expect(rateMatchFacts(shared, { prefill: 6, decode: 2, agg: 0 }).map((f) => f.value)).toEqual(["2 (6 workers)", "0 (2 workers)", "12 prefill / 4 decode GPUs (3 : 1)", "1024/1024"]);
    expect(gpuSplit(null, 8)).toBe("? prefill / 8 decode GPUs");
  });
});
