// The eight demo runs. Each one exercises something the loader and dashboard must cope with;
// the comment above each spec says what.
import type { RunSpec } from "../shared/run-spec";
import { utc } from "../shared/time-format";
import { GPUS, MODELS, NO_RESOURCES, placeWorkers } from "../shared/catalog";

/** sa-bench sends concurrency x 5 (legacy) or x 10 prompts; the demo sends fewer (at least two waves) to stay small. */
const demoPrompts = (c: number) => Math.max(2 * c, Math.min(4 * c, 200));

type Common = Pick<RunSpec, "missing" | "empty" | "failures" | "silentWorkers" | "promptsFor" | "streamInterval" | "concurrencyForm">;

// SGLang --stream-interval 50 as in real srt-slurm recipes: itls are per 50-token chunk, which keeps files small.
const common: Common = {
  missing: [], empty: [], failures: {}, silentWorkers: [], promptsFor: demoPrompts, streamInterval: 50, concurrencyForm: "list",
};

const LEGACY_SGLANG = "/lustre/fsw/coreai_dlalgo_llm/containers/lmsysorg+sglang+v0.5.4.post1-cu129.sqsh";

/** Legacy layout, v1 metadata, disaggregated 1P/4D on H200 with DP-attention tags; the "baseline". */
const run3667: RunSpec = {
  ...common,
  jobId: "3667", layout: "legacy", jobName: "dsr1-h200-1p4d-max-tpt", submitSec: utc(2025, 11, 10, 19, 21, 45),
  gpu: GPUS.h200, gpusPerNode: "8", model: MODELS.dsr1Fp8, container: LEGACY_SGLANG,
  sglangVersion: "0.5.4.post1", dynamoVersion: "0.6.1", mode: "disaggregated",
  resources: { ...NO_RESOURCES, prefillNodes: 1, decodeNodes: 4, prefillWorkers: 1, decodeWorkers: 4 },
  workers: [
    ...placeWorkers("prefill", ["watchtower-navy-cn01"], 1, { gpus: 8, tp: 8, dp: 8, ep: 8 }),
    ...placeWorkers("decode", ["watchtower-navy-cn02", "watchtower-navy-cn03", "watchtower-navy-cn04", "watchtower-navy-cn05"], 1, { gpus: 8, tp: 8, dp: 8, ep: 8 }),
  ],
  frontendNode: "watchtower-navy-cn01", isl: 1024, osl: 1024, concurrencies: [16, 32, 64, 128, 256],
  tags: ["baseline", "h200"],
  perf: { singleUserTps: 55, maxOutputTps: 22400, prefillTps: 28000, ttftBaseSec: 0.12 },
  withPeak: false, log: { dialect: "disagg-2025", era: "2025", decodeLogInterval: 400 },
};

/** Legacy aggregated dir name (<job>_<N>A_<ts>): eight single-GPU workers, untagged "[TS]" lines. */
const run3668: RunSpec = {
  ...common,
  jobId: "3668", layout: "legacy", jobName: "llama8b-h100-agg-8x", submitSec: utc(2025, 11, 11, 10, 15, 0),
  gpu: GPUS.h100, gpusPerNode: 8, model: MODELS.llama8b, container: LEGACY_SGLANG,
  sglangVersion: "0.5.4.post1", dynamoVersion: "0.6.1", mode: "aggregated",
  resources: { ...NO_RESOURCES, aggNodes: 1, aggWorkers: 8 },
  workers: placeWorkers("agg", ["watchtower-navy-cn09"], 8, { gpus: 1, tp: 1, dp: 1, ep: 1 }),
  frontendNode: "watchtower-navy-cn09", isl: 1024, osl: 1024, concurrencies: [8, 16, 32, 64, 128],
  tags: ["h100", "agg", "baseline"],
  perf: { singleUserTps: 150, maxOutputTps: 20000, prefillTps: 120000, ttftBaseSec: 0.03 },
  withPeak: false, log: { dialect: "agg-2025", era: "2025", decodeLogInterval: 100 },
};

