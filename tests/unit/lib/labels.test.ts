import { describe, expect, it } from "vitest";
import { csvFileName, incompleteWarning, legendLabel, nodeLineLabel, runGpuLabel, runPickerLabel, shortGpuName } from "@/lib/labels";
import { makeRun } from "./charts/make-run";

describe("labels", () => {
  it("short GPU names", () => {
    expect(shortGpuName("NVIDIA H100 80GB HBM3")).toBe("H100");
    expect(shortGpuName("h100")).toBe("H100");
    expect(shortGpuName("GB200")).toBe("GB200");
    expect(shortGpuName("l40s")).toBe("L40S");
    expect(shortGpuName("NVIDIA A100-SXM4-80GB")).toBe("A100");
    expect(shortGpuName("AMD Instinct MI300X")).toBe("MI300X");
    expect(shortGpuName("NVIDIA RTX PRO 6000 Blackwell")).toBe("NVIDIA RTX PRO 6000 Blackwell");
    expect(shortGpuName(null)).toBeNull();
    expect(shortGpuName("  ")).toBeNull();
  });

  it("run picker label as the guide shows it", () => {
    expect(runPickerLabel(makeRun())).toBe("Job 3667 | 1P/4D | 1024/1024 [H100]");
    expect(runPickerLabel(makeRun({ meta: { gpuType: null, profiler: { type: "sa-bench", isl: null, osl: null, concurrencies: null, requestRate: null } } }))).toBe(
      "Job 3667 | 1P/4D | ?/?",
    );
  });

  it("legend label: prefill/decode GPUs for disaggregated runs, total GPUs for aggregated", () => {
    expect(legendLabel(makeRun())).toBe("3667 | 1P/4D | 8+32 GPUs | 1024/1024 | H100");
    const agg = makeRun({
      jobId: "3668",
      topology: "8A",
      totalGpus: 64,
      meta: { mode: "aggregated", prefillNodes: null, decodeNodes: null, prefillWorkers: null, decodeWorkers: null, aggNodes: 8, aggWorkers: 8 },
    });
    expect(legendLabel(agg)).toBe("3668 | 8A | 64 GPUs | 1024/1024 | H100");
    // srtctl's per-role GPU counts win over nodes x GPUs per node (workers may share nodes).
    const shared = makeRun({ topology: "4P/2D", meta: { prefillWorkers: 4, decodeWorkers: 2, gpusPerPrefill: 1, gpusPerDecode: 4, decodeNodes: 0 } });
    expect(legendLabel(shared)).toBe("3667 | 4P/2D | 4+8 GPUs | 1024/1024 | H100");
  });

  it("node metrics line names: run, topology, GPUs, then the node, DP rank or all nodes", () => {
    const run = makeRun({ jobId: "3320", topology: "6P/1D", meta: { prefillWorkers: 6, decodeWorkers: 1, gpusPerPrefill: 4, gpusPerDecode: 32 } });
    expect(nodeLineLabel(runGpuLabel(run), "cn01-p-w0")).toBe("3320 | 6P/1D | 24+32 GPUs | cn01-p-w0");
    const agg = makeRun({ jobId: "3668", topology: "8A", totalGpus: 8, meta: { mode: "aggregated" } });
    expect(nodeLineLabel(runGpuLabel(agg), "all nodes")).toBe("3668 | 8A | 8 GPUs | all nodes");
  });

  it("incomplete-run warning names the missing concurrencies like Python prints a list", () => {
    expect(incompleteWarning({ jobId: "3667", missingConcurrencies: [128, 256] })).toBe("Job 3667 is incomplete - Missing concurrencies: [128, 256]");
  });

  it("CSV file names say which runs they hold", () => {
    expect(csvFileName([{ jobId: "3667" }])).toBe("srtlog-benchmark-data-job-3667.csv");
    expect(csvFileName([{ jobId: "3667" }, { jobId: "12045" }])).toBe("srtlog-benchmark-data-jobs-3667-12045.csv");
    const many = ["3667", "12045", "3601", "4000", "5000"].map((jobId) => ({ jobId }));
    expect(csvFileName(many)).toBe("srtlog-benchmark-data-5-runs-3601-to-12045.csv");
    expect(csvFileName([])).toBe("srtlog-benchmark-data-no-runs.csv");
  });
});
