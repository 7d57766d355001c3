// The one disaggregated run behind the worker-log benchmark: many workers whose SGLang versions
// and parallelism differ, so their logs mix every prefix and field variant the parsers must read.
import { GPUS, MODELS, NO_RESOURCES } from "../shared/catalog";
import type { RunSpec, WorkerSpec } from "../shared/run-spec";
import type { BatchDialect } from "../shared/sglang-log";
import { utc } from "../shared/time-format";

interface Variant {
  tp: number;
  dp: number;
  ep: number;
  dialect: BatchDialect;
}

// Parallelism decides the tag: DP/TP/EP, DP/TP, TP, TP/EP or none (SGLang omits dimensions of size 1).
const PREFILL_VARIANTS: Variant[] = [
  { tp: 8, dp: 8, ep: 8, dialect: "disagg-2026" },
  { tp: 8, dp: 8, ep: 1, dialect: "period-2025" },
  { tp: 8, dp: 1, ep: 1, dialect: "disagg-2025" },
  { tp: 8, dp: 1, ep: 8, dialect: "swa-2026" },
  { tp: 1, dp: 1, ep: 1, dialect: "disagg-2025" },
];
const DECODE_VARIANTS: Variant[] = [
  { tp: 16, dp: 16, ep: 16, dialect: "disagg-2025" },
  { tp: 8, dp: 8, ep: 1, dialect: "period-2025" },
  { tp: 8, dp: 1, ep: 8, dialect: "disagg-2026" },
  { tp: 8, dp: 1, ep: 1, dialect: "swa-2026" },
  { tp: 1, dp: 1, ep: 1, dialect: "agg-2025" },
];

export interface BigWorker {
  worker: WorkerSpec;
  dialect: BatchDialect;
}

/** Node names mix "-" and "_" on purpose: the log file name is "<node>_<role>_w<i>.out". */
export function bigWorkers(count: number): BigWorker[] {
  const half = Math.ceil(count / 2);
  return Array.from({ length: count }, (_, k) => {
    const role = k < half ? "prefill" : "decode";
    const index = role === "prefill" ? k : k - half;
    // Half the workers use the common wide-EP style; the rest cover one other variant each.
    const v = (role === "prefill" ? PREFILL_VARIANTS : DECODE_VARIANTS)[index % 2 === 0 ? 0 : ((index - 1) / 2) % 4 + 1];
    const node = `gpu-node_${String(k + 1).padStart(2, "0")}`;
    return { worker: { role, index, node, gpus: v.tp, tp: v.tp, dp: v.dp, ep: v.ep }, dialect: v.dialect };
  });
}

export function bigRunSpec(jobId: string, workers: BigWorker[]): RunSpec {
  const count = (role: string) => workers.filter((b) => b.worker.role === role).length;
  // A worker wider than one node spans several; its log is still named after its first node.
  const nodes = (role: string) =>
    workers.filter((b) => b.worker.role === role).reduce((n, b) => n + Math.ceil(b.worker.gpus / 8), 0);
  return {
    jobId, layout: "current", jobName: "qwen3-30b-a3b-b200-disagg-log-stress", submitSec: utc(2026, 6, 2, 4, 10, 0),
    gpu: GPUS.b200, gpusPerNode: 8, model: MODELS.qwen30bA3b, container: "lmsysorg/sglang:v0.5.12-cu130",
    sglangVersion: "0.5.12", dynamoVersion: "0.9.0", mode: "disaggregated",
    resources: { ...NO_RESOURCES, prefillNodes: nodes("prefill"), decodeNodes: nodes("decode"), prefillWorkers: count("prefill"), decodeWorkers: count("decode") },
    workers: workers.map((b) => b.worker), frontendNode: workers[0].worker.node,
    isl: 1024, osl: 1024, concurrencies: [64], concurrencyForm: "list", missing: [], empty: [], failures: {},
    tags: ["b200", "stress"],
    perf: { singleUserTps: 180, maxOutputTps: 120000, prefillTps: 400000, ttftBaseSec: 0.05 },
    streamInterval: 50, promptsFor: () => 64, withPeak: true,
    log: { dialect: "disagg-2025", era: "2025", decodeLogInterval: 40 }, silentWorkers: [],
  };
}
