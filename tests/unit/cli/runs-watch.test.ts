import { spawn } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/temp-dir";

const BIN = path.resolve("bin/srtlog.mjs");
const FIXTURE_RESULT = "tests/fixtures/loader/current-v2-logs-layout/logs/4401470/logs/sa-bench_isl_1024_osl_1024/results_concurrency_32_gpus_16.json";

/** A run expecting concurrencies 16 and 32, with results for `done` and a fresh worker log. */
async function makeRun(logs: string, jobId: string, done: number[]) {
  const results = path.join(logs, jobId, "logs", "sa-bench_isl_1024_osl_1024");
  await mkdir(results, { recursive: true });
  const metadata = { version: "2.0", job_id: jobId, job_name: "live", generated_at: "2026-12-06 10:50:00", model: { path: "m", container: "c", precision: "bf16" }, resources: { gpu_type: "h100", gpus_per_node: 8, agg_nodes: 1, agg_workers: 1 }, backend_type: "sglang", frontend_type: "dynamo", benchmark: { type: "sa-bench", isl: 1024, osl: 1024, concurrencies: "16x32" } };
  await writeFile(path.join(logs, jobId, `${jobId}.json`), JSON.stringify(metadata));
  await writeFile(path.join(logs, jobId, "logs", "n1_agg_w0.out"), "[2026-12-06 11:00:00] Decode batch, #running-req: 1, #queue-req: 0\n");
  const raw = JSON.parse(await readFile(FIXTURE_RESULT, "utf8"));
  for (const c of done) await writeFile(path.join(results, `results_concurrency_${c}_gpus_8.json`), JSON.stringify({ ...raw, max_concurrency: c }));
  return results;
}

describe("srtlog runs --watch", () => {
  it("prints each run's state, then a JSON line per change (finished, gone), and exits 0 on Ctrl-C", async () => {
    const logs = await tempDir("srtlog-watch-cli-");
    const results = await makeRun(logs, "8001", [16]);
    await makeRun(logs, "8002", [16]);
    const child = spawn(process.execPath, [BIN, "runs", "--logs", logs, "--watch", "--interval", "0.2"], { stdio: ["ignore", "pipe", "pipe"] });
    const lines: { runDir: string; from: string | null; to: string; points: number }[] = [];
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    createInterface({ input: child.stdout }).on("line", (line) => lines.push(JSON.parse(line)));
    const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const waitFor = async (n: number) => {
      for (let i = 0; i < 150 && lines.length < n; i++) await new Promise((r) => setTimeout(r, 100));
      expect(lines.length, `${JSON.stringify(lines)} ${stderr}`).toBeGreaterThanOrEqual(n);
    };
    await waitFor(2);
    expect(lines.slice(0, 2).map((l) => [l.runDir, l.from, l.to, l.points]).sort()).toEqual([["8001", null, "running", 1], ["8002", null, "running", 1]]);
    await writeFile(path.join(results, "results_concurrency_32_gpus_8.json"), JSON.stringify({ ...JSON.parse(await readFile(FIXTURE_RESULT, "utf8")), max_concurrency: 32 }));
    await waitFor(3);
    expect(lines[2]).toMatchObject({ runDir: "8001", from: "running", to: "finished", points: 2 });
    await rm(path.join(logs, "8002"), { recursive: true });
    await waitFor(4);
    expect(lines[3]).toMatchObject({ runDir: "8002", from: "running", to: "gone" });
    child.kill("SIGINT");
    expect(await exit).toBe(0);
    expect(stderr).toBe("");
  }, 40_000);
});