/** Incomplete: the job hit its time limit during concurrency 128, so 128 and 256 have no result file. */
const run3702: RunSpec = {
  ...common,
  jobId: "3702", layout: "legacy", jobName: "dsr1-fp4-gb200-2p2d-8k1k", submitSec: utc(2025, 11, 18, 8, 5, 12),
  gpu: GPUS.gb200, gpusPerNode: 4, model: MODELS.dsr1Fp4,
  container: "/lustre/fsw/coreai_dlalgo_llm/containers/lmsysorg+sglang+v0.4.7.post1-cu128-gb200.sqsh",
  sglangVersion: "0.4.7.post1", dynamoVersion: "0.3.2", mode: "disaggregated",
  resources: { ...NO_RESOURCES, prefillNodes: 2, decodeNodes: 2, prefillWorkers: 2, decodeWorkers: 2 },
  workers: [
    ...placeWorkers("prefill", ["nvl72c03-n05", "nvl72c03-n06"], 1, { gpus: 4, tp: 4, dp: 4, ep: 1 }),
    ...placeWorkers("decode", ["nvl72c03-n07", "nvl72c03-n08"], 1, { gpus: 4, tp: 4, dp: 4, ep: 1 }),
  ],
  frontendNode: "nvl72c03-n05", isl: 8192, osl: 1024, concurrencies: [16, 32, 64, 128, 256], missing: [128, 256],
  tags: ["gb200", "optimized"],
  perf: { singleUserTps: 90, maxOutputTps: 11200, prefillTps: 72000, ttftBaseSec: 0.35 },
  withPeak: false, log: { dialect: "period-2025", era: "2025", decodeLogInterval: 120 },
};

const EOS_CONTAINER = "/lustre/fsw/coreai_tritoninference_triton3/containers/lmsysorg+sglang+v0.5.6.post2.sqsh";

/** Current layout, v2 metadata; two prefill workers share eos0234 (one config dump for both); "[TS TPn]" tags. */
const run4401463: RunSpec = {
  ...common,
  jobId: "4401463", layout: "current", jobName: "qwen3-32b-disagg-8k1k", submitSec: utc(2025, 12, 29, 15, 2, 11),
  gpu: { ...GPUS.h100, label: "h100" }, gpusPerNode: 8, model: MODELS.qwen32b, modelAlias: "qwen3-32b",
  container: EOS_CONTAINER, containerAlias: "0.5.6.post2",
  sglangVersion: "0.5.6.post2", dynamoVersion: "0.7.0", mode: "disaggregated",
  resources: { ...NO_RESOURCES, prefillNodes: 1, decodeNodes: 1, prefillWorkers: 2, decodeWorkers: 1, gpusPerPrefill: 4, gpusPerDecode: 8 },
  workers: [
    ...placeWorkers("prefill", ["eos0234"], 2, { gpus: 4, tp: 4, dp: 1, ep: 1 }),
    ...placeWorkers("decode", ["eos0250"], 1, { gpus: 8, tp: 8, dp: 1, ep: 1 }),
  ],
  frontendNode: "eos0234", isl: 8192, osl: 1024, concurrencies: [4, 8, 16, 32, 64],
  tags: ["h100", "baseline"],
  perf: { singleUserTps: 85, maxOutputTps: 7200, prefillTps: 48000, ttftBaseSec: 0.4 },
  withPeak: false, log: { dialect: "disagg-2025", era: "2025", decodeLogInterval: 40 },
};

/** Aggregated v2 run (8 x TP2 on 2 nodes); "16x32x64x128" string form in config.yaml; the 128 result is a 0-byte file. */
const run4401453: RunSpec = {
  ...common,
  jobId: "4401453", layout: "current", jobName: "agg-kv-dynamo", submitSec: utc(2025, 12, 29, 13, 40, 2),
  gpu: { ...GPUS.h100, label: "h100" }, gpusPerNode: 8, model: MODELS.qwen32b, modelAlias: "qwen3-32b",
  container: EOS_CONTAINER, containerAlias: "0.5.6.post2",
  sglangVersion: "0.5.6.post2", dynamoVersion: "0.7.0", mode: "aggregated",
  resources: { ...NO_RESOURCES, aggNodes: 2, aggWorkers: 8, gpusPerAgg: 2 },
  workers: placeWorkers("agg", ["eos0001", "eos0222"], 4, { gpus: 2, tp: 2, dp: 1, ep: 1 }),
  frontendNode: "eos0001", isl: 1024, osl: 1024, concurrencies: [16, 32, 64, 128], concurrencyForm: "string", empty: [128],
  tags: ["h100", "agg", "kv-router"],
  perf: { singleUserTps: 55, maxOutputTps: 12800, prefillTps: 128000, ttftBaseSec: 0.06 },
  withPeak: false, log: { dialect: "agg-2026", era: "2025", decodeLogInterval: 60 },
};

