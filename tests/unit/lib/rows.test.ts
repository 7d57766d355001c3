import { describe, expect, it } from "vitest";
import { ROW_COLUMNS, toRows } from "@/lib/rows";
import type { BenchPoint, Run, RunMetadata } from "@/lib/model";
import { blankMetadata, blankPoint as point } from "../../helpers/model-builders";

/** The guide's 1P/4D H100 run; tests override what they vary. */
function metadata(overrides: Partial<RunMetadata>): RunMetadata {
  return blankMetadata({
    jobId: "3667",
    metadataVersion: "1.0",
    runDate: "2025-11-10 19:21:45",
    gpuType: "NVIDIA H100 80GB HBM3",
    gpusPerNode: 8,
    prefillNodes: 1,
    decodeNodes: 4,
    prefillWorkers: 1,
    decodeWorkers: 4,
    frontends: 1,
    profiler: { type: "sa-bench", isl: 1024, osl: 1024, concurrencies: [16, 64], requestRate: "inf" },
    ...overrides,
  });
}



function run(jobId: string, m: RunMetadata, totalGpus: number | null, points: BenchPoint[]): Run {
  return {
    jobId,
    runPath: `/logs/${jobId}`,
    runDir: jobId,
    metadataFile: `${jobId}.json`,
    metadata: m,
    topology: "1P/4D",
    totalGpus,
    resultDirs: ["sa-bench_isl_1024_osl_1024"],
    points,
    expectedConcurrencies: points.map((p) => p.concurrency),
    missingConcurrencies: [],
    missing: [],
    isComplete: true,
    notes: [],
    warnings: [],
  };
}

describe("ROW_COLUMNS", () => {
  it("are the 31 data-frame columns in order, then the 9 pivot columns (issue 13 peak TPS, issue 20 item 10)", () => {
    expect([...ROW_COLUMNS]).toEqual([
      "Run ID",
      "Run Date",
      "Profiler",
      "ISL",
      "OSL",
      "Prefill Nodes",
      "Decode Nodes",
      "Prefill Workers",
      "Decode Workers",
      "Frontends",
      "GPUs per Node",
      "Total GPUs",
      "Request Rate",
      "Concurrency",
      "Output TPS",
      "Total TPS",
      "Output TPS/GPU",
      "Total TPS/GPU",
      "Output TPS/User",
      "Mean TTFT (ms)",
      "Mean TPOT (ms)",
      "Mean ITL (ms)",
      "Median TTFT (ms)",
      "Median TPOT (ms)",
      "Median ITL (ms)",
      "P99 TTFT (ms)",
      "P99 TPOT (ms)",
      "P99 ITL (ms)",
      "Std TTFT (ms)",
      "Std TPOT (ms)",
      "Std ITL (ms)",
      "Peak Output TPS",
      "GPU Type",
      "Topology",
      "Agg Workers",
      "Tags",
      "Container",
      "Backend",
      "Model",
      "Run Directory",
      "Goodput (req/s)",
      "SLA attainment (%)",
      "Benchmark request_goodput (req/s)",
      "Mean Power (W)",
      "Peak Power (W)",
      "Power/GPU (W)",
      "Energy (J)",
      "Output Tokens/J",
      "J/Output Token",
    ]);
    expect(ROW_COLUMNS).toHaveLength(49);
  });
});

