import type { BenchPoint, Run } from "./model";
import type { PointEnergy } from "./energy";
import type { Goodput } from "./goodput";
import { outputTpsPerUser, perGpu } from "./metrics";

/**
 * The data-frame columns of the Python tool's `to_dataframe`, in its order, then median/p99/std latencies;
 * then what a spreadsheet pivot needs without re-joining the runs (peak output rate, hardware, topology,
 * tags, software, model, and the run directory relative to the logs dir).
 */
export const ROW_COLUMNS = [
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
  // Per-request goodput under the SLA lens (srtlog's count), then the benchmark's own request_goodput
  // (sa-bench --goodput, its own SLOs): two different numbers, so two columns.
  "Goodput (req/s)",
  "SLA attainment (%)",
  "Benchmark request_goodput (req/s)",
  // Energy from srt-slurm's DCGM power records over each point's window; empty (never 0) without them.
  "Mean Power (W)",
  "Peak Power (W)",
  "Power/GPU (W)",
  "Energy (J)",
  "Output Tokens/J",
  "J/Output Token",
] as const;

export type RowColumn = (typeof ROW_COLUMNS)[number];
/** Request Rate is the one text-or-number column: sa-bench's unlimited rate stays "inf". */
export type Row = Record<RowColumn, string | number | null>;

function requestRate(point: BenchPoint, run: Run): string | number | null {
  if (point.requestRate === Infinity) return "inf";
  if (point.requestRate !== null) return point.requestRate;
  return run.metadata.profiler.requestRate;
}

/** Per-point figures computed on request (they need the per-request data), keyed `runDir\0concurrency`. */
export interface RowExtras {
  goodput?: ReadonlyMap<string, Goodput>;
  energy?: ReadonlyMap<string, PointEnergy>;
}

function pointRow(run: Run, point: BenchPoint, extras: RowExtras): Row {
  const key = `${run.runDir}\0${point.concurrency}`;
  const goodput = extras.goodput?.get(key);
  const energy = extras.energy?.get(key);
  const m = run.metadata;
  return {
    "Run ID": run.jobId,
    "Run Date": m.runDate,
    Profiler: m.profiler.type,
    ISL: m.profiler.isl,
    OSL: m.profiler.osl,
    "Prefill Nodes": m.prefillNodes,
    "Decode Nodes": m.decodeNodes,
    "Prefill Workers": m.prefillWorkers,
    "Decode Workers": m.decodeWorkers,
    Frontends: m.frontends,
    "GPUs per Node": m.gpusPerNode,
    "Total GPUs": run.totalGpus,
    "Request Rate": requestRate(point, run),
    Concurrency: point.concurrency,
    "Output TPS": point.outputTps,
    "Total TPS": point.totalTps,
    "Output TPS/GPU": perGpu(point.outputTps, run.totalGpus),
    "Total TPS/GPU": perGpu(point.totalTps, run.totalGpus),
    "Output TPS/User": outputTpsPerUser(point),
    "Mean TTFT (ms)": point.meanTtftMs,
    "Mean TPOT (ms)": point.meanTpotMs,
    "Mean ITL (ms)": point.meanItlMs,
    "Median TTFT (ms)": point.medianTtftMs,
    "Median TPOT (ms)": point.medianTpotMs,
    "Median ITL (ms)": point.medianItlMs,
    "P99 TTFT (ms)": point.p99TtftMs,
    "P99 TPOT (ms)": point.p99TpotMs,
    "P99 ITL (ms)": point.p99ItlMs,
    "Std TTFT (ms)": point.stdTtftMs,
    "Std TPOT (ms)": point.stdTpotMs,
    "Std ITL (ms)": point.stdItlMs,
    "Peak Output TPS": point.peakOutputTps,
    "GPU Type": m.gpuType,
    Topology: run.topology,
    "Agg Workers": m.aggWorkers,
    // One cell per row; tags rarely hold commas (the tag editor warns), and CSV quotes them when they do.
    Tags: m.tags.length > 0 ? m.tags.join(", ") : null,
    Container: m.container,
    // The serving backend from the metadata (sglang, vllm, trtllm); the result's `backend` is the client's.
    Backend: m.backendType,
    // The metadata's model path; legacy runs without one fall back to the result's model id.
    Model: m.modelPath ?? point.modelId,
    "Run Directory": run.runDir,
    "Goodput (req/s)": goodput?.goodputRps ?? null,
    "SLA attainment (%)": goodput?.attainmentPct ?? null,
    "Benchmark request_goodput (req/s)": point.requestGoodput,
    "Mean Power (W)": energy?.meanPowerW ?? null,
    "Peak Power (W)": energy?.peakPowerW ?? null,
    "Power/GPU (W)": energy?.powerPerGpuW ?? null,
    "Energy (J)": energy?.energyJ ?? null,
    "Output Tokens/J": energy?.outputTokensPerJ ?? null,
    "J/Output Token": energy?.joulesPerOutputToken ?? null,
  };
}

/** One row per benchmark point of each run, runs in the order given, points by concurrency. */
export function toRows(runs: readonly Run[], extras: RowExtras = {}): Row[] {
  return runs.flatMap((run) => run.points.map((point) => pointRow(run, point, extras)));
}
