import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { POWER_SAMPLES_HEADER } from "@/parsers/power/samples";
import { tempDir } from "../../helpers/temp-dir";

const BIN = path.resolve("bin/srtlog.mjs");
const srtlog = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, SRTLOG_LOGS_DIR: "" } });

/** Two runs: 4420002 with power records (4 GPUs at 250 W for t = 0..20), 4420003 without. */
async function logsWithPower(): Promise<string> {
  const logs = await tempDir();
  for (const job of ["4420002", "4420003"]) {
    const results = path.join(logs, job, "logs", "sa-bench_isl_1024_osl_1024");
    await mkdir(results, { recursive: true });
    const metadata = { job_id: job, generated_at: "2026-01-02 03:04:05", backend_type: "sglang", resources: { gpu_type: "gb200", gpus_per_node: 4, agg_nodes: 1, agg_workers: 1 }, benchmark: { type: "sa-bench", isl: 1024, osl: 1024 } };
    await writeFile(path.join(logs, job, `${job}.json`), JSON.stringify(metadata));
    await writeFile(path.join(results, "results_concurrency_8_gpus_4.json"), JSON.stringify({ max_concurrency: 8, output_throughput: 400, total_output_tokens: 5000, duration: 10 }));
  }
  const power = path.join(logs, "4420002", "logs", "power");
  await mkdir(path.join(power, "windows"), { recursive: true });
  const lines = [POWER_SAMPLES_HEADER];
  for (let t = 0; t <= 20; t++) for (let gpu = 0; gpu < 4; gpu++) lines.push(`1,${1000 + t},${t},node1,${gpu},GPU-${gpu},250`);
  lines.push("1,oops,99,node1,0,GPU-0,250");
  await writeFile(path.join(power, "samples.csv"), lines.join("\n") + "\n");
  await writeFile(path.join(power, "manifest.json"), JSON.stringify({ schema_version: 1, producer: "srt-slurm.dcgm-power" }));
  const window = { schema_version: 1, clock_source: "head_node_unix_clock", benchmark_type: "sa-bench", concurrency: 8, result_path: "sa-bench_isl_1024_osl_1024/results_concurrency_8_gpus_4.json", status: "completed", benchmark_start_time_unix: 1005, benchmark_end_time_unix: 1015, duration: 10, reason: null };
  await writeFile(path.join(power, "windows", "results_concurrency_8_gpus_4.json"), JSON.stringify(window));
  return logs;
}

describe("energy in srtlog runs --json and export", () => {
  it("carries per-point energy, or 'no power data', and the records' warnings", async () => {
    const result = srtlog("runs", "--logs", await logsWithPower(), "--json");
    expect(result.status).toBe(0);
    const runs = JSON.parse(result.stdout).runs as { jobId: string; energy: { status: string; points?: Record<string, number>[]; warnings?: string[] } }[];
    const withPower = runs.find((r) => r.jobId === "4420002")!;
    const without = runs.find((r) => r.jobId === "4420003")!;
    expect(without.energy).toEqual({ status: "no power data" });
    const point = withPower.energy.points![0];
    // 4 GPUs × 250 W × 10 s = 10 000 J; 5000 output tokens -> 0.5 token/J, 2 J/token.
    expect(point.energyJ).toBe(10000);
    expect(point.meanPowerW).toBe(1000);
    expect(point.powerPerGpuW).toBe(250);
    expect(point.outputTokensPerJ).toBe(0.5);
    expect(point.joulesPerOutputToken).toBe(2);
    expect(withPower.energy.warnings).toEqual(["power: 1 malformed row(s) in samples.csv skipped (line 86)"]);
  });

  it("export: energy columns filled for the run with records, empty (not 0) for the other", async () => {
    const result = srtlog("export", "--logs", await logsWithPower(), "--format", "csv");
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\r\n");
    expect(lines[0].endsWith(",Mean Power (W),Peak Power (W),Power/GPU (W),Energy (J),Output Tokens/J,J/Output Token")).toBe(true);
    const byJob = Object.fromEntries(lines.slice(1).map((line) => [line.split(",")[0], line]));
    expect(byJob["4420002"].endsWith(",1000,1000,250,10000,0.5,2")).toBe(true);
    expect(byJob["4420003"].endsWith(",,,,,,")).toBe(true);
  });
});
