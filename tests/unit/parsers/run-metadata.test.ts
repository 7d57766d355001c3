import { describe, expect, it } from "vitest";
import { parseConcurrencyList, parseJsonText, parseRunMetadata } from "@/parsers/run-metadata";
import type { RunMetadata } from "@/lib/model";

function metadataOf(text: string, fileName = "3667.json", fallbackJobId = "3667", recipe: number[] | null = null): RunMetadata {
  const result = parseRunMetadata(text, fileName, fallbackJobId, recipe);
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}`);
  return result.metadata;
}

function reasonOf(text: string, fileName = "3667.json"): string {
  const result = parseRunMetadata(text, fileName, "3667", null);
  if (result.ok) throw new Error("expected a failure");
  return result.reason;
}

/** The guide's example `3667.json` (v1, numbers as strings), plus a few real v1 keys. */
const V1_GUIDE = `{
  "version": "1.0",
  "generated_at": "2025-11-10 19:22:00",
  "run_metadata": {
    "slurm_job_id": "3667",
    "run_date": "20251110_192145",
    "job_name": "dsv3-1p4d-baseline",
    "account": "llm",
    "partition": "batch",
    "container": "ghcr.io/sgl-project/sglang:v0.4.1-cu121",
    "model_dir": "/models/DeepSeek-V3",
    "gpus_per_node": "8",
    "gpu_type": "NVIDIA H100 80GB HBM3",
    "use_init_location": "false",
    "mode": "disaggregated",
    "prefill_nodes": "1",
    "decode_nodes": "4",
    "prefill_workers": "1",
    "decode_workers": "4"
  },
  "profiler_metadata": {
    "type": "sa-bench",
    "isl": "1024",
    "osl": "1024",
    "concurrencies": "16x32x64x128x256",
    "req-rate": "inf"
  },
  "tags": ["baseline", "h100"]
}
`;

describe("parseRunMetadata: v1 nested", () => {
  it("reads string numbers, normalises run_date and splits 16x32x64 concurrencies", () => {
    expect(metadataOf(V1_GUIDE)).toEqual({
      jobId: "3667",
      jobName: "dsv3-1p4d-baseline",
      metadataVersion: "1.0",
      runDate: "2025-11-10 19:21:45",
      mode: "disaggregated",
      container: "ghcr.io/sgl-project/sglang:v0.4.1-cu121",
      modelPath: "/models/DeepSeek-V3",
      precision: null,
      gpuType: "NVIDIA H100 80GB HBM3",
      gpusPerNode: 8,
      prefillNodes: 1,
      decodeNodes: 4,
      aggNodes: null,
      prefillWorkers: 1,
      decodeWorkers: 4,
      aggWorkers: null,
      gpusPerPrefill: null,
      gpusPerDecode: null,
      gpusPerAgg: null,
      frontends: 1,
      backendType: null,
      frontendType: null,
      partition: "batch",
      profiler: { type: "sa-bench", isl: 1024, osl: 1024, concurrencies: [16, 32, 64, 128, 256], requestRate: "inf" },
      tags: ["baseline", "h100"],
    } satisfies RunMetadata);
  });

  it("reads numeric values and a JSON-list of concurrencies; a numeric job id becomes text", () => {
    const text = JSON.stringify({
      version: "1.0",
      run_metadata: {
        slurm_job_id: 12045,
        run_date: "20251115_101500",
        gpus_per_node: 4,
        mode: "disaggregated",
        prefill_nodes: 1,
        decode_nodes: 2,
        prefill_workers: 2,
        decode_workers: 2,
      },
      profiler_metadata: { type: "sa-bench", isl: 8192, osl: 1024, concurrencies: [64, 256] },
    });
    const m = metadataOf(text, "12045.json", "12045");
    expect(m).toMatchObject({
      jobId: "12045",
      runDate: "2025-11-15 10:15:00",
      gpusPerNode: 4,
      prefillNodes: 1,
      decodeNodes: 2,
      prefillWorkers: 2,
      decodeWorkers: 2,
      profiler: { type: "sa-bench", isl: 8192, osl: 1024, concurrencies: [64, 256], requestRate: null },
      tags: [],
    });
  });

  it.each([
    ["16x32x64", [16, 32, 64]],
    ["16,32,64", [16, 32, 64]],
    ["64x16x16", [16, 64]],
    [[16, 32, 64], [16, 32, 64]],
    [["16", "32"], [16, 32]],
    [64, [64]],
  ])("v1 concurrencies %j -> %j", (concurrencies, expected) => {
    const text = JSON.stringify({ run_metadata: { slurm_job_id: "1" }, profiler_metadata: { type: "sa-bench", concurrencies } });
    expect(metadataOf(text).profiler.concurrencies).toEqual(expected);
  });

  it("v1 without concurrencies: null, or the recipe's when given", () => {
    const text = JSON.stringify({ run_metadata: { slurm_job_id: "1" }, profiler_metadata: { type: "sa-bench", isl: "1024" } });
    expect(metadataOf(text).profiler.concurrencies).toBeNull();
    expect(metadataOf(text, "1.json", "1", [4, 8]).profiler.concurrencies).toEqual([4, 8]);
  });

  it("v1 concurrencies in the file win over the recipe", () => {
    const text = JSON.stringify({ run_metadata: {}, profiler_metadata: { type: "sa-bench", concurrencies: "1x2" } });
    expect(metadataOf(text, "1.json", "1", [4, 8]).profiler.concurrencies).toEqual([1, 2]);
  });

  it("v1 run_date missing -> generated_at; other run_date forms pass through", () => {
    expect(metadataOf(JSON.stringify({ generated_at: "2025-11-10 19:22:00", run_metadata: {} })).runDate).toBe("2025-11-10 19:22:00");
    expect(metadataOf(JSON.stringify({ run_metadata: { run_date: "2025-11-10T19:21:45" } })).runDate).toBe("2025-11-10T19:21:45");
    expect(metadataOf(JSON.stringify({ run_metadata: {} })).runDate).toBeNull();
  });

  it("aggregated v1: mode 'aggregated' with agg_nodes / agg_workers", () => {
    const text = JSON.stringify({
      run_metadata: { slurm_job_id: "777", mode: "aggregated", gpus_per_node: "8", agg_nodes: "2", agg_workers: "8" },
      profiler_metadata: { type: "sa-bench", isl: "1024", osl: "1024", concurrencies: "8x16" },
    });
    expect(metadataOf(text, "777.json", "777")).toMatchObject({
      jobId: "777",
      mode: "aggregated",
      gpusPerNode: 8,
      aggNodes: 2,
      aggWorkers: 8,
      prefillNodes: null,
      decodeNodes: null,
      prefillWorkers: null,
      decodeWorkers: null,
      profiler: { concurrencies: [8, 16] },
    });
  });

  it("v1 without mode: aggregated when agg nodes or workers are set, else disaggregated", () => {
    expect(metadataOf(JSON.stringify({ run_metadata: { agg_nodes: "1" } })).mode).toBe("aggregated");
    expect(metadataOf(JSON.stringify({ run_metadata: { agg_workers: 4 } })).mode).toBe("aggregated");
    expect(metadataOf(JSON.stringify({ run_metadata: { prefill_nodes: "1", decode_nodes: "1" } })).mode).toBe("disaggregated");
    expect(metadataOf(JSON.stringify({ run_metadata: { mode: "disaggregated", agg_nodes: "1" } })).mode).toBe("disaggregated");
  });

  it("v1 'None' and empty strings are unknown", () => {
    const text = JSON.stringify({
      run_metadata: { slurm_job_id: "None", container: "None", prefill_nodes: "", gpus_per_node: "None", gpu_type: "" },
      profiler_metadata: { type: "sa-bench", isl: "None", osl: "None" },
    });
    expect(metadataOf(text, "55.json", "55")).toMatchObject({
      jobId: "55",
      container: null,
      prefillNodes: null,
      gpusPerNode: null,
      gpuType: null,
      profiler: { isl: null, osl: null },
    });
  });

  it("v1 frontends: 1 + additional when multiple frontends are enabled, else 1", () => {
    const runWith = (extra: Record<string, unknown>) => metadataOf(JSON.stringify({ run_metadata: { slurm_job_id: "1", ...extra } })).frontends;
    expect(runWith({})).toBe(1);
    expect(runWith({ enable_multiple_frontends: true, num_additional_frontends: "2" })).toBe(3);
    expect(runWith({ enable_multiple_frontends: "true", num_additional_frontends: 3 })).toBe(4);
    expect(runWith({ enable_multiple_frontends: false, num_additional_frontends: 3 })).toBe(1);
  });

  it("v1 profiler: profiler_type fallback, 'unknown' without profiler metadata; tags keep only strings", () => {
    expect(metadataOf(JSON.stringify({ run_metadata: {}, profiler_metadata: { profiler_type: "vllm" } })).profiler.type).toBe("vllm");
    expect(metadataOf(JSON.stringify({ run_metadata: {} })).profiler).toEqual({
      type: "unknown",
      isl: null,
      osl: null,
      concurrencies: null,
      requestRate: null,
    });
    expect(metadataOf(JSON.stringify({ run_metadata: {}, tags: ["a", 1, null, "b"] })).tags).toEqual(["a", "b"]);
  });
});

describe("parseRunMetadata: v2 flat", () => {
  const V2 = JSON.stringify({
    version: "2.0",
    orchestrator: true,
    job_id: "4401463",
    job_name: "disagg-8k1k-shared-decode",
    generated_at: "2026-01-20 08:00:00",
    model: { path: "qwen3-32b", container: "0.5.6.post2", precision: "bf16" },
    resources: {
      gpu_type: "h100",
      gpus_per_node: 8,
      prefill_nodes: 2,
      decode_nodes: 0,
      agg_nodes: null,
      prefill_workers: 4,
      decode_workers: 2,
      agg_workers: null,
      gpus_per_prefill: 2,
      gpus_per_decode: 2,
      gpus_per_agg: null,
    },
    backend_type: "sglang",
    frontend_type: "dynamo",
    benchmark: { type: "sa-bench", isl: 8192, osl: 1024 },
    tags: ["shared-decode"],
    setup_script: "setup.sh",
  });

  it("reads every field, with the recipe's concurrencies", () => {
    expect(metadataOf(V2, "4401463.json", "4401463", [16, 64, 256])).toEqual({
      jobId: "4401463",
      jobName: "disagg-8k1k-shared-decode",
      metadataVersion: "2.0",
      runDate: "2026-01-20 08:00:00",
      mode: "disaggregated",
      container: "0.5.6.post2",
      modelPath: "qwen3-32b",
      precision: "bf16",
      gpuType: "h100",
      gpusPerNode: 8,
      prefillNodes: 2,
      decodeNodes: 0,
      aggNodes: null,
      prefillWorkers: 4,
      decodeWorkers: 2,
      aggWorkers: null,
      gpusPerPrefill: 2,
      gpusPerDecode: 2,
      gpusPerAgg: null,
      frontends: null,
      backendType: "sglang",
      frontendType: "dynamo",
      partition: null,
      profiler: { type: "sa-bench", isl: 8192, osl: 1024, concurrencies: [16, 64, 256], requestRate: null },
      tags: ["shared-decode"],
    } satisfies RunMetadata);
  });

  it("without recipe concurrencies they stay null", () => {
    expect(metadataOf(V2, "4401463.json", "4401463", null).profiler.concurrencies).toBeNull();
  });

  it("benchmark.concurrencies in the file win over the recipe", () => {
    const text = JSON.stringify({ version: "2.0", benchmark: { type: "sa-bench", concurrencies: "2x4" } });
    expect(metadataOf(text, "9.json", "9", [16]).profiler.concurrencies).toEqual([2, 4]);
  });

  it("nulls everywhere: every field null, job id from the directory, profiler 'unknown'", () => {
    const text = JSON.stringify({
      version: "2.0",
      job_id: null,
      job_name: null,
      generated_at: null,
      model: null,
      resources: null,
      backend_type: null,
      frontend_type: null,
      benchmark: null,
    });
    expect(metadataOf(text, "4401999.json", "4401999", null)).toEqual({
      jobId: "4401999",
      jobName: null,
      metadataVersion: "2.0",
      runDate: null,
      mode: "disaggregated",
      container: null,
      modelPath: null,
      precision: null,
      gpuType: null,
      gpusPerNode: null,
      prefillNodes: null,
      decodeNodes: null,
      aggNodes: null,
      prefillWorkers: null,
      decodeWorkers: null,
      aggWorkers: null,
      gpusPerPrefill: null,
      gpusPerDecode: null,
      gpusPerAgg: null,
      frontends: null,
      backendType: null,
      frontendType: null,
      partition: null,
      profiler: { type: "unknown", isl: null, osl: null, concurrencies: null, requestRate: null },
      tags: [],
    } satisfies RunMetadata);
  });

  it("null values inside resources/model/benchmark, with recipe concurrencies", () => {
    const text = JSON.stringify({
      version: "2.0",
      job_id: "8",
      model: { path: null, container: null, precision: null },
      resources: {
        gpu_type: null,
        gpus_per_node: null,
        prefill_nodes: null,
        decode_nodes: null,
        agg_nodes: null,
        prefill_workers: null,
        decode_workers: null,
        agg_workers: null,
        gpus_per_prefill: null,
        gpus_per_decode: null,
        gpus_per_agg: null,
      },
      benchmark: { type: "sa-bench", isl: null, osl: null },
    });
    const m = metadataOf(text, "8.json", "8", [1, 2, 4]);
    expect(m).toMatchObject({
      jobId: "8",
      container: null,
      modelPath: null,
      gpusPerNode: null,
      prefillNodes: null,
      aggWorkers: null,
      gpusPerDecode: null,
      mode: "disaggregated",
      profiler: { type: "sa-bench", isl: null, osl: null, concurrencies: [1, 2, 4], requestRate: null },
    });
  });

  it("aggregated v2 (agg_nodes / agg_workers set)", () => {
    const text = JSON.stringify({
      version: "2.0",
      job_id: "4401470",
      resources: { gpu_type: "h100", gpus_per_node: 8, agg_nodes: 2, agg_workers: 8, prefill_nodes: null, decode_nodes: null },
      benchmark: { type: "sa-bench", isl: 1024, osl: 1024 },
    });
    expect(metadataOf(text, "4401470.json", "4401470")).toMatchObject({ mode: "aggregated", aggNodes: 2, aggWorkers: 8, gpusPerNode: 8 });
  });
});

function warningsOf(text: string, fileName = "3667.json"): string[] {
  const result = parseRunMetadata(text, fileName, "3667", null);
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}`);
  return result.warnings;
}

