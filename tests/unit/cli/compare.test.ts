import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/temp-dir";

type RunSpec = [jobId: string, tag: string, points: [concurrency: number, outputTps: number, meanTpotMs: number][]];

/** Two 16-GPU runs: c8 at 1600 -> 1440 TPS (-10 %), c16 at 2400 -> 2640 (+10 %). */
async function logsDir(
  runs: RunSpec[] = [
    ["100", "base", [[8, 1600, 20], [16, 2400, 40]]],
    ["200", "cur", [[8, 1440, 20], [16, 2640, 40]]],
  ],
): Promise<string> {
  const logs = await tempDir("srtlog-compare-");
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

  it("stops the comparison where the baseline frontier falls below 5% of its peak, and says so", async () => {
    // Baseline frontier (TPS/User, TPS/GPU): (10, 200), (20, 100), (40, 0.5); candidate (10, 220), (40, 30).
    // The floor is 10 TPS/GPU, crossed at 20 + 20 * 90 / 99.5 = 38.09 TPS/User; at 40 the change would be +5900%.
    const logs = await logsDir([
      ["300", "base", [[64, 3200, 100], [32, 1600, 50], [8, 8, 25]]],
      ["400", "cur", [[64, 3520, 100], [8, 480, 25]]],
    ]);
    const text = srtlog("--logs", logs, "--baseline", "base", "--current", "cur");
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^8 +0\.50 +30\.00 +baseline < floor$/m);
    expect(text.stdout).toContain("(baseline < floor: below 5% of the baseline's largest value, where a % change means nothing)");
    expect(text.stdout).toContain("Δ% stops at 38.09 TPS/User: beyond it the baseline frontier falls below 5% of its peak (10.00 TPS/GPU), where a % change means nothing.");
    expect(text.stdout).not.toContain("5900");
    const json = JSON.parse(srtlog("--logs", logs, "--baseline", "base", "--current", "cur", "--json").stdout);
    expect(json.frontier.cutAt).toBeCloseTo(20 + (20 * 90) / 99.5, 9);
    expect(json.byConcurrency[0]).toMatchObject({ concurrency: 8, belowFloor: true, changePct: null });
  });
});
