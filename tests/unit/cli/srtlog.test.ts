import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROW_COLUMNS } from "@/lib/rows";
import { copyFixture, tempDir } from "../../helpers/temp-dir";

const BIN = path.resolve("bin/srtlog.mjs");

function srtlog(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, SRTLOG_LOGS_DIR: "" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("srtlog runs", () => {
  it("--json prints one object with runs, their points and the skipped runs", async () => {
    const logs = await copyFixture("tests/fixtures/loader/broken-and-skipped/logs");
    const { code, stdout } = srtlog("runs", "--logs", logs, "--json");
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    // 5004 has good metadata; 5003/5002/5001 load from their results although their metadata is broken or missing.
    expect(out.runs.map((r: { runDir: string }) => r.runDir)).toEqual(["5004_1P_1D_20251204_000000", "5003", "5002", "5001_1P_1D_20251201_000000"]);
    const run = out.runs[0];
    for (const key of ["jobId", "runDir", "topology", "totalGpus", "gpuType", "profiler", "isl", "osl", "tags", "isComplete", "missingConcurrencies", "points"]) {
      expect(run, key).toHaveProperty(key);
    }
    expect(run.runDir).toBe("5004_1P_1D_20251204_000000");
    expect(Object.keys(run.points[0])).toEqual(expect.arrayContaining(["concurrency", "outputTps", "totalTps", "meanTtftMs", "meanTpotMs", "meanItlMs"]));
    expect(out.runs[2].warnings).toEqual(["unreadable 5002.json: empty file; loaded from its results alone, so GPU count, topology, model and dates are unknown"]);
    expect(out.skipped.map((s: { runDir: string }) => s.runDir)).toContain("5009");
    expect(out.skipped.every((s: { reason: string }) => s.reason.length > 0)).toBe(true);
  });

  it("prints a table for people, with skipped runs and why", async () => {
    const logs = await copyFixture("tests/fixtures/loader/broken-and-skipped/logs");
    const { code, stdout } = srtlog("runs", "--logs", logs);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Job\s+Topology/);
    expect(stdout).toContain("skipped 5009: unreadable 5009.json: not the nested (run_metadata) form");
    expect(stdout).toContain("warning 5002: unreadable 5002.json: empty file; loaded from its results alone");
  });

  it("keeps the logs dir's run index, which the next call answers from, and writes no per-run Parquet cache", async () => {
    const logs = await copyFixture("tests/fixtures/loader/broken-and-skipped/logs");
    const first = srtlog("runs", "--logs", logs, "--json");
    expect(first.code).toBe(0);
    const index = path.join(logs, ".cache", "run-index.json");
    expect(existsSync(index)).toBe(true);
    const runDirs = (await readdir(logs)).filter((name) => !name.startsWith("."));
    expect(runDirs.filter((name) => existsSync(path.join(logs, name, ".cache")))).toEqual([]);
    // Answered from the index: a job id changed only there shows up, though no run file changed.
    const text = await readFile(index, "utf8");
    await writeFile(index, text.replaceAll('"jobId":"5004"', '"jobId":"5004-from-index"'));
    const second = JSON.parse(srtlog("runs", "--logs", logs, "--json").stdout);
    expect(second.runs[0].jobId).toBe("5004-from-index");
  });

  it("a bad --logs path or flag is one line on stderr and exit code 2", () => {
    const missing = srtlog("runs", "--logs", "/no/such/logs");
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe("srtlog runs: logs directory /no/such/logs does not exist or cannot be read");
    const flag = srtlog("runs", "--frobnicate");
    expect(flag.code).toBe(2);
    expect(flag.stderr.trim().split("\n")).toHaveLength(1);
    expect(srtlog("nonsense").code).toBe(2);
  });
});