// srt-slurm's reader (analysis/srtlog/models.py, RunMetadata.from_json) tells the form by the
// `run_metadata` key alone; `version` is never consulted.
describe("parseRunMetadata: the form is told by shape, not by version", () => {
  it("a flat file without version reads as the flat form with no warning", () => {
    const text = JSON.stringify({ job_id: "12", job_name: "hand-written", resources: { gpu_type: "gb200", gpus_per_node: 4, prefill_nodes: 1, decode_nodes: 2 } });
    const result = parseRunMetadata(text, "12.json", "12", null);
    expect(result).toMatchObject({ ok: true, warnings: [], metadata: { jobId: "12", jobName: "hand-written", metadataVersion: "2.0", gpuType: "gb200", gpusPerNode: 4, prefillNodes: 1, decodeNodes: 2 } });
  });

  it.each(["2.1", "3"])('flat version "%s" reads as flat, with one warning naming it', (version) => {
    expect(warningsOf(JSON.stringify({ version, job_id: "3667" }))).toEqual([
      `3667.json says version "${version}", which this reader does not know; read it as the flat form, so some fields may be missing`,
    ]);
    expect(metadataOf(JSON.stringify({ version, job_id: "3667", resources: { agg_workers: 2 } })).mode).toBe("aggregated");
  });

  it('version "2.0" and no version give the same metadata and no warnings', () => {
    const body = { job_id: "7", benchmark: { type: "sa-bench", isl: 1024, osl: 1024, concurrencies: "1x2x4", "req-rate": "inf" } };
    expect(parseRunMetadata(JSON.stringify({ version: "2.0", ...body }), "7.json", "7", null)).toEqual(parseRunMetadata(JSON.stringify(body), "7.json", "7", null));
    expect(warningsOf(JSON.stringify(body))).toEqual([]);
  });

  it('a nested file with version "1.1" still reads as nested, with a warning', () => {
    const text = JSON.stringify({ version: "1.1", run_metadata: { slurm_job_id: "3667", mode: "aggregated", agg_nodes: "2" } });
    expect(metadataOf(text)).toMatchObject({ metadataVersion: "1.0", mode: "aggregated", aggNodes: 2 });
    expect(warningsOf(text)).toEqual(['3667.json says version "1.1", which this reader does not know; read it as the nested (run_metadata) form, so some fields may be missing']);
  });

  it.each([
    ["a list", [1, 2, 4], [1, 2, 4]],
    ["one number", 64, [64]],
    ["an x-string", "16x32x64", [16, 32, 64]],
  ])("flat benchmark.concurrencies as %s", (_name, concurrencies, expected) => {
    expect(metadataOf(JSON.stringify({ benchmark: { type: "sa-bench", concurrencies } }), "9.json", "9", [999]).profiler.concurrencies).toEqual(expected);
  });

  it.each([
    [10, "10"],
    ["inf", "inf"],
    ["2.5", "2.5"],
  ])('flat benchmark["req-rate"] %j -> requestRate %j', (rate, expected) => {
    expect(metadataOf(JSON.stringify({ benchmark: { type: "sa-bench", "req-rate": rate } })).profiler.requestRate).toBe(expected);
  });

  it("an object with no metadata key at all reads as flat, everything unknown, and says so", () => {
    expect(metadataOf('{"job": 1, "name": "x"}')).toMatchObject({ jobId: "3667", metadataVersion: "2.0", gpuType: null, profiler: { type: "unknown", concurrencies: null } });
    expect(warningsOf('{"job": 1, "name": "x"}')).toEqual([
      "3667.json has none of the metadata keys (run_metadata, job_id, model, resources, benchmark, ...); everything about the run is unknown",
    ]);
  });
});