describe("toRows", () => {
  const p16 = point({
    concurrency: 16,
    requestRate: Infinity,
    outputTps: 5000,
    totalTps: 10000,
    meanTtftMs: 245.5,
    meanTpotMs: 32,
    meanItlMs: 31.75,
    medianTtftMs: 198.25,
    medianTpotMs: 28.5,
    medianItlMs: 27.5,
    p99TtftMs: 892.125,
    p99TpotMs: 78.5,
    p99ItlMs: 80.25,
    stdTtftMs: 50.75,
    stdTpotMs: 4.25,
    stdItlMs: 5.5,
    meanE2elMs: 999,
    peakOutputTps: 6123.5,
    modelId: "deepseek-ai/DeepSeek-V3",
  });
  const p64 = point({ concurrency: 64, requestRate: null, outputTps: 12000, totalTps: null, meanTpotMs: 40 });
  const v1 = run("3667", metadata({}), 40, [p16, p64]);

  it("one row per point with every column, derived per-GPU and per-user rates", () => {
    const rows = toRows([v1]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      "Run ID": "3667",
      "Run Date": "2025-11-10 19:21:45",
      Profiler: "sa-bench",
      ISL: 1024,
      OSL: 1024,
      "Prefill Nodes": 1,
      "Decode Nodes": 4,
      "Prefill Workers": 1,
      "Decode Workers": 4,
      Frontends: 1,
      "GPUs per Node": 8,
      "Total GPUs": 40,
      "Request Rate": "inf",
      Concurrency: 16,
      "Output TPS": 5000,
      "Total TPS": 10000,
      "Output TPS/GPU": 125, // 5000 / 40
      "Total TPS/GPU": 250, // 10000 / 40
      "Output TPS/User": 31.25, // 1000 / 32
      "Mean TTFT (ms)": 245.5,
      "Mean TPOT (ms)": 32,
      "Mean ITL (ms)": 31.75,
      "Median TTFT (ms)": 198.25,
      "Median TPOT (ms)": 28.5,
      "Median ITL (ms)": 27.5,
      "P99 TTFT (ms)": 892.125,
      "P99 TPOT (ms)": 78.5,
      "P99 ITL (ms)": 80.25,
      "Std TTFT (ms)": 50.75,
      "Std TPOT (ms)": 4.25,
      "Std ITL (ms)": 5.5,
      "Peak Output TPS": 6123.5,
      "GPU Type": "NVIDIA H100 80GB HBM3",
      Topology: "1P/4D",
      "Agg Workers": null,
      Tags: null,
      Container: null,
      Backend: null,
      Model: "deepseek-ai/DeepSeek-V3", // no model path in the metadata: the result's model id
      "Run Directory": "3667",
      "Goodput (req/s)": null,
      "SLA attainment (%)": null,
      "Benchmark request_goodput (req/s)": null,
      "Mean Power (W)": null,
      "Peak Power (W)": null,
      "Power/GPU (W)": null,
      "Energy (J)": null,
      "Output Tokens/J": null,
      "J/Output Token": null,
    });
  });

  it("pivot columns come from the metadata: tags joined, model path before the result's model id", () => {
    const m = metadata({ tags: ["baseline", "h100"], container: "lmsysorg/sglang:v0.5.6", backendType: "sglang", modelPath: "/models/dsv3", aggWorkers: 4, mode: "aggregated" });
    const aggRun = { ...run("4401470", m, 8, [p16, p64]), topology: "4A", runDir: "4401470_4A_20260101_000000" };
    expect(toRows([aggRun]).map((r) => [r["Peak Output TPS"], r.Topology, r["Agg Workers"], r.Tags, r.Container, r.Backend, r.Model, r["Run Directory"]])).toEqual([
      [6123.5, "4A", 4, "baseline, h100", "lmsysorg/sglang:v0.5.6", "sglang", "/models/dsv3", "4401470_4A_20260101_000000"],
      [null, "4A", 4, "baseline, h100", "lmsysorg/sglang:v0.5.6", "sglang", "/models/dsv3", "4401470_4A_20260101_000000"],
    ]);
  });

  it("row keys come in ROW_COLUMNS order", () => {
    for (const row of toRows([v1])) expect(Object.keys(row)).toEqual([...ROW_COLUMNS]);
  });

  it("a point without a request rate takes the metadata's req-rate ('inf'); missing totals give null per-GPU values", () => {
    const row = toRows([v1])[1];
    expect(row["Request Rate"]).toBe("inf");
    expect(row.Concurrency).toBe(64);
    expect(row["Output TPS/GPU"]).toBe(300); // 12000 / 40
    expect(row["Total TPS"]).toBeNull();
    expect(row["Total TPS/GPU"]).toBeNull();
    expect(row["Output TPS/User"]).toBe(25); // 1000 / 40
    expect(row["Mean TTFT (ms)"]).toBeNull();
  });

  it("numeric request rates stay numbers; no rate anywhere is null", () => {
    const m = metadata({ profiler: { type: "sa-bench", isl: null, osl: null, concurrencies: null, requestRate: null } });
    const rows = toRows([run("9", m, 16, [point({ concurrency: 1, requestRate: 2.5 }), point({ concurrency: 2 })])]);
    expect(rows.map((r) => r["Request Rate"])).toEqual([2.5, null]);
  });

  it("unknown GPUs -> null per-GPU values; mean TPOT null or 0 -> null TPS/User", () => {
    const rows = toRows([
      run("7", metadata({}), null, [
        point({ concurrency: 1, outputTps: 100, totalTps: 200, meanTpotMs: null }),
        point({ concurrency: 2, outputTps: 100, meanTpotMs: 0 }),
      ]),
    ]);
    expect(rows.map((r) => [r["Total GPUs"], r["Output TPS/GPU"], r["Total TPS/GPU"], r["Output TPS/User"]])).toEqual([
      [null, null, null, null],
      [null, null, null, null],
    ]);
  });

  it("runs in the order given, points in each run's order", () => {
    const a = run("12045", metadata({ profiler: { type: "sa-bench", isl: 8192, osl: 1024, concurrencies: null, requestRate: null } }), 16, [
      point({ concurrency: 64 }),
      point({ concurrency: 256 }),
    ]);
    const rows = toRows([a, v1]);
    expect(rows.map((r) => [r["Run ID"], r.Concurrency, r.ISL])).toEqual([
      ["12045", 64, 8192],
      ["12045", 256, 8192],
      ["3667", 16, 1024],
      ["3667", 64, 1024],
    ]);
    expect(toRows([])).toEqual([]);
  });
});
