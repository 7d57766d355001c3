import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/temp-dir";

/**
 * Two 8-GPU runs swept over concurrency; per point [concurrency, output TPS, mean TPOT ms, p99 TTFT ms].
 * TPS/GPU = TPS / 8 and TPS/User = 1000 / TPOT, so run 100 gives c8 100/GPU at 50/user, c16 200 at 40,
 * c32 300 at 25; run 200 has high TTFT everywhere.
 */
async function logsDir(): Promise<string> {
  const logs = await tempDir("srtlog-best-");
  const runs: [string, string, [number, number, number, number][]][] = [
    ["100", "fast", [[8, 800, 20, 200], [16, 1600, 25, 450], [32, 2400, 40, 900]]],
    ["200", "slow", [[8, 800, 20, 1200], [16, 1600, 25, 1500]]],
  ];
  for (const [jobId, tag, points] of runs) {
    const results = path.join(logs, jobId, "logs", "sa-bench_isl_1024_osl_1024");
    await mkdir(results, { recursive: true });
    const metadata = { version: "2.0", job_id: jobId, resources: { gpu_type: "h100", gpus_per_node: 8, agg_nodes: 1, agg_workers: 1 }, benchmark: { type: "sa-bench", isl: 1024, osl: 1024 }, tags: [tag] };
    await writeFile(path.join(logs, jobId, `${jobId}.json`), JSON.stringify(metadata));
    for (const [c, tps, tpot, ttft] of points) {
      await writeFile(path.join(results, `results_concurrency_${c}_gpus_8.json`), JSON.stringify({ max_concurrency: c, output_throughput: tps, mean_tpot_ms: tpot, p99_ttft_ms: ttft }));
    }
  }
  return logs;
}

const srtlog = (...args: string[]) => spawnSync(process.execPath, [path.resolve("bin/srtlog.mjs"), "best", ...args], { encoding: "utf8" });

describe("srtlog best", () => {
  it("prints per run the best TPS/GPU point meeting every constraint and what stops the next one", async () => {
    const logs = await logsDir();
    const result = srtlog("--logs", logs, "--max-ttft-p99", "500", "--min-tps-user", "30", "--json");
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.constraints).toBe("p99 TTFT ≤ 500 ms, TPS/User ≥ 30");
    const [fast, slow] = out.rows;
    expect(fast.best).toMatchObject({ runDir: "100", concurrency: 16, tpsPerGpu: 200, tpsPerUser: 40 });
    expect(fast.passing).toBe(2);
    expect(fast.binding).toBe("p99 TTFT 900 ms > 500 ms, TPS/User 25 < 30 (concurrency 32)");
    expect(slow.best).toBeNull();
    expect(slow.nearestMiss).toMatchObject({ concurrency: 8, failures: ["p99 TTFT 1200 ms > 500 ms"] });
  });

  it("text table, restricted to runs by tag; exit 1 when no point passes", async () => {
    const logs = await logsDir();
    const text = srtlog("--logs", logs, "--max-ttft-p99", "1000");
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("SLA: p99 TTFT ≤ 1000 ms");
    expect(text.stdout).toMatch(/100 \|.*\s32\s+300(\.00)?\s+25(\.00)?\s+3\/3\s+none \(highest throughput point passes\)/);
    const none = srtlog("--logs", logs, "--max-ttft-p99", "1000", "--tag", "slow");
    expect(none.status).toBe(1);
    expect(none.stdout).toContain("no point of 1 run(s) meets every constraint");
  });

  it("groups by tag like a grouped frontier", async () => {
    const logs = await logsDir();
    const out = JSON.parse(srtlog("--logs", logs, "--max-ttft-p99", "500", "--by", "tag", "--json").stdout);
    expect(out.rows.map((r: { name: string }) => r.name)).toEqual(["fast", "slow"]);
  });

  it("exit 2 with one line for a bad bound or grouping", async () => {
    const logs = await logsDir();
    for (const args of [["--max-ttft-p99", "-1"], ["--max-ttft-p95", "500"], ["--by", "node"], ["--run", "999"]]) {
      const result = srtlog("--logs", logs, ...args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
  });
});
