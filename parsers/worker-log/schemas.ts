import { z } from "zod";

/**
 * Rank fields every record carries. SGLang drops a rank from its `[TS DPd TPt EPe]` tag when that
 * parallel size is 1, so a rank missing from a tag really is 0. When the line has no tag at all
 * (`[TS]`, dynamo formatting, TRT-LLM) the ranks are unknown: they default to 0 and
 * `ranksFromTag` is false so callers can tell "rank 0" from "no idea".
 */
const rankShape = {
  dp: z.number().int(),
  tp: z.number().int(),
  ep: z.number().int(),
  pp: z.number().int(),
  /** True when the line itself named a rank (SGLang tag, or vLLM `Engine NNN` for dp). */
  ranksFromTag: z.boolean(),
};

const lineShape = {
  /** 1-based line number in the log. */
  line: z.number().int(),
  /**
   * Milliseconds since the Unix epoch (fractional ms keep dynamo's microseconds). Naive
   * `YYYY-MM-DD HH:MM:SS` stamps are read as UTC. Null when the line has no timestamp, or when the
   * stamp has no year (vLLM `MM-DD HH:MM:SS`) and no `yearHint` was given.
   */
  ts: z.number().nullable(),
  ...rankShape,
};

/** Engines whose per-batch lines we read. */
export const engineSchema = z.enum(["sglang", "trtllm", "vllm"]);
export type Engine = z.infer<typeof engineSchema>;

/**
 * `prefill` / `decode` are SGLang's own line kinds (TRT-LLM iterations with context tokens count as
 * prefill). `mixed` is vLLM's periodic engine summary, which covers prefill and decode together.
 */
export const batchTypeSchema = z.enum(["prefill", "decode", "mixed"]);
export type BatchType = z.infer<typeof batchTypeSchema>;

const num = z.number().optional();

/** One scheduler batch (SGLang), iteration (TRT-LLM) or stats interval (vLLM). */
export const batchRecordSchema = z.object({
  kind: z.literal("batch"),
  engine: engineSchema,
  batchType: batchTypeSchema,
  ...lineShape,
  /** `N` of `Prefill batch [N], ...` (SGLang with SGLANG_LOG_FORWARD_ITERS): its forward count. */
  batchIndex: num,
  newSeq: num,
  newToken: num,
  cachedToken: num,
  /** KV-cache usage as a 0..1 fraction; filled from `full token usage` on hybrid/SWA models. */
  tokenUsage: num,
  fullTokenUsage: num,
  swaTokenUsage: num,
  mambaUsage: num,
  preAllocatedUsage: num,
  runningReq: num,
  queueReq: num,
  preallocReq: num,
  inflightReq: num,
  transferReq: num,
  retractedReq: num,
  pendingToken: num,
  bootstrapReq: num,
  unbootstrappedReq: num,
  transferringReq: num,
  /** `#token`; filled from `#full token` on hybrid/SWA models. */
  numToken: num,
  numFullToken: num,
  numSwaToken: num,
  inputThroughput: num,
  genThroughput: num,
  acceptLen: num,
  acceptRate: num,
  /** 0..1 fraction (SGLang prints `cache hit rate: 12.50%`, vLLM `Prefix cache hit rate`). */
  cacheHitRate: num,
  gapLatency: num,
  cudaGraph: z.boolean().optional(),
  npuGraph: z.boolean().optional(),
  cpuGraph: z.boolean().optional(),
  /** Numeric fields we have no name for, keyed by camelCased field name (`#cache_miss` -> `cacheMiss`). */
  extra: z.record(z.string(), z.number()).optional(),
});
export type BatchRecord = z.infer<typeof batchRecordSchema>;

export const memoryEventSchema = z.enum([
  "init_torch_distributed_end",
  "load_weight_begin",
  "load_weight_end",
  "kv_cache_allocated",
  "memory_pool_end",
  "cuda_graph_capture_begin",
  "cuda_graph_capture_end",
  "scheduler_summary",
]);
export type MemoryEvent = z.infer<typeof memoryEventSchema>;

/** A start-up memory line (SGLang). Sizes are GB as printed; `memUsageGb` can be negative. */
export const memoryRecordSchema = z.object({
  kind: z.literal("memory"),
  event: memoryEventSchema,
  ...lineShape,
  availMemGb: num,
  memUsageGb: num,
  /** MLA `KV size`, or K size + V size when SGLang prints them apart. */
  kvSizeGb: num,
  kSizeGb: num,
  vSizeGb: num,
  /** `#tokens` of a KV-cache allocation. */
  numTokens: num,
  elapsedS: num,
  dtype: z.string().optional(),
  weightType: z.string().optional(),
  quant: z.string().optional(),
  fmt: z.string().optional(),
  /** Which CUDA graph was captured (`target verify`, `draft decode`, `` for the old single graph). */
  graph: z.string().optional(),
  extra: z.record(z.string(), z.number()).optional(),
});
export type MemoryRecord = z.infer<typeof memoryRecordSchema>;

/** Parallel sizes named by the log: a launch command, a ServerArgs dump or a vLLM engine config. */
export const parallelRecordSchema = z.object({
  kind: z.literal("parallel"),
  source: z.enum(["server_args", "command_line"]),
  line: z.number().int(),
  ts: z.number().nullable(),
  tp: num,
  dp: num,
  ep: num,
  pp: num,
  enableDpAttention: z.boolean().optional(),
});
export type ParallelRecord = z.infer<typeof parallelRecordSchema>;

export const logRecordSchema = z.discriminatedUnion("kind", [
  batchRecordSchema,
  memoryRecordSchema,
  parallelRecordSchema,
]);
export type LogRecord = z.infer<typeof logRecordSchema>;

/** A line that looked like a record but could not be read. */
export const logIssueSchema = z.object({ line: z.number().int(), message: z.string() });
export type LogIssue = z.infer<typeof logIssueSchema>;

export const parallelSizesSchema = z.object({
  tp: z.number().nullable(),
  dp: z.number().nullable(),
  ep: z.number().nullable(),
  pp: z.number().nullable(),
});
export type ParallelSizes = z.infer<typeof parallelSizesSchema>;

export const logSummarySchema = z.object({
  bytes: z.number().int(),
  lines: z.number().int(),
  records: z.number().int(),
  batches: z.object({ prefill: z.number().int(), decode: z.number().int(), mixed: z.number().int() }),
  memory: z.number().int(),
  parallel: z.number().int(),
  engines: z.array(engineSchema),
  /** Sizes merged from parallel records (ServerArgs wins over command-line flags); null if none. */
  parallelSizes: parallelSizesSchema.nullable(),
  issues: z.number().int(),
  /** Issues counted but not listed because `maxIssues` was reached. */
  issuesSuppressed: z.number().int(),
  empty: z.boolean(),
  /** One human sentence when the log yields nothing useful ("empty log: 0 bytes"), else "". */
  note: z.string(),
});
export type LogSummary = z.infer<typeof logSummarySchema>;

export const workerLogResultSchema = z.object({
  records: z.array(logRecordSchema),
  issues: z.array(logIssueSchema),
  summary: logSummarySchema,
});
export type WorkerLogResult = z.infer<typeof workerLogResultSchema>;