/** decode_nodes 0 with decode_workers 2: decode shares the prefill nodes; decode_w1 never got traffic. */
const run4405566: RunSpec = {
  ...common,
  jobId: "4405566", layout: "current", jobName: "disagg-kv-dynamo", submitSec: utc(2026, 5, 20, 7, 45, 37),
  gpu: GPUS.b200, gpusPerNode: 8, model: MODELS.qwen235b, container: "lmsysorg/sglang:v0.5.11-cu130",
  sglangVersion: "0.5.11", dynamoVersion: "0.9.0", mode: "disaggregated",
  resources: { ...NO_RESOURCES, prefillNodes: 2, decodeNodes: 0, prefillWorkers: 6, decodeWorkers: 2, gpusPerPrefill: 2, gpusPerDecode: 2 },
  workers: [
    ...placeWorkers("prefill", ["b200-dgx-014"], 3, { gpus: 2, tp: 2, dp: 1, ep: 2 }),
    ...placeWorkers("prefill", ["b200-dgx-015"], 3, { gpus: 2, tp: 2, dp: 1, ep: 2 }).map((w) => ({ ...w, index: w.index + 3 })),
    ...placeWorkers("decode", ["b200-dgx-014", "b200-dgx-015"], 1, { gpus: 2, tp: 2, dp: 1, ep: 2 }),
  ],
  frontendNode: "b200-dgx-014", isl: 1024, osl: 1024, concurrencies: [8, 16, 32, 64, 128], silentWorkers: ["decode_w1"],
  tags: ["b200", "kv-router"],
  perf: { singleUserTps: 110, maxOutputTps: 4400, prefillTps: 144000, ttftBaseSec: 0.08 },
  withPeak: true, log: { dialect: "disagg-2026", era: "2025", decodeLogInterval: 40 },
};

/** 2026 run: dict-style server_args, new Load-weight format, peak_output_tokens_per_s, two failed requests at 512,
 * and metadata/config copied into logs/ at job end. */
const run4460112: RunSpec = {
  ...common,
  jobId: "4460112", layout: "current", jobName: "dsr1-fp4-gb200-2p2d-dep4-8k1k", submitSec: utc(2026, 8, 3, 21, 12, 40),
  gpu: GPUS.gb200, gpusPerNode: 4, model: MODELS.dsr1Fp4, container: "nvcr.io/nvidia/ai-dynamo/sglang-runtime:0.9.1",
  sglangVersion: "0.5.14", dynamoVersion: "0.9.1", mode: "disaggregated",
  resources: { ...NO_RESOURCES, prefillNodes: 2, decodeNodes: 2, prefillWorkers: 2, decodeWorkers: 2 },
  workers: [
    ...placeWorkers("prefill", ["gb200-a01-n13", "gb200-a01-n14"], 1, { gpus: 4, tp: 4, dp: 4, ep: 4 }),
    ...placeWorkers("decode", ["gb200-a01-n15", "gb200-a01-n16"], 1, { gpus: 4, tp: 4, dp: 4, ep: 4 }),
  ],
  frontendNode: "gb200-a01-n13", isl: 8192, osl: 1024, concurrencies: [32, 64, 128, 256, 512], failures: { 512: 2 },
  tags: ["gb200", "optimized"],
  perf: { singleUserTps: 95, maxOutputTps: 14400, prefillTps: 80000, ttftBaseSec: 0.3 },
  withPeak: true, reuseHttpConnections: true, log: { dialect: "disagg-2026", era: "2026", decodeLogInterval: 240 },
};

/** Aggregated DEP8 on one B200 node (agg_nodes 1, agg_workers 1), 2026 formats. */
const run4471305: RunSpec = {
  ...common,
  jobId: "4471305", layout: "current", jobName: "dsr1-b200-agg-dep8", submitSec: utc(2026, 7, 15, 2, 30, 5),
  gpu: GPUS.b200, gpusPerNode: 8, model: MODELS.dsr1Fp8, container: "lmsysorg/sglang:v0.5.13-cu130",
  sglangVersion: "0.5.13", dynamoVersion: "0.9.1", mode: "aggregated",
  resources: { ...NO_RESOURCES, aggNodes: 1, aggWorkers: 1, gpusPerAgg: 8 },
  workers: placeWorkers("agg", ["b200-dgx-021"], 1, { gpus: 8, tp: 8, dp: 8, ep: 8 }),
  frontendNode: "b200-dgx-021", isl: 1024, osl: 1024, concurrencies: [4, 8, 16, 32, 64, 128],
  tags: ["b200", "agg", "optimized"],
  perf: { singleUserTps: 70, maxOutputTps: 12000, prefillTps: 96000, ttftBaseSec: 0.1 },
  withPeak: true, log: { dialect: "agg-2026", era: "2026", decodeLogInterval: 200 },
};

export const DEMO_RUNS: RunSpec[] = [run3667, run3668, run3702, run4401463, run4401453, run4405566, run4460112, run4471305];

/** Runs whose metadata and recipe are also copied into logs/ (as srtctl does at job end). */
export const COPY_METADATA_TO_LOGS = new Set(["4460112"]);
