import type { BenchPoint, RunMetadata } from "@/lib/model";
import type { NodeBatches } from "@/lib/node-aggregate";
import type { BatchTable } from "@/parsers/worker-log/batch-table";

/** A point with every measured field missing; tests set what their input carries. */
export function blankPoint(overrides: Partial<BenchPoint> = {}): BenchPoint {
  return {
    concurrency: 1,
    requestRate: null,
    outputTps: null,
    totalTps: null,
    inputTps: null,
    requestThroughput: null,
    requestGoodput: null,
    peakOutputTps: null,
    meanTtftMs: null,
    medianTtftMs: null,
    p99TtftMs: null,
    stdTtftMs: null,
    meanTpotMs: null,
    medianTpotMs: null,
    p99TpotMs: null,
    stdTpotMs: null,
    meanItlMs: null,
    medianItlMs: null,
    p99ItlMs: null,
    stdItlMs: null,
    meanE2elMs: null,
    medianE2elMs: null,
    p99E2elMs: null,
    stdE2elMs: null,
    totalInputTokens: null,
    totalOutputTokens: null,
    completed: null,
    failed: null,
    numPrompts: null,
    durationS: null,
    startTimeUnix: null,
    endTimeUnix: null,
    date: null,
    backend: null,
    modelId: null,
    sourceFile: "r.json",
    ...overrides,
  };
}

/** Metadata with every resource unknown; tests set what they need. */
export function blankMetadata(overrides: Partial<RunMetadata> = {}): RunMetadata {
  return {
    jobId: "1",
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
    profiler: { type: "sa-bench", isl: null, osl: null, concurrencies: null, requestRate: null },
    tags: [],
    ...overrides,
  };
}

/** Timestamps of batchWorker rows count from here. */
export const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

/** A worker whose rows are [seconds after T0, dp rank (also its tp), {metric: value}]. */
export function batchWorker(node: string, workerType: NodeBatches["workerType"], rows: [number, number, Record<string, number>][], workerId = "w0"): NodeBatches {
  const names = [...new Set(rows.flatMap(([, , values]) => Object.keys(values)))];
  const batches: BatchTable = {
    length: rows.length,
    ts: Float64Array.from(rows.map(([s]) => T0 + s * 1000)),
    line: Int32Array.from(rows.map((_, i) => i + 1)),
    dp: Int32Array.from(rows.map(([, dp]) => dp)),
    tp: Int32Array.from(rows.map(([, dp]) => dp)),
    ep: new Int32Array(rows.length),
    pp: new Int32Array(rows.length),
    batchType: new Uint8Array(rows.length).fill(workerType === "decode" ? 1 : 0),
    metrics: Object.fromEntries(names.map((name) => [name, Float64Array.from(rows.map(([, , values]) => values[name] ?? NaN))])),
  };
  return { node, workerType, workerId, batches };
}
