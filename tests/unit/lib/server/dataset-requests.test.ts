import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "@/lib/server/dataset/ingest";
import { queryDataset } from "@/lib/server/dataset/duckdb";
import { copyFixture, tempDir } from "../../../helpers/temp-dir";

// The `requests` table on one run (fixture 4401470, 16 GPUs, concurrencies 32 and 128) whose c32 result
// gets hand-written sa-bench arrays and whose c128 result loses its arrays for an AIPerf export instead.
const RESULTS = "4401470/logs/sa-bench_isl_1024_osl_1024";
const EXPORT = "4401470/logs/artifacts/Model_trace_c128_20260101_120000/profile_export.jsonl";

function aiperfRecord(phase: string, ttftMs: number, e2eMs: number, outputLen: number): string {
  const ms = (value: number) => ({ value, unit: "ms" });
  return JSON.stringify({
    metadata: { benchmark_phase: phase },
    metrics: { time_to_first_token: ms(ttftMs), request_latency: ms(e2eMs), inter_token_latency: ms(10), input_sequence_length: { value: 8, unit: "tokens" }, output_sequence_length: { value: outputLen, unit: "tokens" } },
  });
}

async function logsWithRequests(): Promise<string> {
  const logs = await copyFixture("tests/fixtures/loader/current-v2-logs-layout/logs");
  const edit = async (name: string, change: (result: Record<string, unknown>) => void) => {
    const file = path.join(logs, RESULTS, name);
    const result = JSON.parse(await readFile(file, "utf8"));
    change(result);
    await writeFile(file, JSON.stringify(result));
  };
  await edit("results_concurrency_32_gpus_16.json", (r) => {
    Object.assign(r, {
      input_lens: [100, 200, 300], output_lens: [10, 20, 1], ttfts: [0.1, 0.2, 0], itls: [[0.01, 0.02], [0.03], []],
      errors: ["", "", "boom"], start_times: [1000, 1001, 1002], benchmark_start_time_unix: 1000.5,
    });
  });
  await edit("results_concurrency_128_gpus_16.json", (r) => {
    for (const key of ["input_lens", "output_lens", "ttfts", "itls", "errors", "generated_texts"]) delete r[key];
  });
  await mkdir(path.dirname(path.join(logs, EXPORT)), { recursive: true });
  await writeFile(path.join(logs, EXPORT), [aiperfRecord("warmup", 900, 1900, 5), aiperfRecord("profiling", 100, 400, 4)].join("\n") + "\n");
  // Only 4401470 of the fixture: the others would add their own (one-request) arrays.
  for (const other of ["4401455", "4401463"]) await rm(path.join(logs, other), { recursive: true });
  return logs;
}

const run = (dataset: string, logs: string) => ingest({ dataset, logsDirs: [logs], cluster: "a", progress: () => {} });
const rows = async (dataset: string, sql: string) => (await queryDataset(dataset, sql, () => {})).rows;

