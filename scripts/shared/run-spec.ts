// One description of a synthetic run, shared by the demo and bench generators, plus the
// file names each srt-slurm generation used for it.
import type { PerfModel } from "./sa-bench-sim";
import type { BatchDialect, Rank, TagStyle } from "./sglang-log";
import { formatCompactTime } from "./time-format";

export type Role = "prefill" | "decode" | "agg";

export interface ModelSpec {
  /** v1 model_dir / v2 model.path. */
  path: string;
  /** --served-model-name, which sa-bench records as model_id. */
  servedName: string;
  arch: string;
  precision: string;
  /** "fp8", "modelopt_fp4" or null (for the ServerArgs quantization field). */
  quantization: string | null;
  weightsGb: number;
  /** MLA models log "KV size", the others "K size" and "V size". */
  mla: boolean;
  /** KV-cache bytes per token for one full copy of the cache. */
  kvBytesPerToken: number;
  contextLength: number;
}

export interface GpuSpec {
  /** What the recipe or v1 metadata calls it ("h100", "NVIDIA H100 80GB HBM3"). */
  label: string;
  /** nvidia-smi name. */
  name: string;
  memoryMiB: number;
  driver: string;
}

export interface WorkerSpec {
  role: Role;
  index: number;
  node: string;
  gpus: number;
  /** Parallelism of the SGLang server this worker runs. */
  tp: number;
  dp: number;
  ep: number;
}

export interface Resources {
  prefillNodes: number | null;
  decodeNodes: number | null;
  aggNodes: number | null;
  prefillWorkers: number | null;
  decodeWorkers: number | null;
  aggWorkers: number | null;
  gpusPerPrefill: number | null;
  gpusPerDecode: number | null;
  gpusPerAgg: number | null;
}

export interface LogStyle {
  dialect: BatchDialect;
  /** 2026 SGLang prints server_args as a dict and the long "Load weight end. elapsed=" form. */
  era: "2025" | "2026";
  decodeLogInterval: number;
}

export interface RunSpec {
  jobId: string;
  layout: "legacy" | "current";
  jobName: string;
  /** Submit time, epoch seconds (UTC). */
  submitSec: number;
  gpu: GpuSpec;
  /** v1 files sometimes hold gpus_per_node as a string. */
  gpusPerNode: number | string;
  model: ModelSpec;
  container: string;
  /** v2 model.container may be an alias such as "0.5.6.post2" rather than an image. */
  containerAlias?: string;
  modelAlias?: string;
  sglangVersion: string;
  dynamoVersion: string;
  mode: "disaggregated" | "aggregated";
  resources: Resources;
  workers: WorkerSpec[];
  frontendNode: string;
  isl: number;
  osl: number;
  concurrencies: number[];
  /** How config.yaml spells the list: [4, 8, 16] or "4x8x16". */
  concurrencyForm: "list" | "string";
  /** Concurrencies whose result file was never written / was left empty. */
  missing: number[];
  empty: number[];
  /** Requests that fail with a client error, per concurrency. */
  failures: Record<number, number>;
  tags: string[];
  perf: PerfModel;
  streamInterval: number;
  promptsFor: (concurrency: number) => number;
  withPeak: boolean;
  reuseHttpConnections?: boolean;
  log: LogStyle;
  /** "decode_w1"-style keys of workers that came up but never received a request. */
  silentWorkers: string[];
}

export const workerKey = (w: WorkerSpec) => `${w.role}_w${w.index}`;

/** SGLang --chunked-prefill-size used by every generated worker (larger for long prompts). */
export const chunkedPrefillSize = (s: RunSpec) => (s.isl > 4096 ? 16384 : 8192);
export const maxRunningRequests = (w: WorkerSpec) => (w.role === "prefill" ? 512 : 2048);

export const totalGpus = (s: RunSpec) => s.workers.reduce((n, w) => n + w.gpus, 0);
export const roleGpus = (s: RunSpec, role: Role) =>
  s.workers.filter((w) => w.role === role).reduce((n, w) => n + w.gpus, 0);
export const roleWorkers = (s: RunSpec, role: Role) => s.workers.filter((w) => w.role === role);

/** "3667_1P_4D_20251110_192145" (legacy) or "4401463" (current). */
export function runDirName(s: RunSpec): string {
  if (s.layout === "current") return s.jobId;
  const stamp = formatCompactTime(s.submitSec, "_");
  if (s.mode === "aggregated") return `${s.jobId}_${roleWorkers(s, "agg").length}A_${stamp}`;
  return `${s.jobId}_${roleWorkers(s, "prefill").length}P_${roleWorkers(s, "decode").length}D_${stamp}`;
}

/** Where worker logs, config dumps and results live, relative to the run dir. */
export const logsSubdir = (s: RunSpec) => (s.layout === "current" ? "logs" : "");

export const resultDirName = (s: RunSpec) => `sa-bench_isl_${s.isl}_osl_${s.osl}`;

export function resultFileName(s: RunSpec, c: number): string {
  const gpus = totalGpus(s);
  if (s.layout === "current") {
    return s.mode === "aggregated"
      ? `results_concurrency_${c}_gpus_${gpus}.json`
      : `results_concurrency_${c}_gpus_${gpus}_ctx_${roleGpus(s, "prefill")}_gen_${roleGpus(s, "decode")}.json`;
  }
  // Legacy templates passed GPU counts (not worker counts) as ctx/gen.
  const stem = `isl_${s.isl}_osl_${s.osl}_concurrency_${c}_req_rate_inf`;
  return s.mode === "aggregated"
    ? `${stem}_gpus${gpus}.json`
    : `${stem}_ctx${roleGpus(s, "prefill")}_gen${roleGpus(s, "decode")}.json`;
}

/** Legacy runs split stdout (.out) from SGLang's stderr (.err); current runs merge both into .out. */
export function workerLogNames(s: RunSpec, w: WorkerSpec): { main: string; side?: string } {
  const stem = `${w.node}_${w.role}_w${w.index}`;
  return s.layout === "current" ? { main: `${stem}.out` } : { main: `${stem}.err`, side: `${stem}.out` };
}

/** SGLang adds DP/TP/EP to the log prefix only for the dimensions that are > 1. */
export function tagStyleFor(w: WorkerSpec): TagStyle {
  if (w.dp > 1) return w.ep > 1 ? "dp-tp-ep" : "dp-tp";
  if (w.ep > 1) return "tp-ep";
  return w.tp > 1 ? "tp" : "none";
}

/** Every TP rank of the worker (all of them log start-up and memory lines). */
export function tpRanks(w: WorkerSpec): Rank[] {
  const attnTp = w.tp / w.dp;
  return Array.from({ length: w.tp }, (_, tp) => ({ dp: Math.floor(tp / attnTp), tp, ep: w.ep > 1 ? tp % w.ep : 0 }));
}

/** The ranks that run a scheduler loop and print batch lines: one per DP-attention group. */
export function schedulerRanks(w: WorkerSpec): Rank[] {
  const attnTp = w.tp / w.dp;
  return tpRanks(w).filter((r) => r.tp % attnTp === 0);
}