describe("parseRunMetadata: unreadable files", () => {
  it.each([
    ["an empty file", ""],
    ["a whitespace-only file", "  \n\t\n"],
  ])("%s -> 'unreadable 3667.json: empty file'", (_name, text) => {
    expect(parseRunMetadata(text, "3667.json", "3667", null)).toEqual({ ok: false, reason: "unreadable 3667.json: empty file" });
  });

  it("invalid JSON names line 3 column 13 (the stray comma)", () => {
    const text = '{\n  "version": "2.0",\n  "job_id": ,\n  "job_name": "broken"\n}\n';
    const prefix = "unreadable 5003.json: invalid JSON at line 3 column 13: ";
    expect(reasonOf(text, "5003.json").slice(0, prefix.length)).toBe(prefix);
  });

  it("a truncated file is reported as invalid JSON at the end", () => {
    const text = '{\n  "version": "2.0",\n  "job_id": "7"\n';
    expect(reasonOf(text, "7.json")).toBe("unreadable 7.json: invalid JSON at line 4 column 1: expected ',' or '}', found end of file");
  });

  it("a fault inside the nested run_metadata object is named at its own line and column", () => {
    const text = ["{", '  "run_metadata": {', '    "a": 1,', '    "b": 2,,', "  }", "}", ""].join("\n");
    // The second comma of `    "b": 2,,` is the fault: line 4, column 12 (not where run_metadata's value starts).
    const prefix = "unreadable 3667.json: invalid JSON at line 4 column 12: ";
    expect(reasonOf(text).slice(0, prefix.length)).toBe(prefix);
  });

  it.each([
    ["a list", '[{"version": "2.0"}]'],
    ["a string", '"3667"'],
    ["null", "null"],
    ["a number", "3667"],
  ])("JSON that is %s -> 'expected a JSON object'", (_name, text) => {
    expect(parseRunMetadata(text, "3667.json", "3667", null)).toEqual({ ok: false, reason: "unreadable 3667.json: expected a JSON object" });
  });

  it("a flat object whose model is not an object: unreadable, naming the field", () => {
    const reason = reasonOf('{"job_id": "3667", "model": "qwen"}');
    const prefix = "unreadable 3667.json: not the nested (run_metadata) form, and not the flat form: ";
    expect(reason.slice(0, prefix.length)).toBe(prefix);
    expect(reason).toContain("model");
  });

  it("v1 whose run_metadata is not an object", () => {
    const reason = reasonOf('{"run_metadata": "oops"}');
    expect(reason.slice(0, "unreadable 3667.json: ".length)).toBe("unreadable 3667.json: ");
    expect(reason).toContain("run_metadata");
  });
});

