import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  type BatchRecord,
  type LogRecord,
  type MemoryRecord,
  type ParallelRecord,
  type WorkerLogResult,
  parseWorkerLog,
  workerLogResultSchema,
} from "../../../parsers/worker-log";

const DIR = fileURLToPath(new URL("../../fixtures/real/logs/", import.meta.url));

/** Fixture text with the `#` provenance/collector header lines blanked (line numbers stay put). */
function fixtureText(name: string): string {
  return readFileSync(DIR + name, "utf8")
    .split("\n")
    .map((line) => (line.startsWith("#") ? "" : line))
    .join("\n");
}

function parseFixture(name: string, yearHint?: number): WorkerLogResult {
  return parseWorkerLog(new TextEncoder().encode(fixtureText(name)), { yearHint });
}

function at<T extends LogRecord>(result: WorkerLogResult, line: number): T {
  const found = result.records.find((record) => record.line === line);
  if (found === undefined) throw new Error(`no record on line ${line}`);
  return found as T;
}

const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number) => Date.UTC(y, mo - 1, d, h, mi, s);

/** Counted by hand from the files (lines starting with `#` excluded). */
const EXPECTED_COUNTS: Record<string, [prefill: number, decode: number, mixed: number, memory: number, parallel: number]> = {
  "NVIDIA__TensorRT-LLM__pull-3914.log": [0, 2, 0, 0, 0],
  "Sandermage__genesis-vllm-patches__issue-24.log": [0, 0, 2, 0, 0],
  "eugr__llama-benchy__issue-15.log": [6, 0, 0, 0, 0],
  "noonghunna__club-3090__issue-1261.log": [0, 0, 0, 8, 0],
  "sgl-project__sgl-kernel-npu__pull-608.log": [1, 3, 0, 0, 0],
  "sgl-project__sglang-jax__pull-564.log": [0, 3, 0, 0, 0],
  "sgl-project__sglang__issue-2255.log": [7, 0, 0, 0, 0],
  "sgl-project__sglang__issue-22877.log": [4, 0, 0, 0, 0],
  "sgl-project__sglang__issue-30609.log": [0, 0, 0, 7, 0],
  "sgl-project__sglang__issue-33483.log": [0, 0, 0, 2, 0],
  "sgl-project__sglang__issue-6017.log": [4, 7, 0, 0, 0],
  "sgl-project__sglang__pull-11716.log": [0, 0, 0, 16, 0],
  "sgl-project__sglang__pull-13023.log": [9, 8, 0, 0, 0],
  "sgl-project__sglang__pull-17392.log": [4, 3, 0, 0, 0],
  "sgl-project__sglang__pull-20766.log": [0, 8, 0, 0, 0],
  "sgl-project__sglang__pull-22166.log": [3, 1, 0, 0, 0],
  "sgl-project__sglang__pull-22331.log": [0, 8, 0, 0, 0],
  "sgl-project__sglang__pull-29853.log": [0, 0, 0, 6, 0],
  "sgl-project__sglang__pull-30047.log": [5, 0, 0, 0, 0],
  "vllm-project__vllm__issue-21348.log": [0, 0, 0, 1, 2],
  "vllm-project__vllm__issue-43295.log": [0, 0, 5, 0, 0],
  "dsv41-flash-3xspark-report__excerpt.log": [9, 1, 0, 11, 1],
  "sglang-untagged-pcg-debug__excerpt.log": [1, 4, 0, 0, 1],
};

describe("real worker logs: record counts", () => {
  it("covers every fixture log", () => {
    const logs = readdirSync(DIR).filter((name) => name.endsWith(".log"));
    expect(logs.sort()).toEqual(Object.keys(EXPECTED_COUNTS).sort());
  });

  for (const [name, [prefill, decode, mixed, memory, parallel]] of Object.entries(EXPECTED_COUNTS)) {
    it(`${name}: ${prefill} prefill, ${decode} decode, ${mixed} mixed, ${memory} memory, ${parallel} parallel, no issues`, () => {
      const result = parseFixture(name);
      expect(result.summary.batches).toEqual({ prefill, decode, mixed });
      expect(result.summary.memory).toBe(memory);
      expect(result.summary.parallel).toBe(parallel);
      expect(result.issues).toEqual([]);
      expect(result.records).toHaveLength(prefill + decode + mixed + memory + parallel);
      expect(workerLogResultSchema.safeParse(result).success).toBe(true);
    });
  }
});

