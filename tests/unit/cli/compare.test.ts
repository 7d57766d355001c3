import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/temp-dir";

/** Two 16-GPU runs: c8 at 1600 -> 1440 TPS (-10 %), c16 at 2400 -> 2640 (+10 %). */
async function logsDir(): Promise<string> {
  const logs = await tempDir("srtlog-compare-");
  const runs: [string, string, [number, number, number][]][] = [
    ["100", "base", [[8, 1600, 20], [16, 2400, 40]]],
    ["200", "cur", [[8, 1440, 20], [16, 2640, 40]]],
  ];
  for (const [jobId, tag, points] of runs) {
    const results = path.join(logs, jobId, "logs", "sa-bench_isl_1024_osl_1024");
    await mkdir(results, { recursive: true });
    const metadata = { version: "2.0", job_id: jobId, resources: { gpu_type: "h100", gpus_per_node: 8, prefill_nodes: 1, decode_nodes: 1, prefill_workers: 1, decode_workers: 1 }, benchmark: { type: "sa-bench", isl: 1024, osl: 1024 }, tags: [tag] };
    await writeFile(path.join(logs, jobId, `${jobId}.json`), JSON.stringify(metadata));
    for (const [c, tps, tpot] of points) {
      await writeFile(path.join(results, `results_concurrency_${c}_gpus_16.json`), JSON.stringify({ max_concurrency: c, output_throughput: tps, mean_tpot_ms: tpot }));
    }
  }
  return logs;
}

const srtlog = (...args: string[]) => spawnSync(process.execPath, [path.resolve("bin/srtlog.mjs"), "compare", ...args], { encoding: "utf8" });

describe("srtlog compare", () => {
  it("exit 1 when a drop exceeds the threshold, with the % changes in --json", async () => {
    const logs = await logsDir();
    const result = srtlog("--logs", logs, "--baseline", "base", "--current", "cur", "--json");
    expect(result.status).toBe(1);
    const out = JSON.parse(result.stdout);
    expect(out.byConcurrency.map((c: { concurrency: number; changePct: number }) => [c.concurrency, Math.round(c.changePct * 1000) / 1000])).toEqual([[8, -10], [16, 10]]);
    expect(out.frontier.overlap).toEqual([25, 50]);
    expect(out.regression).toBe(true);
  });

  it("exit 0 when every drop is within the threshold; job ids work like tags", async () => {
    const logs = await logsDir();
    const result = srtlog("--logs", logs, "--baseline", "100", "--current", "200", "--threshold", "15");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("no drop beyond 15%");
  });

  it("exit 2 with one line for an unknown tag or a bad metric", async () => {
    const logs = await logsDir();
    const unknown = srtlog("--logs", logs, "--baseline", "nope", "--current", "cur");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim()).toBe("srtlog compare: --baseline nope: no run has that job id or tag");
    const metric = srtlog("--logs", logs, "--baseline", "base", "--current", "cur", "--metric", "ttft");
    expect(metric.status).toBe(2);
    expect(metric.stderr.trim().split("\n")).toHaveLength(1);
  });
});
