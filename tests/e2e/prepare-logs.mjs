// Lays out fresh logs dirs for the e2e server: the golden loader fixtures' runs in one directory and,
// when a second target is given, the generated demo (worker logs and node configs of both layouts,
// disaggregated and aggregated runs) for the node tabs.
import { execFileSync } from "node:child_process";
import { appendFile, cp, mkdir, readFile, readdir, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";

const [target, demoTarget, diffTarget, rolesTarget] = process.argv.slice(2);
if (!target) throw new Error("usage: prepare-logs.mjs TARGET_DIR [DEMO_TARGET_DIR [DIFF_TARGET_DIR [ROLES_TARGET_DIR]]]");
// A run dir made read-only (chattr +i) by an interrupted test would block the rm below.
try {
  execFileSync("chattr", ["-R", "-i", target], { stdio: "ignore" });
} catch {}
await rm(target, { recursive: true, force: true });
const casesDir = path.resolve("tests/fixtures/loader");
for (const name of await readdir(casesDir)) {
  const logs = path.join(casesDir, name, "logs");
  await cp(logs, target, { recursive: true, force: false, errorOnExist: false }).catch(() => {});
}
if (demoTarget) {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/demo/generate-demo.ts", demoTarget], { stdio: "inherit" });
  // Run health: one CUDA OOM (PyTorch's message, as in tests/fixtures/health/worker.err) at the end of one
  // prefill worker's log, so run 3667 carries a "1 OOM" badge; after the batch lines, the node tabs see no change.
  const oom = "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.19 GiB of which 1.02 GiB is free.\n";
  await appendFile(path.join(demoTarget, "3667_1P_4D_20251110_192145", "watchtower-navy-cn01_prefill_w0.err"), oom);
}

/**
 * The Run Diff's A/B pair: two copies of fixture run 4410001 (4410001 tagged "before", 4410002 "after")
 * whose recipes differ in exactly one setting, recipe.slurm.time_limit. "after" also delivers 10 % more
 * output throughput at every point (same latencies), so Compare has a known Δ of +10 % to show.
 */
async function scaleOutputThroughput(resultsDir, factor) {
  for (const name of await readdir(resultsDir)) {
    const file = path.join(resultsDir, name);
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace(/("output_throughput":\s*)(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)/g, (_, key, value) => `${key}${Number(value) * factor}`));
  }
}

async function writeDiffPair(dir) {
  const source = path.resolve("tests/fixtures/loader/result-variants/logs/4410001");
  await rm(dir, { recursive: true, force: true });
  for (const [jobId, timeLimit, tag] of [["4410001", "01:00:00", "before"], ["4410002", "02:00:00", "after"]]) {
    const run = path.join(dir, jobId);
    await cp(source, run, { recursive: true });
    const metadata = JSON.parse(await readFile(path.join(run, "4410001.json"), "utf8"));
    await rm(path.join(run, "4410001.json"));
    await writeFile(path.join(run, `${jobId}.json`), JSON.stringify({ ...metadata, job_id: jobId, tags: [tag] }, null, 2));
    await appendFile(path.join(run, "config.yaml"), `slurm:\n  time_limit: "${timeLimit}"\n`);
    if (jobId === "4410002") await scaleOutputThroughput(path.join(run, "logs", "sa-bench_isl_1024_osl_128"), 1.1);
  }
}
if (diffTarget) await writeDiffPair(diffTarget);

/** Issue 20's 1P2D run whose node n1 hosts prefill w0 and decode w0 (tests/fixtures/roles/README.md). */
if (rolesTarget) {
  await rm(rolesTarget, { recursive: true, force: true });
  await cp(path.resolve("tests/fixtures/roles/logs"), rolesTarget, { recursive: true });
}

/**
 * Fixture runs are finished runs: date their files a day back, or a fresh copy of a run with a
 * missing concurrency would look like a job still writing (see lib/live/run-activity.ts) and its
 * pages would follow it live. dashboard-live.spec.ts makes its own running run.
 */
async function backdate(dir, when) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await backdate(full, when);
    else if (entry.isFile()) await utimes(full, when, when);
  }
}
const dayAgo = new Date(Date.now() - 86_400_000);
for (const dir of [target, demoTarget, diffTarget, rolesTarget]) if (dir) await backdate(dir, dayAgo);

/**
 * The Requests tab's and energy's fixture (tmp/e2e-requests-logs): run 7001 (1 node, 4 GPUs) whose two
 * sa-bench results carry per-request arrays, and whose power/ holds DCGM samples and both windows.
 * c=4: 200 requests, TTFT 50 + i ms, 10 output tokens 10 ms apart. c=16: TTFT 200 + 2i ms, 20 ms apart,
 * three failures (two share one text). Every GPU draws 250 W from t=1000 to 1030; one sample row is damaged.
 */
