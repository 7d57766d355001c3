import { describe, expect, it } from "vitest";
import { topologyLabel, totalGpusOf } from "@/lib/topology";
import type { RunMetadata } from "@/lib/model";
import { blankMetadata as meta } from "../../helpers/model-builders";


describe("totalGpusOf", () => {
  it("nodes x gpus_per_node (v1 1P/4D on 8-GPU nodes = 40)", () => {
    expect(totalGpusOf(meta({ prefillNodes: 1, decodeNodes: 4, prefillWorkers: 1, decodeWorkers: 4, gpusPerNode: 8 }))).toBe(40);
  });

  it("aggregated nodes x gpus_per_node (2 x 8 = 16)", () => {
    expect(totalGpusOf(meta({ mode: "aggregated", aggNodes: 2, aggWorkers: 8, gpusPerNode: 8 }))).toBe(16);
  });

  it("one node carrying two prefill workers still counts the node once (1+2 nodes x 4 = 12)", () => {
    expect(totalGpusOf(meta({ prefillNodes: 1, decodeNodes: 2, prefillWorkers: 2, decodeWorkers: 2, gpusPerNode: 4 }))).toBe(12);
  });

  it("per-role GPUs x workers when given, with decode_nodes 0 and decode_workers 2 (2x4 + 2x2 = 12, not 2 nodes x 8)", () => {
    const m = meta({
      gpusPerNode: 8,
      prefillNodes: 2,
      decodeNodes: 0,
      prefillWorkers: 4,
      decodeWorkers: 2,
      gpusPerPrefill: 2,
      gpusPerDecode: 2,
    });
    expect(totalGpusOf(m)).toBe(12);
  });

  it("per-role aggregated GPUs x workers (2 workers x 2 GPUs = 4, not 1 node x 8)", () => {
    expect(totalGpusOf(meta({ mode: "aggregated", aggNodes: 1, gpusPerNode: 8, aggWorkers: 2, gpusPerAgg: 2 }))).toBe(4);
  });

  it.each([
    ["everything unknown", {}],
    ["nodes known, gpus_per_node unknown", { prefillNodes: 1, decodeNodes: 4 }],
    ["gpus_per_node known, no nodes", { gpusPerNode: 8 }],
    ["gpus_per_node known, all node counts 0", { gpusPerNode: 8, prefillNodes: 0, decodeNodes: 0, aggNodes: 0 }],
    ["per-role GPUs without workers", { gpusPerPrefill: 4, gpusPerDecode: 4 }],
    ["workers without per-role GPUs or nodes", { prefillWorkers: 1, decodeWorkers: 2 }],
  ] as [string, Partial<RunMetadata>][])("%s -> null", (_name, overrides) => {
    expect(totalGpusOf(meta(overrides))).toBeNull();
  });

  it("is unknown (null) when one role's workers are known but its GPUs per worker are not", () => {
    // Prefill: 1 worker x 4 GPUs; decode: 2 workers x ? GPUs, no node counts to fall back on.
    expect(totalGpusOf(meta({ gpusPerPrefill: 4, prefillWorkers: 1, decodeWorkers: 2 }))).toBeNull();
  });
});

describe("topologyLabel", () => {
  it("1P/4D from workers", () => {
    expect(topologyLabel(meta({ prefillWorkers: 1, decodeWorkers: 4, prefillNodes: 1, decodeNodes: 4 }))).toBe("1P/4D");
  });

  it("workers win over nodes (2 prefill workers on 1 node, decode on 0 nodes)", () => {
    expect(topologyLabel(meta({ prefillWorkers: 2, decodeWorkers: 2, prefillNodes: 1, decodeNodes: 0 }))).toBe("2P/2D");
  });

  it("falls back to nodes when workers are unknown", () => {
    expect(topologyLabel(meta({ prefillNodes: 1, decodeNodes: 4 }))).toBe("1P/4D");
  });

  it("? for unknown counts", () => {
    expect(topologyLabel(meta({}))).toBe("?P/?D");
    expect(topologyLabel(meta({ prefillWorkers: 3 }))).toBe("3P/?D");
  });

  it("8A from agg_workers", () => {
    expect(topologyLabel(meta({ mode: "aggregated", aggWorkers: 8, aggNodes: 2 }))).toBe("8A");
  });

  it("8A from agg_nodes when agg_workers is unknown", () => {
    expect(topologyLabel(meta({ mode: "aggregated", aggNodes: 8 }))).toBe("8A");
  });

  it("?A when aggregated and nothing is known", () => {
    expect(topologyLabel(meta({ mode: "aggregated" }))).toBe("?A");
  });
});