describe("real worker logs: SGLang prefixes and batch fields", () => {
  it("[TS DPd TPt EPe] disagg decode and prefill (pull-17392)", () => {
    const result = parseFixture("sgl-project__sglang__pull-17392.log");
    expect(at<BatchRecord>(result, 37)).toEqual({
      kind: "batch", engine: "sglang", batchType: "decode", line: 37, ts: utc(2026, 5, 7, 13, 40, 42),
      dp: 3, tp: 3, ep: 3, pp: 0, ranksFromTag: true,
      runningReq: 6, numToken: 6037, tokenUsage: 0.01, preAllocatedUsage: 0, preallocReq: 0, transferReq: 0,
      retractedReq: 0, cudaGraph: true, genThroughput: 653.92, queueReq: 0,
    });
    expect(at<BatchRecord>(result, 28)).toMatchObject({
      batchType: "prefill", dp: 0, tp: 0, ep: 0, newSeq: 3, newToken: 2048, cachedToken: 0, tokenUsage: 0.01,
      runningReq: 0, queueReq: 4, pendingToken: 2079, bootstrapReq: 1, inflightReq: 5, cudaGraph: false, inputThroughput: 13022.44,
    });
  });

  it("[TS DPd TPt] without EP, 'Prefill batch.' with gap_latency (issue-6017)", () => {
    const records = parseFixture("sgl-project__sglang__issue-6017.log").records as BatchRecord[];
    const dp14 = records.find((r) => r.dp === 14);
    expect(dp14).toMatchObject({
      batchType: "prefill", tp: 14, ep: 0, ranksFromTag: true, ts: utc(2025, 5, 26, 11, 34, 20), newSeq: 1, newToken: 1024,
      tokenUsage: 0.28, gapLatency: 1.02, runningReq: 0, unbootstrappedReq: 0, queueReq: 0, transferringReq: 1,
    });
    const dp25 = records.find((r) => r.dp === 25);
    expect(dp25).toMatchObject({ batchType: "decode", tp: 25, runningReq: 43, numToken: 0, preAllocatedUsage: 0, cudaGraph: true, genThroughput: 385 });
  });

  it("[TS DPd TPt] decode (pull-20766)", () => {
    const records = parseFixture("sgl-project__sglang__pull-20766.log").records as BatchRecord[];
    expect(records.map((r) => r.dp)).toEqual([9, 13, 15, 10, 14, 11, 12, 8]);
    expect(records[2]).toMatchObject({ tp: 15, ep: 0, runningReq: 12, numToken: 768, genThroughput: 3.82 });
  });

  it("[TS TPt EPe] with accept len/rate and npu graph (sgl-kernel-npu pull-608)", () => {
    const records = parseFixture("sgl-project__sgl-kernel-npu__pull-608.log").records as BatchRecord[];
    expect(records[0]).toMatchObject({ batchType: "prefill", newSeq: 8, newToken: 54400, cachedToken: 482304, tokenUsage: 0.66, runningReq: 16, queueReq: 2, pendingToken: 0, npuGraph: false, inputThroughput: 2793.64 });
    expect(records[1]).toMatchObject({
      batchType: "decode", dp: 0, tp: 0, ep: 0, ranksFromTag: true, runningReq: 24, numToken: 233600, tokenUsage: 0.66,
      acceptLen: 3.05, acceptRate: 0.68, npuGraph: true, genThroughput: 239.06, queueReq: 2,
    });
    expect(records[1].cudaGraph).toBeUndefined();
  });

  it("[TS TPt] decode (pull-22331)", () => {
    const records = parseFixture("sgl-project__sglang__pull-22331.log").records as BatchRecord[];
    expect(records[2]).toMatchObject({ ts: utc(2026, 4, 8, 14, 5, 24), tp: 0, ranksFromTag: true, runningReq: 5, numToken: 20800, tokenUsage: 0.29, genThroughput: 136.39 });
  });

  it("[TS] untagged with a trailing ', ' and prefill without throughput (pull-13023)", () => {
    const result = parseFixture("sgl-project__sglang__pull-13023.log");
    expect(at<BatchRecord>(result, 10)).toEqual({
      kind: "batch", engine: "sglang", batchType: "decode", line: 10, ts: utc(2025, 11, 11, 4, 6, 31),
      dp: 0, tp: 0, ep: 0, pp: 0, ranksFromTag: false,
      runningReq: 22, numToken: 20033, tokenUsage: 0.11, cudaGraph: true, genThroughput: 895.36, queueReq: 0,
    });
    const prefill = at<BatchRecord>(result, 21);
    expect(prefill).toMatchObject({ newSeq: 10, newToken: 4096, cachedToken: 10, runningReq: 4, queueReq: 186 });
    expect(prefill.inputThroughput).toBeUndefined();
  });

  it("custom [TS][file.py:424][INFO]: prefix (issue-22877)", () => {
    const records = parseFixture("sgl-project__sglang__issue-22877.log").records as BatchRecord[];
    expect(records[2]).toMatchObject({ ts: utc(2026, 4, 15, 17, 13, 12), ranksFromTag: false, preallocReq: 27, inflightReq: 1, cudaGraph: false, inputThroughput: 1 });
    expect(records[3]).toMatchObject({ preallocReq: 28, inputThroughput: 5.19 });
  });

  it("2024 'cache hit rate: 0.00%' (issue-2255)", () => {
    const records = parseFixture("sgl-project__sglang__issue-2255.log").records as BatchRecord[];
    expect(records[0]).toMatchObject({ ts: utc(2024, 11, 29, 10, 28, 25), tp: 0, newSeq: 2, newToken: 2048, cachedToken: 2048, cacheHitRate: 0, tokenUsage: 0, runningReq: 1, queueReq: 30 });
    expect(records[6]).toMatchObject({ cachedToken: 1946, tokenUsage: 0.01, runningReq: 7, queueReq: 155 });
  });

  it("full/swa token usage with throughput before cuda graph (llama-benchy)", () => {
    const records = parseFixture("eugr__llama-benchy__issue-15.log").records as BatchRecord[];
    expect(records[0]).toMatchObject({ fullTokenUsage: 0.01, swaTokenUsage: 0.02, tokenUsage: 0.01, inputThroughput: 45.65, cudaGraph: false, runningReq: 0 });
  });

  it("full token usage + mamba usage (pull-30047)", () => {
    const records = parseFixture("sgl-project__sglang__pull-30047.log").records as BatchRecord[];
    expect(records[1]).toMatchObject({ newSeq: 12, newToken: 43264, fullTokenUsage: 0.2, tokenUsage: 0.2, mambaUsage: 0.3, runningReq: 13, queueReq: 85, pendingToken: 340001, npuGraph: false, inputThroughput: 14947.07 });
  });

  it("#full token / #swa token decode with accept len (dsv41 report)", () => {
    const result = parseFixture("dsv41-flash-3xspark-report__excerpt.log");
    const decode = result.records.find((r) => r.kind === "batch" && r.batchType === "decode");
    expect(decode).toMatchObject({
      ts: utc(2026, 9, 11, 23, 47, 28), numFullToken: 0, numToken: 0, fullTokenUsage: 0, numSwaToken: 0, swaTokenUsage: 0,
      acceptLen: 3.08, acceptRate: 0.41, cudaGraph: true, genThroughput: 3.12, queueReq: 0,
    });
  });

  it("keeps an unknown numeric field (sglang-jax #cache_miss)", () => {
    const records = parseFixture("sgl-project__sglang-jax__pull-564.log").records as BatchRecord[];
    expect(records[0]).toMatchObject({ batchType: "decode", runningReq: 1, numToken: 64, genThroughput: 84.39, queueReq: 0, extra: { cacheMiss: 1 } });
  });

  it("prefill with cuda graph before throughput among uvicorn lines (pull-22166)", () => {
    const records = parseFixture("sgl-project__sglang__pull-22166.log").records as BatchRecord[];
    expect(records.map((r) => r.batchType)).toEqual(["decode", "prefill", "prefill", "prefill"]);
    expect(records[2]).toMatchObject({ newToken: 290, cudaGraph: true, inputThroughput: 1670.03 });
  });

  it("untagged debug log: #token 0, launch command, traceback ignored (pcg-debug)", () => {
    const result = parseFixture("sglang-untagged-pcg-debug__excerpt.log");
    const [parallel, decode, prefill] = result.records;
    expect(parallel).toMatchObject({ kind: "parallel", source: "command_line", tp: 1, ts: null });
    expect(decode).toMatchObject({ batchType: "decode", runningReq: 30, numToken: 0, genThroughput: 32.56 });
    expect(prefill).toMatchObject({ batchType: "prefill", cachedToken: 1020, pendingToken: 0, cudaGraph: true, inputThroughput: 0.79 });
    expect(result.summary.parallelSizes).toEqual({ tp: 1, dp: null, ep: null, pp: null });
  });
});

