import type { BenchPoint, Run } from "./model";
import { outputTpsPerUser, perGpu } from "./metrics";

/** A point as scripts see it: every measured field plus the derived per-GPU and per-user rates. */
export function toPointSummary(point: BenchPoint, totalGpus: number | null) {
  return {
    ...point,
    // JSON has no Infinity; sa-bench's own spelling of an unlimited rate is "inf".
    requestRate: point.requestRate === Infinity ? ("inf" as const) : point.requestRate,
    outputTpsPerGpu: perGpu(point.outputTps, totalGpus),
    totalTpsPerGpu: perGpu(point.totalTps, totalGpus),
    outputTpsPerUser: outputTpsPerUser(point),
  };
}

/** The `srtlog runs --json` shape of a run. */
export function toRunSummary(run: Run) {
  const m = run.metadata;
  return {
    jobId: run.jobId,
    runDir: run.runDir,
    topology: run.topology,
    totalGpus: run.totalGpus,
    gpuType: m.gpuType,
    profiler: m.profiler.type,
    isl: m.profiler.isl,
    osl: m.profiler.osl,
    container: m.container,
    runDate: m.runDate,
    tags: m.tags,
    isComplete: run.isComplete,
    missingConcurrencies: run.missingConcurrencies,
    missing: run.missing,
    notes: run.notes,
    warnings: run.warnings,
    points: run.points.map((point) => toPointSummary(point, run.totalGpus)),
  };
}
export type RunSummary = ReturnType<typeof toRunSummary>;
