import { describe, expect, it } from "vitest";
import { toPointSummary, toRunSummary } from "@/lib/run-summary";
import type { BenchPoint, Run, RunMetadata } from "@/lib/model";
import { blankPoint as point } from "../../helpers/model-builders";


const METADATA: RunMetadata = {
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
  profiler: { type: "sa-bench", isl: 1024, osl: 2048, concurrencies: [16, 32, 64], requestRate: "inf" },
  tags: ["baseline", "h100"],
};

describe("toPointSummary", () => {
  it("keeps every point field and adds the derived rates", () => {
    const p = point({ concurrency: 16, requestRate: 2.5, outputTps: 5000, totalTps: 10000, meanTpotMs: 32, meanTtftMs: 245.5, completed: 160 });
    expect(toPointSummary(p, 40)).toEqual({
      ...p,
      requestRate: 2.5,
      outputTpsPerGpu: 125, // 5000 / 40
      totalTpsPerGpu: 250, // 10000 / 40
      outputTpsPerUser: 31.25, // 1000 / 32
    });
  });

  it('an unlimited request rate becomes "inf" and survives JSON', () => {
    const summary = toPointSummary(point({ requestRate: Infinity }), 8);
    expect(summary.requestRate).toBe("inf");
    expect(JSON.parse(JSON.stringify(summary)).requestRate).toBe("inf");
  });

  it("unknown GPUs, throughputs or TPOT give null derived rates", () => {
    expect(toPointSummary(point({ outputTps: 100, totalTps: 200, meanTpotMs: 20 }), null)).toMatchObject({
      requestRate: null,
      outputTpsPerGpu: null,
      totalTpsPerGpu: null,
      outputTpsPerUser: 50,
    });
    expect(toPointSummary(point({ outputTps: null, totalTps: null, meanTpotMs: null }), 8)).toMatchObject({
      outputTpsPerGpu: null,
      totalTpsPerGpu: null,
      outputTpsPerUser: null,
    });
    expect(toPointSummary(point({ outputTps: 100 }), 0).outputTpsPerGpu).toBeNull();
  });
});

describe("toRunSummary", () => {
  it("is the `srtlog runs --json` shape", () => {
    const p16 = point({ concurrency: 16, requestRate: Infinity, outputTps: 4000, totalTps: 8000, meanTpotMs: 25 });
    const p32 = point({ concurrency: 32, outputTps: 6000, meanTpotMs: 40 });
    const run: Run = {
      jobId: "3667",
      runPath: "/data/logs/3667_1P_4D_20251110_192145",
      runDir: "3667_1P_4D_20251110_192145",
      metadataFile: "3667.json",
      metadata: METADATA,
      topology: "1P/4D",
      totalGpus: 40,
      resultDirs: ["sa-bench_isl_1024_osl_2048"],
      points: [p16, p32],
      expectedConcurrencies: [16, 32, 64],
      missingConcurrencies: [64],
      missing: [{ concurrency: 64, reason: "no result file" }],
      isComplete: false,
      notes: ["ignored x.pytorch.json"],
      warnings: ['3667.json says version "2.1", which this reader does not know'],
    };
    expect(toRunSummary(run)).toEqual({
      jobId: "3667",
      runDir: "3667_1P_4D_20251110_192145",
      topology: "1P/4D",
      totalGpus: 40,
      gpuType: "NVIDIA H100 80GB HBM3",
      profiler: "sa-bench",
      isl: 1024,
      osl: 2048,
      container: "ghcr.io/sgl-project/sglang:v0.4.1-cu121",
      runDate: "2025-11-10 19:21:45",
      tags: ["baseline", "h100"],
      isComplete: false,
      missingConcurrencies: [64],
      missing: [{ concurrency: 64, reason: "no result file" }],
      notes: ["ignored x.pytorch.json"],
      warnings: ['3667.json says version "2.1", which this reader does not know'],
      points: [
        { ...p16, requestRate: "inf", outputTpsPerGpu: 100, totalTpsPerGpu: 200, outputTpsPerUser: 40 },
        { ...p32, requestRate: null, outputTpsPerGpu: 150, totalTpsPerGpu: null, outputTpsPerUser: 25 },
      ],
    });
  });
});