describe("real worker logs: memory and parallel lines", () => {
  it("Init torch distributed / Load weight begin (pull-11716)", () => {
    const records = parseFixture("sgl-project__sglang__pull-11716.log").records as MemoryRecord[];
    expect(records[0]).toMatchObject({ event: "init_torch_distributed_end", tp: 7, memUsageGb: 1.77, ts: utc(2025, 10, 16, 9, 6, 9) });
    expect(records.find((r) => r.event === "load_weight_begin" && r.tp === 0)).toMatchObject({ availMemGb: 137.34 });
  });

  it("2026 Load weight end with elapsed/quant/fmt (issue-30609)", () => {
    const records = parseFixture("sgl-project__sglang__issue-30609.log").records as MemoryRecord[];
    expect(records.find((r) => r.tp === 4)).toMatchObject({
      event: "load_weight_end", ep: 4, dp: 0, elapsedS: 14.48, weightType: "DeepseekV3ForCausalLMNextN", quant: "fp8", fmt: "e4m3", availMemGb: 44.16, memUsageGb: 1,
    });
  });

  it("two KV-cache allocations per rank with fp8 dtype are both kept (club-3090)", () => {
    const records = parseFixture("noonghunna__club-3090__issue-1261.log").records as MemoryRecord[];
    const tp0 = records.filter((r) => r.event === "kv_cache_allocated" && r.tp === 0);
    expect(tp0.map((r) => [r.kSizeGb, r.vSizeGb, r.kvSizeGb])).toEqual([[3.46, 3.46, 6.92], [1.08, 1.08, 2.16]]);
    expect(tp0[0]).toMatchObject({ dtype: "torch.float8_e4m3fn", numTokens: 454112 });
    expect(records.filter((r) => r.event === "memory_pool_end" && r.tp === 1).map((r) => r.availMemGb)).toEqual([7.63, 5.46]);
  });

  it("KV Cache with dtype torch.bfloat16 on TP10 (pull-29853)", () => {
    const records = parseFixture("sgl-project__sglang__pull-29853.log").records as MemoryRecord[];
    expect(records[0]).toMatchObject({ event: "kv_cache_allocated", tp: 10, dtype: "torch.bfloat16", numTokens: 387968, kSizeGb: 5.92, vSizeGb: 5.92 });
    expect(records[1]).toMatchObject({ event: "memory_pool_end", tp: 10, availMemGb: 11.23 });
  });

  it("prefix-less KV line and vLLM/SGLang launch flags (vllm issue-21348)", () => {
    const records = parseFixture("vllm-project__vllm__issue-21348.log").records;
    expect(records[0]).toMatchObject({ kind: "memory", event: "kv_cache_allocated", ts: null, ranksFromTag: false, numTokens: 367404, kSizeGb: 8.23, vSizeGb: 8.23, kvSizeGb: 16.46 });
    expect(records.slice(1)).toMatchObject([{ kind: "parallel", tp: 4 }, { kind: "parallel", tp: 4 }]);
  });

  it("CUDA graph capture with negative mem usage, scheduler summary, dict server_args (dsv41 report)", () => {
    const result = parseFixture("dsv41-flash-3xspark-report__excerpt.log");
    expect(at<MemoryRecord>(result, 19)).toMatchObject({ event: "cuda_graph_capture_end", graph: "draft verify", elapsedS: 4.26, memUsageGb: -0.01, availMemGb: 7.68 });
    const loads = result.records.filter((r): r is MemoryRecord => r.kind === "memory" && r.event === "load_weight_end");
    expect(loads.map((r) => [r.weightType, r.memUsageGb, r.availMemGb, r.elapsedS])).toEqual([
      ["DeepseekV4ForCausalLM", 94, 17.47, 541.76],
      ["DeepseekV4ForCausalLMDSpark", 2.8, 14.74, 74.58],
    ]);
    const summary = result.records.find((r): r is MemoryRecord => r.kind === "memory" && r.event === "scheduler_summary");
    expect(summary).toMatchObject({ availMemGb: 7.68, extra: { maxTotalNumTokens: 2999808, chunkedPrefillSize: 1024, contextLen: 1048576 } });
    expect(at<ParallelRecord>(result, 30)).toEqual({ kind: "parallel", source: "server_args", line: 30, ts: utc(2026, 9, 11, 23, 34, 3), tp: 3, dp: 1, ep: 3, pp: 1, enableDpAttention: false });
    expect(result.summary.parallelSizes).toEqual({ tp: 3, dp: 1, ep: 3, pp: 1 });
  });

  it("prefix-less capture lines (issue-33483)", () => {
    const records = parseFixture("sgl-project__sglang__issue-33483.log").records as MemoryRecord[];
    expect(records[0]).toMatchObject({ event: "cuda_graph_capture_begin", graph: "target decode", availMemGb: 7.1, ts: null });
    expect(records[1]).toMatchObject({ event: "cuda_graph_capture_end", graph: "target decode", elapsedS: 0.89, memUsageGb: 0.15, availMemGb: 6.95 });
  });
});

