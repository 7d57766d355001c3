import { describe, expect, it } from "vitest";
import { summarizeRuns } from "@/lib/summary";
import { makePoint, makeRun } from "./charts/make-run";

describe("summary figures", () => {
  it("counts runs and points, takes maxima, lists profilers and containers once", () => {
    const runs = [
      makeRun({ points: [makePoint({ concurrency: 16, outputTps: 1234.5, peakOutputTps: 1500 }), makePoint({ concurrency: 64, outputTps: 3900, peakOutputTps: 4410.5 })] }),
      makeRun({ jobId: "12045", meta: { container: null, profiler: { type: "vllm", isl: 1, osl: 1, concurrencies: null, requestRate: null } }, points: [makePoint({ concurrency: 256, outputTps: null })] }),
    ];
    expect(summarizeRuns(runs)).toEqual({
      totalRuns: 2,
      dataPoints: 3,
      maxOutputTps: 3900,
      maxPeakOutputTps: 4410.5, // the larger of 1500 and 4410.5; the point without a peak is skipped
      maxConcurrency: 256,
      profilers: ["sa-bench", "vllm"],
      containers: ["ghcr.io/sgl-project/sglang:v0.4.1-cu121"],
    });
  });

  it("nothing selected: zeros and nulls, not -Infinity", () => {
    expect(summarizeRuns([])).toEqual({ totalRuns: 0, dataPoints: 0, maxOutputTps: null, maxPeakOutputTps: null, maxConcurrency: null, profilers: [], containers: [] });
  });
});
