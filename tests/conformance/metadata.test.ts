// Conformance: `<jobid>.json` as srt-slurm's own reader reads it (issue 13, section 1).
//
// The reference is NVIDIA/srt-slurm at c88ef731, analysis/srtlog/models.py:
//   RunMetadata.from_json        docstring "Supports both old format (with run_metadata key) and new format
//                                (flat structure)"; `if "run_metadata" in json_data` is the only test of form,
//                                `version` is never read; flat mode is "aggregated" if agg_workers > 0.
//   RunMetadata.is_aggregated    mode == "aggregated" or agg_nodes > 0.
//   ProfilerResults.from_json    reads json_data["benchmark"]: type, isl, osl, concurrencies, "req-rate".
//   BenchmarkRun.check_completeness  no concurrencies => "assume manual run", complete; else splits on "x"
//                                and reports the expected ones without a result as missing.
// Upstream has no unit test of RunMetadata; its docstrings and code above are the facts each case cites.
// The input files are written here by hand; expected values are worked out from them in the comments.
import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Run } from "@/lib/model";
import { toRunSummary } from "@/lib/run-summary";
import { RunLoader } from "@/lib/server/run-loader";
import { tempDir } from "../helpers/temp-dir";

const JOB = "4420001";
const RUN_DIR = JOB;

/** One sa-bench result; output 100·c tok/s, total twice that, mean TPOT 10 ms (=> 100 tok/s per user). */
function result(concurrency: number) {
  return {
    date: "20260101-000000", backend: "dynamo", model_id: "m", num_prompts: 10 * concurrency, request_rate: "inf",
    max_concurrency: concurrency, duration: 60, completed: 10 * concurrency, total_input_tokens: 1000, total_output_tokens: 1000,
    request_throughput: 1, output_throughput: 100 * concurrency, total_token_throughput: 200 * concurrency,
    mean_ttft_ms: 50, median_ttft_ms: 50, p99_ttft_ms: 90, mean_tpot_ms: 10, median_tpot_ms: 10, p99_tpot_ms: 12,
    mean_itl_ms: 10, median_itl_ms: 10, p99_itl_ms: 12, mean_e2el_ms: 1000, median_e2el_ms: 1000, p99_e2el_ms: 1200,
  };
}

/** A flat `<jobid>.json` as srtctl writes it, minus `version`; 1 prefill + 1 decode node of 4 GPUs => 8 GPUs, 1P/1D. */
function flatMetadata(extra: Record<string, unknown> = {}, benchmark: Record<string, unknown> = {}) {
  return {
    job_id: JOB,
    job_name: "flat-no-version",
    generated_at: "2026-01-02 03:04:05",
    model: { path: "/models/qwen3-32b", container: "lmsysorg/sglang:v0.5.6", precision: "bf16" },
    resources: { gpu_type: "gb200", gpus_per_node: 4, prefill_nodes: 1, decode_nodes: 1, prefill_workers: 1, decode_workers: 1 },
    backend_type: "sglang",
    benchmark: { type: "sa-bench", isl: 1024, osl: 1024, ...benchmark },
    tags: ["conformance"],
    ...extra,
  };
}

/** A fresh logs dir holding one run: `<RUN_DIR>/<jobid>.json` (raw text) and results for `concurrencies`. */
async function logsWith(metadataText: string | null, concurrencies: number[]): Promise<string> {
  const logs = await tempDir("srtlog-conf-meta-");
  const results = path.join(logs, RUN_DIR, "logs", "sa-bench_isl_1024_osl_1024");
  await mkdir(results, { recursive: true });
  if (metadataText !== null) await writeFile(path.join(logs, RUN_DIR, `${JOB}.json`), metadataText);
  for (const c of concurrencies) {
    await writeFile(path.join(results, `results_concurrency_${c}_gpus_8_ctx_1_gen_1.json`), JSON.stringify(result(c)));
  }
  return logs;
}

async function loadOne(logs: string): Promise<Run> {
  const { runs, skipped } = await new RunLoader(logs).loadAllWithSkipped();
  expect(skipped).toEqual([]);
  expect(runs).toHaveLength(1);
  return runs[0];
}