async function writeRequestsRun(dir) {
  await rm(dir, { recursive: true, force: true });
  const run = path.join(dir, "7001");
  const results = path.join(run, "sa-bench_isl_1024_osl_10");
  await mkdir(path.join(run, "power", "windows"), { recursive: true });
  await mkdir(results, { recursive: true });
  const metadata = { job_id: "7001", generated_at: "2026-12-01 10:00:00", backend_type: "sglang", resources: { gpu_type: "gb200", gpus_per_node: 4, agg_nodes: 1, agg_workers: 1 }, benchmark: { type: "sa-bench", isl: 1024, osl: 10 } };
  await writeFile(path.join(run, "7001.json"), JSON.stringify(metadata));
  const windows = { 4: [1002, 1012], 16: [1015, 1025] };
  for (const c of [4, 16]) {
    const n = 200;
    const idx = Array.from({ length: n }, (_, i) => i);
    const errors = idx.map((i) => (c === 16 && (i === 7 || i === 13) ? "HTTP 503: overloaded" : c === 16 && i === 21 ? "timeout after 600 s" : ""));
    const failed = (i) => errors[i] !== "";
    const result = {
      max_concurrency: c, duration: 10, completed: n - errors.filter(Boolean).length, output_throughput: 2000 / c, total_token_throughput: 4000 / c,
      total_output_tokens: 2000, mean_ttft_ms: 100, mean_tpot_ms: 10, request_goodput: c === 4 ? 12.5 : null,
      input_lens: idx.map((i) => 500 + 10 * i), output_lens: idx.map((i) => (failed(i) ? 0 : 10)),
      ttfts: idx.map((i) => (failed(i) ? 0 : c === 4 ? 0.05 + 0.001 * i : 0.2 + 0.002 * i)),
      itls: idx.map((i) => (failed(i) ? [] : Array(9).fill(c === 4 ? 0.01 : 0.02))),
      generated_texts: idx.map((i) => (failed(i) ? "" : "lorem ipsum \"quoted\" ]}")), errors,
    };
    const name = `results_concurrency_${c}_gpus_4.json`;
    await writeFile(path.join(results, name), JSON.stringify(result));
    const [start, end] = windows[c];
    const window = { schema_version: 1, clock_source: "head_node_unix_clock", benchmark_type: "sa-bench", concurrency: c, result_path: `sa-bench_isl_1024_osl_10/${name}`, status: "completed", benchmark_start_time_unix: start, benchmark_end_time_unix: end, duration: end - start, reason: null };
    await writeFile(path.join(run, "power", "windows", name), JSON.stringify(window));
  }
  const lines = ["schema_version,timestamp_unix,scrape_seq,hostname,gpu_index,gpu_uuid,power_w"];
  for (let t = 0; t <= 30; t++) for (let gpu = 0; gpu < 4; gpu++) lines.push(`1,${1000 + t},${t},node1,${gpu},GPU-${gpu},250`);
  lines.push("1,not-a-time,31,node1,0,GPU-0,250"); // one damaged row: a counted warning, not a failure
  await writeFile(path.join(run, "power", "samples.csv"), lines.join("\n") + "\n");
  await writeFile(path.join(run, "power", "manifest.json"), JSON.stringify({ schema_version: 1, producer: "srt-slurm.dcgm-power", job_id: "7001" }));
  await writeAiperfRun(dir);
}

/**
 * Run 7002 of the same dir: its c=8 result has summary numbers only; its requests are in AIPerf's
 * artifacts/Model_trace_c8_<ts>/profile_export.jsonl: two warmup records (TTFT 1000 ms), then eight
 * profiling ones with TTFT 100 + 10i ms. artifacts/warmup/ holds a record that must not be read.
 */
async function writeAiperfRun(dir) {
  const run = path.join(dir, "7002");
  const results = path.join(run, "sa-bench_isl_1024_osl_10");
  const artifacts = path.join(run, "artifacts", "Model_trace_c8_20261201_100000");
  for (const d of [results, artifacts, path.join(run, "artifacts", "warmup")]) await mkdir(d, { recursive: true });
  const metadata = { job_id: "7002", generated_at: "2026-12-01 10:00:00", backend_type: "sglang", resources: { gpu_type: "gb200", gpus_per_node: 4, agg_nodes: 1, agg_workers: 1 }, benchmark: { type: "sa-bench", isl: 1024, osl: 10 } };
  await writeFile(path.join(run, "7002.json"), JSON.stringify(metadata));
  await writeFile(path.join(results, "results_concurrency_8_gpus_4.json"), JSON.stringify({ max_concurrency: 8, duration: 10, completed: 8, output_throughput: 80, total_token_throughput: 160, mean_ttft_ms: 135, mean_tpot_ms: 10 }));
  const record = (i, phase, ttft) => JSON.stringify({
    metadata: { x_request_id: `r${i}`, request_start_ns: 1_764_583_200_000_000_000 + i * 1e9, request_end_ns: 1_764_583_200_000_000_000 + i * 1e9 + 3e8, benchmark_phase: phase },
    metrics: { time_to_first_token: { value: ttft, unit: "ms" }, request_latency: { value: ttft + 90, unit: "ms" }, inter_token_latency: { value: 10, unit: "ms" }, input_sequence_length: { value: 1024, unit: "tokens" }, output_sequence_length: { value: 10, unit: "tokens" } },
  });
  const lines = [record(0, "warmup", 1000), record(1, "warmup", 1000), ...Array.from({ length: 8 }, (_, i) => record(i + 2, "profiling", 100 + 10 * i))];
  await writeFile(path.join(artifacts, "profile_export.jsonl"), lines.join("\n") + "\n");
  await writeFile(path.join(run, "artifacts", "warmup", "profile_export.jsonl"), record(99, "profiling", 9999) + "\n");
}
if (demoTarget) {
  const requestsDir = path.join(path.dirname(target), "e2e-requests-logs");
  await writeRequestsRun(requestsDir);
  await backdate(requestsDir, dayAgo);
}