/** One aggregated run (2 agg workers on 1 node of 4 GPUs) whose single result reports a peak output rate. */
async function pivotLogs(): Promise<string> {
  const logs = await tempDir();
  const results = path.join(logs, "4420002", "logs", "sa-bench_isl_1024_osl_1024");
  await mkdir(results, { recursive: true });
  const metadata = {
    job_id: "4420002", generated_at: "2026-01-02 03:04:05", backend_type: "sglang", tags: ["a", "b"],
    model: { path: "/models/qwen3-32b", container: "lmsysorg/sglang:v0.5.6" },
    resources: { gpu_type: "gb200", gpus_per_node: 4, agg_nodes: 1, agg_workers: 2 },
    benchmark: { type: "sa-bench", isl: 1024, osl: 1024 },
  };
  await writeFile(path.join(logs, "4420002", "4420002.json"), JSON.stringify(metadata));
  const result = { max_concurrency: 8, completed: 8, num_prompts: 8, output_throughput: 400, total_token_throughput: 800, mean_tpot_ms: 20, peak_output_tokens_per_s: 812.5, model_id: "Qwen/Qwen3-32B" };
  await writeFile(path.join(results, "results_concurrency_8_gpus_4.json"), JSON.stringify(result));
  return logs;
}

describe("srtlog export: pivot columns after the guide's (issue 13 Peak Output TPS, issue 20 item 10)", () => {
  const PIVOT = ["Peak Output TPS", "GPU Type", "Topology", "Agg Workers", "Tags", "Container", "Backend", "Model", "Run Directory", "Goodput (req/s)", "SLA attainment (%)", "Benchmark request_goodput (req/s)", "Mean Power (W)", "Peak Power (W)", "Power/GPU (W)", "Energy (J)", "Output Tokens/J", "J/Output Token"];

  it("csv: the pivot and goodput columns follow Std ITL (ms), with the run's values", async () => {
    const { code, stdout } = srtlog("export", "--logs", await pivotLogs(), "--format", "csv");
    expect(code).toBe(0);
    const [header, row] = stdout.split("\r\n");
    expect(header.endsWith(",Std ITL (ms)," + PIVOT.join(","))).toBe(true);
    // 812.5 peak; gb200; 2 agg workers => "2A"; tags joined (quoted: they hold a comma); the metadata's model path.
    expect(row.endsWith(',812.5,gb200,2A,2,"a, b",lmsysorg/sglang:v0.5.6,sglang,/models/qwen3-32b,4420002,,,,,,,,,')).toBe(true);
  });

  it("json: the same columns and values as records", async () => {
    const { code, stdout } = srtlog("export", "--logs", await pivotLogs(), "--format", "json");
    expect(code).toBe(0);
    const [record] = JSON.parse(stdout) as Record<string, unknown>[];
    expect(Object.keys(record).slice(-PIVOT.length)).toEqual(PIVOT);
    expect(PIVOT.map((column) => record[column])).toEqual([812.5, "gb200", "2A", 2, "a, b", "lmsysorg/sglang:v0.5.6", "sglang", "/models/qwen3-32b", "4420002", null, null, null, null, null, null, null, null, null]);
  });
});

describe("srtlog export", () => {
  it("csv: RFC 4180 with the data-frame columns, one line per point", async () => {
    const logs = await copyFixture("tests/fixtures/loader/legacy-v1-disagg/logs");
    const { code, stdout } = srtlog("export", "--logs", logs, "--format", "csv");
    expect(code).toBe(0);
    const lines = stdout.split("\r\n");
    expect(lines[0]).toBe(ROW_COLUMNS.join(","));
    expect(lines.at(-1)).toBe("");
    // 3667 has 3 points (16, 32, 64), 12045 has 2 (64, 256).
    expect(lines.length - 2).toBe(5);
  });

  it("json: records, and --out writes a file", async () => {
    const logs = await copyFixture("tests/fixtures/loader/legacy-v1-disagg/logs");
    const out = path.join(await tempDir(), "rows.json");
    expect(srtlog("export", "--logs", logs, "--format", "json", "--out", out).code).toBe(0);
    const rows = JSON.parse(await readFile(out, "utf8"));
    expect(rows).toHaveLength(5);
    expect(Object.keys(rows[0])).toEqual([...ROW_COLUMNS]);
  });

  it("parquet to a file; an unknown format is exit code 2", async () => {
    const logs = await copyFixture("tests/fixtures/loader/legacy-v1-disagg/logs");
    const out = path.join(await tempDir(), "rows.parquet");
    expect(srtlog("export", "--logs", logs, "--format", "parquet", "--out", out).code).toBe(0);
    expect((await readFile(out)).subarray(0, 4).toString()).toBe("PAR1");
    const bad = srtlog("export", "--logs", logs, "--format", "xlsx");
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("srtlog export: --format must be one of csv, json, parquet");
  });
});