describe("dataset table requests", () => {
  it("has one row per request, from sa-bench arrays or AIPerf's export, with the request cache's values", async () => {
    const logs = await logsWithRequests();
    const dataset = path.join(await tempDir(), "ds");
    const summary = await run(dataset, logs);
    expect(summary.added).toEqual(["a/4401470"]);
    expect(summary.written.requests).toBe(1);
    const got = await rows(dataset, "SELECT concurrency, request_index, source, input_len, output_len, ttft_ms, mean_itl_ms, tpot_ms, e2e_ms, error, phase FROM requests ORDER BY concurrency, request_index");
    // By hand: e2e = ttft + sum(itls); mean itl = sum / count; tpot = (e2e - ttft) / (output - 1);
    // a failed request keeps its lengths, no latencies; start 1000 < benchmark start 1000.5 is warmup.
    expect(got).toEqual([
      { concurrency: 32, request_index: 0, source: "sa-bench", input_len: 100, output_len: 10, ttft_ms: 100, mean_itl_ms: 15, tpot_ms: 30 / 9, e2e_ms: 130, error: "", phase: "warmup" },
      { concurrency: 32, request_index: 1, source: "sa-bench", input_len: 200, output_len: 20, ttft_ms: 200, mean_itl_ms: 30, tpot_ms: 30 / 19, e2e_ms: 230, error: "", phase: "benchmark" },
      { concurrency: 32, request_index: 2, source: "sa-bench", input_len: 300, output_len: 1, ttft_ms: null, mean_itl_ms: null, tpot_ms: null, e2e_ms: null, error: "boom", phase: "benchmark" },
      { concurrency: 128, request_index: 0, source: "aiperf", input_len: 8, output_len: 5, ttft_ms: 900, mean_itl_ms: 10, tpot_ms: 250, e2e_ms: 1900, error: "", phase: "warmup" },
      { concurrency: 128, request_index: 1, source: "aiperf", input_len: 8, output_len: 4, ttft_ms: 100, mean_itl_ms: 10, tpot_ms: 100, e2e_ms: 400, error: "", phase: "benchmark" },
    ]);
    // Ingest writes no request cache per point into the logs dir (the dataset holds the rows).
    expect((await readdir(path.join(logs, "4401470", ".cache"))).filter((name) => name.startsWith("requests-"))).toEqual([]);
    const types = Object.fromEntries((await rows(dataset, "DESCRIBE requests")).map((r) => [r.column_name, r.column_type]));
    expect(types).toMatchObject({ run_key: "VARCHAR", concurrency: "INTEGER", request_index: "INTEGER", ttft_ms: "DOUBLE", error: "VARCHAR", cluster: "VARCHAR", month: "VARCHAR" });
    // dataset.json documents the table for readers that are not srtlog.
    const doc = JSON.parse(await readFile(path.join(dataset, "dataset.json"), "utf8"));
    const documented = ["run_key", "concurrency", "request_index", "source", "input_len", "output_len", "ttft_ms", "mean_itl_ms", "tpot_ms", "e2e_ms", "start_unix", "error", "phase"];
    expect(doc.tables.requests.map((c: { name: string }) => c.name)).toEqual(documented);
    // Every request joins its point.
    expect(await rows(dataset, "SELECT count(*)::INTEGER AS n FROM requests ANTI JOIN points USING (run_key, concurrency)")).toEqual([{ n: 0 }]);
  });

  it("is incremental: unchanged writes nothing; a re-written AIPerf export alone replaces the run's rows", async () => {
    const logs = await logsWithRequests();
    const dataset = path.join(await tempDir(), "ds");
    await run(dataset, logs);
    // A dataset.json from before the table existed gets it on the next ingest.
    const docFile = path.join(dataset, "dataset.json");
    const doc = JSON.parse(await readFile(docFile, "utf8"));
    delete doc.tables.requests;
    await writeFile(docFile, JSON.stringify(doc));
    const again = await run(dataset, logs);
    expect(Object.keys(JSON.parse(await readFile(docFile, "utf8")).tables)).toContain("requests");
    expect(again.unchanged).toEqual(["a/4401470"]);
    expect(again.written).toEqual({ runs: 0, points: 0, requests: 0, node_batches: 0 });
    // The export is no result file: only the fingerprint of the artifacts sees this change.
    await writeFile(path.join(logs, EXPORT), [aiperfRecord("profiling", 100, 400, 4), aiperfRecord("profiling", 120, 420, 4), aiperfRecord("profiling", 140, 440, 4)].join("\n") + "\n");
    const changed = await run(dataset, logs);
    expect(changed.updated).toEqual(["a/4401470"]);
    expect(await rows(dataset, "SELECT concurrency, count(*)::INTEGER AS n FROM requests GROUP BY ALL ORDER BY 1")).toEqual([
      { concurrency: 32, n: 3 },
      { concurrency: 128, n: 3 },
    ]);
  });
});
