import { cp, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { queryDataset } from "@/lib/server/dataset/duckdb";
import { ingest } from "@/lib/server/dataset/ingest";
import { tempDir } from "../../../../helpers/temp-dir";

// A run with more batch lines than a function may take arguments (about 125,000 here) ingests whole:
// its node_batches rows were once appended with push(...rows), which threw "Maximum call stack size exceeded".
const LINES = 150_000;

describe("ingest of a run with many batch lines", () => {
  it("writes every line to node_batches", async () => {
    const logs = await tempDir("srtlog-bigrun-");
    const run = path.join(logs, "4401463");
    await cp(path.resolve("tests/fixtures/loader/current-v2-logs-layout/logs/4401463"), run, { recursive: true });
    // The fixture's own line form, one second apart (a minute, hour, day rolls over as time does).
    const start = Date.UTC(2026, 0, 20, 9, 20, 11);
    const line = (i: number) => `[${new Date(start + i * 1000).toISOString().slice(0, 19).replace("T", " ")} DP0 TP0 EP0] Decode batch, #running-req: ${i % 50}, #token: 14000, token usage: 0.10, gen throughput (token/s): 600.00, #queue-req: 0\n`;
    await writeFile(path.join(run, "logs", "eos0101_decode_w0.out"), Array.from({ length: LINES }, (_, i) => line(i)).join(""));
    const dataset = path.join(await tempDir("srtlog-bigrun-ds-"), "dataset");
    const summary = await ingest({ dataset, logsDirs: [logs], cluster: "big", progress: () => {} });
    expect(summary.added).toEqual(["big/4401463"]);
    const [row] = (await queryDataset(dataset, "SELECT count(*)::INTEGER AS n, sum(running_req)::BIGINT AS req FROM node_batches", () => {})).rows;
    // sum of i % 50 over i < 150,000: 3,000 full cycles of 0..49 (1,225 each).
    expect(row).toEqual({ n: LINES, req: String(3000 * 1225) });
  });
});
