import type { ChartRun } from "@/lib/charts/chart-data";
import { toChartRun } from "@/lib/charts/chart-data";
import { makeMetadata, makePoint, makeRun } from "./make-run";

/** Job 3667 of the legacy fixture: 40 GPUs, three points with hand-checked numbers. */
export const RUN_3667 = makeRun({
  runDir: "3667_1P_4D_20251110_192145",
  points: [
    makePoint({ concurrency: 16, outputTps: 1234.5, totalTps: 2469, meanTtftMs: 120, medianTtftMs: 110, p99TtftMs: 300, meanTpotMs: 20, medianTpotMs: 19, p99TpotMs: 25, meanItlMs: 19.5 }),
    makePoint({ concurrency: 32, outputTps: 2280, totalTps: 4560, meanTtftMs: 150.5, medianTtftMs: 140, p99TtftMs: 410.25, meanTpotMs: 25, medianTpotMs: 24, p99TpotMs: 33, meanItlMs: 24.8 }),
    makePoint({ concurrency: 64, outputTps: 3900, totalTps: 7800, meanTtftMs: 210, medianTtftMs: 190, p99TtftMs: 640, meanTpotMs: 32, medianTpotMs: 30.5, p99TpotMs: 45, meanItlMs: 31.8 }),
  ],
});

/** Job 12045: 2P/2D on 12 GB200s. */
export const RUN_12045 = makeRun({
  jobId: "12045",
  runDir: "12045_2P_2D_20251115_101500",
  topology: "2P/2D",
  totalGpus: 12,
  metadata: makeMetadata({ jobId: "12045", gpuType: "GB200", prefillNodes: 1, decodeNodes: 2, prefillWorkers: 2, decodeWorkers: 2, gpusPerNode: 4, profiler: { type: "sa-bench", isl: 8192, osl: 1024, concurrencies: null, requestRate: null } }),
  points: [
    makePoint({ concurrency: 64, outputTps: 5123.4, totalTps: 46110.6, meanTtftMs: 812.3, meanTpotMs: 12.5, p99TtftMs: 2100.7 }),
    makePoint({ concurrency: 256, outputTps: 9876, totalTps: 88884, meanTtftMs: 1500, meanTpotMs: 24, p99TtftMs: 4000 }),
  ],
});

export const CHART_RUNS: ChartRun[] = [toChartRun(RUN_12045), toChartRun(RUN_3667)];
