import path from "node:path";
import { describe, expect, it } from "vitest";
import { datasetNodeSource } from "@/lib/server/dataset/dataset-loader";
import { keptNodeBatchColumns } from "@/lib/server/dataset/tables/node-batches";
import { listPartitions, readManifest } from "@/lib/server/dataset/store";
import { partitionDir, writePartition } from "@/lib/server/dataset/store";
import type { TableRow } from "@/lib/server/dataset/schema";
import { tempDir } from "../../../../helpers/temp-dir";

// A run's node_batches rows are read by its row range (runs lie contiguous, in manifest order); rows
// written in another order still come back whole, by filtering the file.
const batch = (runKey: string, node: string, line: number): TableRow => ({
  run_key: runKey, node, worker_type: "decode", worker_id: "w0", batch_type: "decode", timestamp: 1_000 + line, line, dp: 0, tp: 0, ep: 0, pp: 0, running_req: line,
});
const origin = (dataset: string, runKey: string) => ({ dataset, runKey, cluster: "c", month: "2026-12" });

async function partitionOf(rows: TableRow[], order: string[]): Promise<string> {
  const dataset = await tempDir("srtlog-nbread-");
  const dir = partitionDir(dataset, "node_batches", "c", "2026-12");
  const runs = Object.fromEntries(order.map((key) => [key, { fingerprint: `f-${key}`, rows: rows.filter((row) => row.run_key === key).length }]));
  await writePartition({ table: "node_batches", cluster: "c", month: "2026-12", dir }, rows, runs, null);
  return dataset;
}

const lines = async (dataset: string, runKey: string) => {
  const nodes = await datasetNodeSource(origin(dataset, runKey))!.load();
  return nodes.map((node) => [node.node, Array.from(node.batches.line), Array.from(node.batches.metrics.runningReq)]);
};

describe("datasetNodeSource", () => {
  it("reads each run's own rows from a partition of several runs", async () => {
    const rows = [batch("c/1", "n1", 1), batch("c/1", "n1", 2), batch("c/2", "n2", 7), batch("c/2", "n3", 8), batch("c/2", "n2", 9), batch("c/3", "n4", 4)];
    const dataset = await partitionOf(rows, ["c/1", "c/2", "c/3"]);
    expect(await lines(dataset, "c/2")).toEqual([["n2", [7, 9], [7, 9]], ["n3", [8], [8]]]);
    expect(await lines(dataset, "c/3")).toEqual([["n4", [4], [4]]]);
    expect(await lines(dataset, "c/1")).toEqual([["n1", [1, 2], [1, 2]]]);
    expect(datasetNodeSource(origin(dataset, "c/9"))).toBeNull();
  });

  it("rows not in manifest order: still the run's rows, by filtering", async () => {
    const rows = [batch("c/2", "n2", 7), batch("c/1", "n1", 1), batch("c/2", "n2", 9)];
    const dataset = await partitionOf(rows, ["c/1", "c/2"]);
    expect(await lines(dataset, "c/1")).toEqual([["n1", [1], [1]]]);
    expect(await lines(dataset, "c/2")).toEqual([["n2", [7, 9], [7, 9]]]);
  });

  it("a re-ingest keeps the other runs' rows column by column, nulls and all, without the dropped run's", async () => {
    const rows = [batch("c/1", "n1", 1), { ...batch("c/2", "n2", 7), running_req: null, timestamp: null }, batch("c/3", "n4", 4), batch("c/1", "n1", 2)];
    const dataset = await partitionOf(rows, ["c/1", "c/2", "c/3"]);
    const [partition] = listPartitions(dataset, "node_batches");
    const manifest = readManifest(partition)!;
    const kept = await keptNodeBatchColumns(path.join(partition.dir, manifest.file!), manifest.rows, new Set(["c/3"]));
    expect(kept.run_key).toEqual(["c/1", "c/2", "c/1"]);
    expect(kept.line).toEqual([1, 7, 2]);
    expect(kept.running_req).toEqual([1, null, 2]);
    expect(kept.timestamp).toEqual([1001, null, 1002]);
    expect(kept.gen_throughput).toEqual([null, null, null]);
    expect(kept.extra_metrics).toEqual([null, null, null]);
  });
});