describe("real TRT-LLM and vLLM lines map onto SGLang metric names", () => {
  it("TRT-LLM iteration: scheduled requests -> runningReq, gen tokens / elapsed -> genThroughput", () => {
    const result = parseFixture("NVIDIA__TensorRT-LLM__pull-3914.log");
    const after = at<BatchRecord>(result, 9);
    expect(after).toMatchObject({
      engine: "trtllm", batchType: "decode", ts: utc(2025, 4, 28, 9, 56, 44), ranksFromTag: false,
      newSeq: 0, newToken: 0, runningReq: 10, extra: { iter: 198, globalRank: 0, rank: 0, numGenerationTokens: 16 },
    });
    expect(after.genThroughput).toBeCloseTo(16 / 0.005060911178588867, 3);
    expect(after.inputThroughput).toBeUndefined();
    expect(at<BatchRecord>(result, 7).runningReq).toBeUndefined();
  });

  it("vLLM engine stats: prompt/gen throughput, Running/Waiting, KV usage % -> 0..1", () => {
    const result = parseFixture("vllm-project__vllm__issue-43295.log");
    const third = result.records[2] as BatchRecord;
    expect(third).toMatchObject({
      engine: "vllm", batchType: "mixed", dp: 0, ranksFromTag: true, ts: null,
      inputThroughput: 12068.8, genThroughput: 734.9, runningReq: 18, queueReq: 33, cacheHitRate: 0,
    });
    expect(third.tokenUsage).toBeCloseTo(0.877, 10);
    expect(parseFixture("vllm-project__vllm__issue-43295.log", 2026).records[2].ts).toBe(utc(2026, 5, 19, 10, 13, 31));
  });

  it("vLLM extra fields are kept; the SpecDecoding line is not a record (genesis issue-24)", () => {
    const records = parseFixture("Sandermage__genesis-vllm-patches__issue-24.log").records as BatchRecord[];
    expect(records.map((r) => r.line)).toEqual([5, 7]);
    expect(records[0]).toMatchObject({ genThroughput: 28.4, tokenUsage: 0, extra: { mmCacheHitRate: 0 } });
  });
});
