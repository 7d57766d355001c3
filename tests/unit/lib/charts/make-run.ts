import type { BenchPoint, Run, RunMetadata } from "@/lib/model";

/** A benchmark point with every field missing except those given. */
export function makePoint(overrides: Partial<BenchPoint>): BenchPoint {
  const nulls = Object.fromEntries(
    [
      "requestRate", "outputTps", "totalTps", "inputTps", "requestThroughput", "requestGoodput", "peakOutputTps",
      "meanTtftMs", "medianTtftMs", "p99TtftMs", "stdTtftMs", "meanTpotMs", "medianTpotMs", "p99TpotMs", "stdTpotMs",
      "meanItlMs", "medianItlMs", "p99ItlMs", "stdItlMs", "meanE2elMs", "medianE2elMs", "p99E2elMs", "stdE2elMs",
      "totalInputTokens", "totalOutputTokens", "completed", "failed", "numPrompts", "durationS", "startTimeUnix",
      "endTimeUnix", "date", "backend", "modelId",
    ].map((key) => [key, null]),
  );
  return { ...nulls, concurrency: 1, sourceFile: "sa-bench_isl_1024_osl_1024/concurrency_1.json", ...overrides } as BenchPoint;
}

export function makeMetadata(overrides: Partial<RunMetadata> = {}): RunMetadata {
  return {
    jobId: "3667", jobName: null, metadataVersion: "1.0", runDate: "2025-11-10 19:21:45", mode: "disaggregated",
    container: "ghcr.io/sgl-project/sglang:v0.4.1-cu121", modelPath: null, precision: null, gpuType: "NVIDIA H100 80GB HBM3",
    gpusPerNode: 8, prefillNodes: 1, decodeNodes: 4, aggNodes: null, prefillWorkers: 1, decodeWorkers: 4, aggWorkers: null,
    gpusPerPrefill: null, gpusPerDecode: null, gpusPerAgg: null, frontends: null, backendType: null, frontendType: null,
    partition: null, profiler: { type: "sa-bench", isl: 1024, osl: 1024, concurrencies: null, requestRate: "inf" }, tags: [],
    ...overrides,
  };
}

/** A run like the guide's job 3667 (1P/4D, 40 GPUs, H100) unless told otherwise. */
export function makeRun(overrides: Partial<Run> & { meta?: Partial<RunMetadata> } = {}): Run {
  const { meta, ...rest } = overrides;
  const jobId = rest.jobId ?? meta?.jobId ?? "3667";
  return {
    jobId,
    runPath: `/logs/${rest.runDir ?? jobId}`,
    runDir: jobId,
    metadataFile: `${jobId}.json`,
    metadata: makeMetadata({ jobId, ...meta }),
    topology: "1P/4D",
    totalGpus: 40,
    resultDirs: ["sa-bench_isl_1024_osl_1024"],
    points: [],
    expectedConcurrencies: [],
    missingConcurrencies: [],
    missing: [],
    isComplete: true,
    notes: [],
    warnings: [],
    ...rest,
  };
}
