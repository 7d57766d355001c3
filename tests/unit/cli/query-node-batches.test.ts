import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NodeAnalyzer } from "@/lib/server/node-analyzer";
import { generateWorkerLogs } from "@/scripts/bench/generate-worker-logs";
import { tempDir } from "../../helpers/temp-dir";

// `srtlog query --logs DIR` ingests into a temporary dataset; worker logs are parsed only when the SQL
// names node_batches, and then every batch line of the logs is a row.
const BIN = path.resolve("bin/srtlog.mjs");
const ENV = { ...process.env, SRTLOG_LOGS_DIR: "", SRTLOG_DATASET: "" };

describe("srtlog query --logs over node_batches", () => {
  it("counts every batch line the node parser finds", async () => {
    const logs = await tempDir("srtlog-qnodes-");
    await generateWorkerLogs(path.join(logs, "5200001"), { workers: 2, linesPerWorker: 300 });
    const nodes = await new NodeAnalyzer().parseRunLogs(path.join(logs, "5200001"), { cache: false });
    const batches = nodes.reduce((n, node) => n + node.batches.length, 0);
    expect(batches).toBeGreaterThan(50);
    const sql = "SELECT count(*)::INTEGER AS n, count(DISTINCT node)::INTEGER AS nodes FROM node_batches";
    const result = spawnSync(process.execPath, [BIN, "query", sql, "--logs", logs, "--format", "json"], { encoding: "utf8", env: ENV });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual([{ n: batches, nodes: new Set(nodes.map((node) => node.node)).size }]);
  });
});
