// Hardware and models the synthetic runs are built from; memory and KV figures are realistic per GPU.
import type { GpuSpec, ModelSpec, Resources, Role, WorkerSpec } from "./run-spec";

export const GPUS = {
  h100: { label: "NVIDIA H100 80GB HBM3", name: "NVIDIA H100 80GB HBM3", memoryMiB: 81559, driver: "550.54.15" },
  h200: { label: "NVIDIA H200", name: "NVIDIA H200", memoryMiB: 143771, driver: "560.35.03" },
  gb200: { label: "gb200", name: "NVIDIA GB200", memoryMiB: 189471, driver: "570.124.06" },
  b200: { label: "b200", name: "NVIDIA B200", memoryMiB: 183359, driver: "570.133.20" },
} satisfies Record<string, GpuSpec>;

export const MODELS = {
  dsr1Fp8: {
    path: "/lustre/fsw/coreai_dlalgo_llm/models/DeepSeek-R1-0528", servedName: "deepseek-ai/DeepSeek-R1",
    arch: "DeepseekV3ForCausalLM", precision: "fp8", quantization: "fp8", weightsGb: 642,
    mla: true, kvBytesPerToken: 61 * 576, contextLength: 163840,
  },
  dsr1Fp4: {
    path: "/lustre/fsw/coreai_dlalgo_llm/models/DeepSeek-R1-0528-FP4", servedName: "deepseek-ai/DeepSeek-R1",
    arch: "DeepseekV3ForCausalLM", precision: "fp4", quantization: "modelopt_fp4", weightsGb: 378,
    mla: true, kvBytesPerToken: 61 * 576, contextLength: 163840,
  },
  qwen32b: {
    path: "/lustre/fsw/coreai_tritoninference/models/qwen32b", servedName: "Qwen/Qwen3-32B",
    arch: "Qwen3ForCausalLM", precision: "bf16", quantization: null, weightsGb: 61,
    mla: false, kvBytesPerToken: 64 * 8 * 128 * 2 * 2, contextLength: 131072,
  },
  qwen235b: {
    path: "/lustre/fsw/coreai_tritoninference/models/Qwen3-235B-A22B-FP8", servedName: "Qwen/Qwen3-235B-A22B-FP8",
    arch: "Qwen3MoeForCausalLM", precision: "fp8", quantization: "fp8", weightsGb: 221,
    mla: false, kvBytesPerToken: 94 * 4 * 128 * 2 * 2, contextLength: 40960,
  },
  qwen30bA3b: {
    path: "/lustre/fsw/coreai_tritoninference/models/Qwen3-30B-A3B", servedName: "Qwen/Qwen3-30B-A3B",
    arch: "Qwen3MoeForCausalLM", precision: "bf16", quantization: null, weightsGb: 57,
    mla: false, kvBytesPerToken: 48 * 4 * 128 * 2 * 2, contextLength: 40960,
  },
  llama8b: {
    path: "/lustre/fsw/coreai_dlalgo_llm/models/Llama-3.1-8B-Instruct", servedName: "meta-llama/Llama-3.1-8B-Instruct",
    arch: "LlamaForCausalLM", precision: "bf16", quantization: null, weightsGb: 15,
    mla: false, kvBytesPerToken: 32 * 8 * 128 * 2 * 2, contextLength: 131072,
  },
} satisfies Record<string, ModelSpec>;

export interface Parallel {
  gpus: number;
  tp: number;
  dp: number;
  ep: number;
}

/** `perNode` workers of `role` on each node, numbered across nodes in order. */
export function placeWorkers(role: Role, nodes: string[], perNode: number, par: Parallel): WorkerSpec[] {
  return nodes.flatMap((node, n) =>
    Array.from({ length: perNode }, (_, k) => ({ role, index: n * perNode + k, node, ...par })),
  );
}

export const NO_RESOURCES: Resources = {
  prefillNodes: null, decodeNodes: null, aggNodes: null,
  prefillWorkers: null, decodeWorkers: null, aggWorkers: null,
  gpusPerPrefill: null, gpusPerDecode: null, gpusPerAgg: null,
};
