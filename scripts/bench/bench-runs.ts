// Specs for the bench result tree: many runs that vary layout, metadata version, hardware,
// topology and ISL/OSL, each with a full concurrency sweep.
import { GPUS, MODELS, NO_RESOURCES, placeWorkers } from "../shared/catalog";
import { createRng, type Rng } from "../shared/prng";
import type { GpuSpec, ModelSpec, RunSpec, WorkerSpec } from "../shared/run-spec";
import { utc } from "../shared/time-format";

const SEQ_PAIRS: [number, number][] = [[1024, 1024], [8192, 1024], [2048, 512]];
const TAG_POOL = ["baseline", "optimized", "nightly", "regression", "mtp", "eplb", "kv-router", "sweep"];

interface Hardware {
  gpu: GpuSpec;
  model: ModelSpec;
  perNode: number;
  tp: number;
  perGpuTps: number;
}

const HARDWARE: Hardware[] = [
  { gpu: GPUS.h100, model: MODELS.qwen32b, perNode: 8, tp: 4, perGpuTps: 700 },
  { gpu: GPUS.h200, model: MODELS.dsr1Fp8, perNode: 8, tp: 8, perGpuTps: 900 },
  { gpu: GPUS.gb200, model: MODELS.dsr1Fp4, perNode: 4, tp: 4, perGpuTps: 1600 },
  { gpu: GPUS.b200, model: MODELS.dsr1Fp8, perNode: 8, tp: 8, perGpuTps: 1300 },
];

/** 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, ... (the first `n` of them). */
export function concurrencySweep(n: number): number[] {
  const out = [1, 2, 3, 4];
  while (out.length < n) out.push(out[out.length - 2] * 2);
  return out.slice(0, n);
}

function workersFor(hw: Hardware, agg: boolean, rng: Rng): { workers: WorkerSpec[]; nodes: [number, number] } {
  const par = { gpus: hw.tp, tp: hw.tp, dp: 1, ep: 1 };
  const perNode = hw.perNode / hw.tp;
  const node = (k: number) => `node-${String(k).padStart(3, "0")}`;
  if (agg) {
    const n = rng.int(1, 2);
    return { workers: placeWorkers("agg", Array.from({ length: n }, (_, k) => node(k)), perNode, par), nodes: [n, 0] };
  }
  const p = rng.int(1, 2);
  const d = rng.int(1, 3);
  const prefill = placeWorkers("prefill", Array.from({ length: p }, (_, k) => node(k)), perNode, par);
  const decode = placeWorkers("decode", Array.from({ length: d }, (_, k) => node(p + k)), perNode, par);
  return { workers: [...prefill, ...decode], nodes: [p, d] };
}

/** Run `i` of the bench tree; even runs use the legacy layout (v1 metadata), odd ones the current one (v2). */
export function benchRun(i: number, concurrencies: number[], promptsFor: (c: number) => number): RunSpec {
  const rng = createRng(`bench-run-${i}`);
  const hw = HARDWARE[i % HARDWARE.length];
  const [isl, osl] = SEQ_PAIRS[Math.floor(i / 4) % SEQ_PAIRS.length];
  const agg = i % 5 === 4;
  const legacy = i % 2 === 0;
  const { workers, nodes } = workersFor(hw, agg, rng);
  const count = (role: string) => workers.filter((w) => w.role === role).length;
  const gpus = workers.reduce((n, w) => n + w.gpus, 0);
  const decodeGpus = agg ? gpus : workers.filter((w) => w.role === "decode").reduce((n, w) => n + w.gpus, 0);
  return {
    jobId: legacy ? String(5000 + i) : String(4600000 + 7 * i),
    layout: legacy ? "legacy" : "current",
    jobName: `bench-${hw.gpu.name.split(" ")[1].toLowerCase()}-${agg ? "agg" : "disagg"}-${isl / 1024}k${osl >= 1024 ? osl / 1024 + "k" : osl}`,
    submitSec: utc(2025, 11, 1) + i * 5 * 3600 + rng.int(0, 3000),
    gpu: hw.gpu, gpusPerNode: legacy && i % 4 === 0 ? String(hw.perNode) : hw.perNode, model: hw.model,
    container: "lmsysorg/sglang:v0.5.6.post2-cu129", sglangVersion: "0.5.6.post2", dynamoVersion: "0.7.0",
    mode: agg ? "aggregated" : "disaggregated",
    resources: agg
      ? { ...NO_RESOURCES, aggNodes: nodes[0], aggWorkers: count("agg"), gpusPerAgg: hw.tp }
      : { ...NO_RESOURCES, prefillNodes: nodes[0], decodeNodes: nodes[1], prefillWorkers: count("prefill"), decodeWorkers: count("decode"), gpusPerPrefill: hw.tp, gpusPerDecode: hw.tp },
    workers, frontendNode: workers[0].node, isl, osl, concurrencies, concurrencyForm: i % 3 === 0 ? "string" : "list",
    missing: [], empty: [], failures: i % 17 === 3 ? { [concurrencies[concurrencies.length - 1]]: 1 } : {},
    tags: [hw.gpu.name.split(" ")[1].toLowerCase(), TAG_POOL[i % TAG_POOL.length]],
    perf: {
      singleUserTps: rng.uniform(60, 150), maxOutputTps: decodeGpus * hw.perGpuTps * rng.uniform(0.8, 1.2),
      prefillTps: gpus * 6000, ttftBaseSec: (0.05 * isl) / 1024,
    },
    streamInterval: 1, promptsFor, withPeak: !legacy, log: { dialect: "disagg-2025", era: "2025", decodeLogInterval: 40 },
    silentWorkers: [],
  };
}
