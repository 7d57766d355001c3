import { describe, expect, it } from "vitest";
import { logTopology, reconcileTopology } from "@/lib/log-topology";
import { gpuSplit, rateCombineNote, rateMatchFacts } from "@/lib/rate-match";
import { makeRun } from "./charts/make-run";

const workers = (...specs: [string, "prefill" | "decode" | "agg"][]) => logTopology(specs.map(([node, workerType]) => ({ node, workerType })));

describe("rateMatchFacts", () => {
  it("prefill and decode nodes, GPU split with its ratio, ISL/OSL", () => {
    const run = makeRun();
    const logs = workers(["cn01", "prefill"], ["cn02", "decode"], ["cn03", "decode"], ["cn04", "decode"], ["cn05", "decode"]);
    expect(rateMatchFacts(run, reconcileTopology(run.metadata, logs).roles)).toEqual([
      { title: "Prefill Nodes", value: "1" },
      { title: "Decode Nodes", value: "4" },
      { title: "GPU Split", value: "8 prefill / 32 decode GPUs (1 : 4)" },
      { title: "ISL/OSL", value: "1024/1024" },
    ]);
  });

  it("says when workers share nodes, and what it does not know", () => {
    const shared = makeRun({ meta: { prefillNodes: 2, decodeNodes: 2, prefillWorkers: 6, decodeWorkers: 2, gpusPerPrefill: 2, gpusPerDecode: 2 } });
    const logs = workers(...[0, 1, 2].map((): [string, "prefill"] => ["a", "prefill"]), ...[0, 1, 2].map((): [string, "prefill"] => ["b", "prefill"]), ["a", "decode"], ["b", "decode"]);
    expect(rateMatchFacts(shared, reconcileTopology(shared.metadata, logs).roles).map((f) => f.value)).toEqual(["2 (6 workers)", "2", "12 prefill / 4 decode GPUs (3 : 1)", "1024/1024"]);
    expect(gpuSplit(null, 8)).toBe("? prefill / 8 decode GPUs");
  });
});

describe("rateCombineNote", () => {
  it("says whether the lines are per-node averages or the cluster's totals over how many nodes", () => {
    expect(rateCombineNote("sum", { prefill: 1, decode: 2 })).toBe("Totals: prefill input summed over 1 prefill node, decode generation over 2 decode nodes; their ratio is the cluster's.");
    expect(rateCombineNote("mean", { prefill: 1, decode: 2 })).toBe("Each line is the per-second average over its role's nodes: compare capacity per node.");
  });
});

describe("reconcileTopology (issue 20 item 3)", () => {
  // vLLM 1P2D: metadata prefill_nodes 2 / decode_nodes 0; logs: prefill w0 on n1, decode w0 on n1, decode w1 on n2.
  const run = makeRun({ meta: { prefillNodes: 2, decodeNodes: 0, prefillWorkers: 1, decodeWorkers: 2 } });
  const logs = workers(["n1", "prefill"], ["n1", "decode"], ["n2", "decode"]);

  it("shows what the logs prove (decode on 2 nodes), not the metadata's 0, and flags it in one line", () => {
    const topo = reconcileTopology(run.metadata, logs);
    expect(rateMatchFacts(run, topo.roles).slice(0, 2).map((f) => f.value)).toEqual(["2 (1 worker)", "2"]);
    expect(topo.conflict).toBe("Metadata says 0 decode nodes; the worker logs show 2 decode workers on 2 nodes (n1, n2). Counts here follow the logs.");
    expect(topo.sharedNodes).toEqual(["n1"]);
  });

  it("a worker count the logs contradict is flagged too; fewer nodes in the logs than in the metadata is not (leader-only logs)", () => {
    const topo = reconcileTopology(makeRun({ meta: { prefillNodes: 2, decodeNodes: 2, prefillWorkers: 1, decodeWorkers: 3 } }).metadata, logs);
    expect(topo.conflict).toBe("Metadata says 3 decode workers; the worker logs show 2 decode workers on 2 nodes (n1, n2). Counts here follow the logs.");
    expect(topo.roles.prefill).toEqual({ nodes: 2, workers: 1 });
  });

  it("no logs: the metadata as it is, no conflict", () => {
    expect(reconcileTopology(run.metadata, workers())).toEqual({ roles: { prefill: { nodes: 2, workers: 1 }, decode: { nodes: 0, workers: 2 }, agg: { nodes: null, workers: null } }, sharedNodes: [], conflict: null });
  });
});