function srtlogRunsJson(logs: string) {
  const bin = path.resolve("bin/srtlog.mjs");
  const out = spawnSync(process.execPath, [bin, "runs", "--logs", logs, "--json"], { encoding: "utf8", env: { ...process.env, SRTLOG_LOGS_DIR: "" } });
  expect(out.status, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as { runs: ReturnType<typeof toRunSummary>[]; skipped: { runDir: string; reason: string }[] };
}

/** A run without the one field that must differ between two temp dirs. */
function portable(run: Run) {
  const { runPath: _runPath, ...rest } = run;
  return rest;
}

describe("flat <jobid>.json without version (models.py RunMetadata.from_json: no run_metadata key => flat)", () => {
  // ProfilerResults.from_json takes benchmark.concurrencies "1x2x4"; check_completeness splits on "x":
  // expected {1, 2, 4}, results exist for 1 and 4 => missing [2], incomplete.
  it("with benchmark.concurrencies: loads, expected 1/2/4, missing 2", async () => {
    const run = await loadOne(await logsWith(JSON.stringify(flatMetadata({}, { concurrencies: "1x2x4", "req-rate": "inf" })), [1, 4]));
    expect(run.metadata).toMatchObject({
      jobId: JOB, jobName: "flat-no-version", runDate: "2026-01-02 03:04:05", modelPath: "/models/qwen3-32b",
      container: "lmsysorg/sglang:v0.5.6", gpuType: "gb200", mode: "disaggregated", tags: ["conformance"],
      profiler: { type: "sa-bench", isl: 1024, osl: 1024, concurrencies: [1, 2, 4], requestRate: "inf" },
    });
    expect(run.topology).toBe("1P/1D");
    expect(run.totalGpus).toBe(8);
    expect(run.expectedConcurrencies).toEqual([1, 2, 4]);
    expect(run.missingConcurrencies).toEqual([2]);
    expect(run.isComplete).toBe(false);
    expect(run.warnings).toEqual([]);
    // c=4: 400 tok/s over 8 GPUs = 50; 1000 / 10 ms TPOT = 100 tok/s per user.
    expect(toRunSummary(run).points.map((p) => [p.concurrency, p.outputTpsPerGpu, p.outputTpsPerUser])).toEqual([[1, 12.5, 100], [4, 50, 100]]);
  });

  // check_completeness: "No expected concurrencies specified, assume manual run" => complete, nothing missing.
  it("without benchmark.concurrencies (and no config.yaml): complete with what it measured", async () => {
    const run = await loadOne(await logsWith(JSON.stringify(flatMetadata()), [1, 4]));
    expect(run.metadata.profiler.concurrencies).toBeNull();
    expect(run.expectedConcurrencies).toEqual([1, 4]);
    expect(run.missingConcurrencies).toEqual([]);
    expect(run.isComplete).toBe(true);
  });

  // ProfilerResults.from_json: concurrencies may be the "x" string, a list or one number in the flat file.
  it.each([
    ["a list", [1, 2, 4], [2]],
    ["one number", 2, [2]],
  ])("benchmark.concurrencies as %s feeds the completeness check", async (_name, concurrencies, missing) => {
    const run = await loadOne(await logsWith(JSON.stringify(flatMetadata({}, { concurrencies })), [1, 4]));
    expect(run.missingConcurrencies).toEqual(missing);
  });

  // from_json never reads `version`: "2.0" and no version are the same file to it, so they must be to us.
  it.each([
    ["with benchmark.concurrencies", { concurrencies: "1x2x4", "req-rate": 8 }],
    ["without benchmark.concurrencies", {}],
  ])('version "2.0" gives output identical to no version, %s (RunLoader and srtlog runs --json)', async (_name, benchmark) => {
    const without = await logsWith(JSON.stringify(flatMetadata({}, benchmark)), [1, 4]);
    const withV2 = await logsWith(JSON.stringify({ version: "2.0", ...flatMetadata({}, benchmark) }), [1, 4]);
    expect(portable(await loadOne(withV2))).toEqual(portable(await loadOne(without)));
    const cliWithout = srtlogRunsJson(without);
    expect(cliWithout.runs).toHaveLength(1);
    expect(cliWithout.runs[0]).toMatchObject({ jobId: JOB, topology: "1P/1D", totalGpus: 8, isl: 1024, warnings: [] });
    expect(srtlogRunsJson(withV2)).toEqual(cliWithout);
  });

  // The shape decides, not the tag: an unknown version still reads as flat; we add a warning, never a skip.
  it.each(["2.1", "3"])('version "%s": same metadata as "2.0", plus one warning, not skipped', async (version) => {
    const known = await loadOne(await logsWith(JSON.stringify({ version: "2.0", ...flatMetadata() }), [1]));
    const unknown = await loadOne(await logsWith(JSON.stringify({ version, ...flatMetadata() }), [1]));
    expect(unknown.metadata).toEqual(known.metadata);
    expect(unknown.warnings).toEqual([
      `${JOB}.json says version "${version}", which this reader does not know; read it as the flat form, so some fields may be missing`,
    ]);
    const cli = srtlogRunsJson(path.dirname(unknown.runPath));
    expect(cli.skipped).toEqual([]);
    expect(cli.runs[0].warnings).toEqual(unknown.warnings);
  });

  // from_json: mode "aggregated" if agg_workers > 0; is_aggregated also when agg_nodes > 0.
  it.each([
    ["agg_workers", { agg_workers: 2, gpus_per_node: 4, agg_nodes: null }, "2A"],
    ["agg_nodes", { agg_nodes: 1, gpus_per_node: 4 }, "1A"],
  ])("aggregated when %s > 0", async (_name, resources, topology) => {
    const run = await loadOne(await logsWith(JSON.stringify(flatMetadata({ resources })), [1]));
    expect(run.metadata.mode).toBe("aggregated");
    expect(run.topology).toBe(topology);
  });

  // from_json reads every flat field with .get(..., default): any may be missing. We keep "unknown" as null.
  it("resources and model missing or null: loads with those fields unknown", async () => {
    const text = JSON.stringify({ job_id: JOB, model: null, resources: { gpu_type: null, gpus_per_node: null }, benchmark: { type: "sa-bench" } });
    const run = await loadOne(await logsWith(text, [1]));
    expect(run.metadata).toMatchObject({ jobName: null, runDate: null, modelPath: null, container: null, gpuType: null, prefillWorkers: null });
    expect(run.topology).toBe("?P/?D");
    expect(run.totalGpus).toBeNull();
    expect(run.warnings).toEqual([]);
  });
});

describe("unreadable or missing <jobid>.json with results (issue 13: keep the points, say what is unknown)", () => {
  // Upstream's BenchmarkRun.from_json_file returns None here and the run is skipped ("No metadata JSON file");
  // the issue deliberately asks for more: the run loads from its results, with a warning.
  it.each([
    ["invalid JSON", '{"job_id": ,}', `unreadable ${JOB}.json: invalid JSON at line 1 column 12`],
    ["missing", null, `no ${JOB}.json in ${RUN_DIR}/ or ${RUN_DIR}/logs/`],
  ])("%s: loads, job id from the directory, fields unknown, one warning", async (_name, text, reason) => {
    const logs = await logsWith(text, [1, 4]);
    const run = await loadOne(logs);
    expect(run.jobId).toBe(JOB);
    expect(run.metadata).toMatchObject({ jobId: JOB, metadataVersion: "unknown", gpuType: null, modelPath: null, profiler: { type: "unknown", concurrencies: null } });
    expect(run.points.map((p) => p.outputTps)).toEqual([100, 400]);
    expect(run.warnings).toHaveLength(1);
    expect(run.warnings[0].startsWith(reason)).toBe(true);
    expect(run.warnings[0].endsWith("; loaded from its results alone, so GPU count, topology, model and dates are unknown")).toBe(true);
    expect(srtlogRunsJson(logs).runs[0].warnings).toEqual(run.warnings);
  });

  it("missing metadata but a config.yaml recipe: the recipe's concurrencies still feed completeness", async () => {
    const logs = await logsWith(null, [1, 4]);
    await writeFile(path.join(logs, RUN_DIR, "config.yaml"), 'name: "x"\nbenchmark:\n  type: "sa-bench"\n  concurrencies: "1x2x4"\n');
    const run = await loadOne(logs);
    expect(run.expectedConcurrencies).toEqual([1, 2, 4]);
    expect(run.missingConcurrencies).toEqual([2]);
  });

  it("unreadable metadata and no results: skipped, naming both faults", async () => {
    const logs = await tempDir("srtlog-conf-meta-");
    await mkdir(path.join(logs, RUN_DIR), { recursive: true });
    await writeFile(path.join(logs, RUN_DIR, `${JOB}.json`), "");
    const { runs, skipped } = await new RunLoader(logs).loadAllWithSkipped();
    expect(runs).toEqual([]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0].reason.startsWith(`unreadable ${JOB}.json: empty file, and no benchmark results: `)).toBe(true);
  });
});