describe("parseJsonText", () => {
  it("parses valid JSON", () => {
    expect(parseJsonText('{"a": [1, "x"]}')).toEqual({ ok: true, value: { a: [1, "x"] } });
    expect(parseJsonText("[1]")).toEqual({ ok: true, value: [1] });
  });

  it("empty and whitespace-only text is 'empty file'", () => {
    expect(parseJsonText("")).toEqual({ ok: false, message: "empty file" });
    expect(parseJsonText(" \r\n ")).toEqual({ ok: false, message: "empty file" });
  });

  it("names line and column of a fault at top level", () => {
    expect(parseJsonText('{\n  "a": 1\n  "b": 2\n}')).toEqual({ ok: false, message: "invalid JSON at line 3 column 3: expected ',' or '}', found '\"'" });
  });

  it("counts columns in characters as editors do, not UTF-8 bytes", () => {
    // The missing comma is before the 14th character; "é" is one character (two UTF-8 bytes).
    expect(parseJsonText('{"name": "é" "x": 1}')).toEqual({ ok: false, message: "invalid JSON at line 1 column 14: expected ',' or '}', found '\"'" });
  });
});

describe("parseConcurrencyList", () => {
  it.each([
    ["16x32x64", [16, 32, 64]],
    ["16,32", [16, 32]],
    ["16 32", [16, 32]],
    ["64x16x16", [16, 64]],
    [[16, 32], [16, 32]],
    [["16", "32"], [16, 32]],
    [[1.5, -2, 8], [8]],
    [64, [64]],
    ["", null],
    ["   ", null],
    ["abc", null],
    [[], null],
    [null, null],
    [undefined, null],
    [{ a: 1 }, null],
  ])("%j -> %j", (value, expected) => {
    expect(parseConcurrencyList(value)).toEqual(expected);
  });
});
