import type { Run } from "./model";

/** A GPU model token such as H100, GB200, L40S, A100, MI300X: letters then 2-4 digits then a few letters. */
const GPU_MODEL = /^[A-Z]{1,3}\d{2,4}[A-Z]{0,3}$/i;

/**
 * The short GPU name users filter and read by: "NVIDIA H100 80GB HBM3" -> "H100", "h100" -> "H100",
 * "A100-SXM4-80GB" -> "A100". A name without such a token is kept as written.
 */
export function shortGpuName(gpuType: string | null): string | null {
  const raw = gpuType?.trim();
  if (!raw) return null;
  const model = raw.split(/[\s_\-/]+/).find((token) => GPU_MODEL.test(token));
  return model ? model.toUpperCase() : raw;
}

/** "1024/1024"; a side the metadata does not give is "?". */
export function islOslLabel(run: Pick<Run, "metadata">): string {
  const { isl, osl } = run.metadata.profiler;
  return `${isl ?? "?"}/${osl ?? "?"}`;
}

/** Run picker label, as the Streamlit dashboard wrote it: `Job 3667 | 1P/4D | 1024/1024 [H100]`. */
export function runPickerLabel(run: Pick<Run, "jobId" | "topology" | "metadata">): string {
  const gpu = shortGpuName(run.metadata.gpuType);
  return `Job ${run.jobId} | ${run.topology} | ${islOslLabel(run)}${gpu ? ` [${gpu}]` : ""}`;
}

function gpusOf(perWorker: number | null, workers: number | null, nodes: number | null, perNode: number | null): number | null {
  if (perWorker !== null && workers !== null) return perWorker * workers;
  if (nodes !== null && perNode !== null) return nodes * perNode;
  return null;
}

/** Prefill and decode GPU counts of a disaggregated run (per-role counts when srtctl gives them). */
export function roleGpus(run: Pick<Run, "metadata">): { prefill: number | null; decode: number | null } {
  const m = run.metadata;
  return {
    prefill: gpusOf(m.gpusPerPrefill, m.prefillWorkers, m.prefillNodes, m.gpusPerNode),
    decode: gpusOf(m.gpusPerDecode, m.decodeWorkers, m.decodeNodes, m.gpusPerNode),
  };
}

/**
 * Chart legend label: `3667 | 1P/4D | 8+32 GPUs | 1024/1024 | H100` (prefill + decode GPUs), or for
 * aggregated runs `3668 | 8A | 64 GPUs | 1024/1024 | H100`.
 */
export function legendLabel(run: Pick<Run, "jobId" | "topology" | "metadata" | "totalGpus">): string {
  const gpu = shortGpuName(run.metadata.gpuType);
  const parts = [runGpuLabel(run), islOslLabel(run)];
  if (gpu) parts.push(gpu);
  return parts.join(" | ");
}

/**
 * `3667 | 1P/4D | 8+32 GPUs` (prefill + decode GPUs) or `3668 | 8A | 64 GPUs`: a run, short enough to
 * lead a line's name. The topology is spelled as everywhere else (the guide's `1P/4D`), and the GPU
 * counts say they are GPUs: a bare `8/32` read like a second topology.
 */
export function runGpuLabel(run: Pick<Run, "jobId" | "topology" | "metadata" | "totalGpus">): string {
  const parts = [run.jobId, run.topology];
  if (run.metadata.mode === "aggregated") parts.push(`${run.totalGpus ?? "?"} GPUs`);
  else {
    const { prefill, decode } = roleGpus(run);
    parts.push(`${prefill ?? "?"}+${decode ?? "?"} GPUs`);
  }
  return parts.join(" | ");
}

/** Legend name of a node metrics line: `3320 | 6P/1D | 24+32 GPUs | cn01-p-w0`, `... | DP3`, `... | all nodes`. */
export function nodeLineLabel(runLabel: string, line: string): string {
  return `${runLabel} | ${line}`;
}

/** The guide's warning for a run that lacks some concurrencies, with the list as Python prints it. */
export function incompleteWarning(run: Pick<Run, "jobId" | "missingConcurrencies">): string {
  return `Job ${run.jobId} is incomplete - Missing concurrencies: [${run.missingConcurrencies.join(", ")}]`;
}

/** Up to this many job ids are spelled out in a download's file name. */
const NAMED_JOBS = 4;

/**
 * File name for the CSV of some runs that says what it holds:
 * `srtlog-benchmark-data-jobs-3667-12045.csv`, or `srtlog-benchmark-data-12-runs-3601-to-3667.csv`.
 */
export function csvFileName(runs: readonly Pick<Run, "jobId">[]): string {
  const ids = [...new Set(runs.map((run) => run.jobId))];
  if (ids.length === 0) return "srtlog-benchmark-data-no-runs.csv";
  if (ids.length <= NAMED_JOBS) return `srtlog-benchmark-data-job${ids.length > 1 ? "s" : ""}-${ids.join("-")}.csv`;
  const sorted = [...ids].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  return `srtlog-benchmark-data-${runs.length}-runs-${sorted[0]}-to-${sorted[sorted.length - 1]}.csv`;
}

/** A run as the sidebar's picker and tag editor show it. */
export interface PickerRun {
  runDir: string;
  jobId: string;
  label: string;
  tags: string[];
  /** Health badge text ("1 OOM, 2 tracebacks"); empty or absent when nothing is wrong. */
  health?: string;
  /** Set while the run's logs are still being written (see lib/live/run-activity.ts); absent when finished. */
  activity?: "running" | "stalled";
}

export function toPickerRun(run: Run, health?: string, activity?: "running" | "stalled"): PickerRun {
  return { runDir: run.runDir, jobId: run.jobId, label: runPickerLabel(run), tags: run.metadata.tags, ...(health ? { health } : {}), ...(activity ? { activity } : {}) };
}
