import { describe, expect, it } from "vitest";
import { type BatchRecord, type MemoryRecord, batchRecordSchema, parseLogLine, parseWorkerLog } from "../../../parsers/worker-log";

const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number) => Date.UTC(y, mo - 1, d, h, mi, s);
const DECODE_TAIL = "Decode batch, #running-req: 5, #token: 20800, token usage: 0.29, cuda graph: True, gen throughput (token/s): 144.95, #queue-req: 0";

function batch(line: string): BatchRecord {
  const record = parseLogLine(line);
  if (record === null || record.kind !== "batch") throw new Error(`not a batch record: ${line}`);
  return record;
}

describe("parseLogLine: prefixes", () => {
  it("[TS PPp] sets pp and marks the ranks as tagged", () => {
    expect(batch(`[2026-01-02 03:04:05 PP3] ${DECODE_TAIL}`)).toMatchObject({ dp: 0, tp: 0, ep: 0, pp: 3, ranksFromTag: true, ts: utc(2026, 1, 2, 3, 4, 5) });
  });

  it("[TS DPd TPt EPe PPp] reads all four", () => {
    expect(batch(`[2026-01-02 03:04:05 DP1 TP2 EP3 PP4] ${DECODE_TAIL}`)).toMatchObject({ dp: 1, tp: 2, ep: 3, pp: 4 });
  });

  it("[TS] defaults ranks to 0 and says they were not tagged", () => {
    expect(batch(`[2026-01-02 03:04:05] ${DECODE_TAIL}`)).toMatchObject({ dp: 0, tp: 0, ep: 0, pp: 0, ranksFromTag: false });
  });

  it("dynamo ANSI-coloured ISO timestamp with microseconds (values from job 4405566's rollup)", () => {
    const line =
      "\x1b[2m2025-12-30T15:52:33.006497Z\x1b[0m \x1b[32m INFO\x1b[0m \x1b[2mscheduler.log_prefill_stats\x1b[0m\x1b[2m:\x1b[0m " +
      "Prefill batch, #new-seq: 2, #new-token: 1152, #cached-token: 0, token usage: 0.00, #running-req: 0, #queue-req: 0, ";
    const record = batch(line);
    expect(record).toMatchObject({ batchType: "prefill", newSeq: 2, newToken: 1152, cachedToken: 0, tokenUsage: 0, ranksFromTag: false });
    expect(record.ts).toBeCloseTo(utc(2025, 12, 30, 15, 52, 33) + 6.497, 6);
  });

  it("dynamo without colour, with a +08:00 offset", () => {
    const record = batch(`2025-12-30T23:52:33.500000+08:00  INFO sglang.srt.managers.scheduler: ${DECODE_TAIL}`);
    expect(record.ts).toBe(utc(2025, 12, 30, 15, 52, 33) + 500);
    expect(record.genThroughput).toBe(144.95);
  });

  it("Ray (CommandActor pid=N) and srun --label prefixes", () => {
    expect(batch(`(CommandActor pid=4242) [2025-10-01 10:00:00 DP1 TP2 EP3] ${DECODE_TAIL}`)).toMatchObject({ dp: 1, tp: 2, ep: 3, ts: utc(2025, 10, 1, 10, 0, 0) });
    expect(batch(`3: [2025-10-01 10:00:00 TP6] ${DECODE_TAIL}`)).toMatchObject({ tp: 6, runningReq: 5 });
  });

  it("NUL padding and invalid bytes in front of a line are skipped", () => {
    expect(batch(`\u0000\u0000\ufffd[2026-04-08 14:05:21 TP0] ${DECODE_TAIL}`)).toMatchObject({ tp: 0, numToken: 20800 });
  });

  it("strips one trailing \\r", () => {
    expect(batch(`[2026-04-08 14:05:21 TP0] ${DECODE_TAIL}\r`).queueReq).toBe(0);
  });
});

describe("parseLogLine: batch fields", () => {
  it("accepts `.` after the marker and fields in any order", () => {
    const record = batch("[2025-06-06 20:31:47 TP0] Decode batch. #queue-req: 3, gen throughput (token/s): 9.5, #running-req: 4");
    expect(record).toMatchObject({ queueReq: 3, genThroughput: 9.5, runningReq: 4 });
  });

  it("reads `cache hit rate` as a 0..1 fraction", () => {
    const record = batch("[2024-11-29 10:28:25 TP0] Prefill batch. #new-seq: 2, #new-token: 2048, #cached-token: 256, cache hit rate: 12.50%, token usage: 0.00, #running-req: 1, #queue-req: 30");
    expect(record.cacheHitRate).toBe(0.125);
  });

  it("keeps unknown numeric fields under a camelCase key, skips unknown text", () => {
    const record = batch(`[2026-04-08 14:05:21] Decode batch, #running-req: 1, #new-thing-count: 7, spec accept ratio: 50.00%, mode: fast, #queue-req: 0`);
    expect(record.extra).toEqual({ newThingCount: 7, specAcceptRatio: 0.5 });
  });

  it("maps every SGLang field name to its record key", () => {
    const names: Record<string, [string, number | boolean]> = {
      "#new-seq": ["newSeq", 11], "#new-token": ["newToken", 12], "#cached-token": ["cachedToken", 13],
      "token usage": ["tokenUsage", 0.14], "full token usage": ["fullTokenUsage", 0.15], "swa token usage": ["swaTokenUsage", 0.16],
      "mamba usage": ["mambaUsage", 0.17], "pre-allocated usage": ["preAllocatedUsage", 0.18], "#prealloc-req": ["preallocReq", 19],
      "#inflight-req": ["inflightReq", 20], "#transfer-req": ["transferReq", 21], "#retracted-req": ["retractedReq", 22],
      "#pending-token": ["pendingToken", 23], "#bootstrap-req": ["bootstrapReq", 24], "#unbootstrapped-req": ["unbootstrappedReq", 25],
      "#transferring-req": ["transferringReq", 26], "#token": ["numToken", 27], "#full token": ["numFullToken", 28],
      "#swa token": ["numSwaToken", 29], "input throughput (token/s)": ["inputThroughput", 30.5], "gen throughput (token/s)": ["genThroughput", 31.5],
      "accept len": ["acceptLen", 3.2], "accept rate": ["acceptRate", 0.33], "gap_latency": ["gapLatency", 1.34],
      "cuda graph": ["cudaGraph", true], "npu graph": ["npuGraph", false], "cpu graph": ["cpuGraph", true],
    };
    for (const [raw, [key, value]] of Object.entries(names)) {
      const printed = typeof value === "boolean" ? (value ? "True" : "False") : String(value);
      const record = batch(`[2026-01-01 00:00:00] Decode batch, #running-req: 1, ${raw}: ${printed}, #queue-req: 2`) as Record<string, unknown>;
      expect(record[key], raw).toBe(value);
      expect(record.extra, raw).toBeUndefined();
    }
  });

  it("every record matches its zod schema", () => {
    expect(batchRecordSchema.safeParse(batch(`[2026-04-08 14:05:21 TP0] ${DECODE_TAIL}`)).success).toBe(true);
  });

  it("`Prefill batches` prose and a traceback quoting the f-string are not records", () => {
    expect(parseLogLine("[2026-04-08 14:05:21] Prefill batches are being merged")).toBeNull();
    expect(parseLogLine('  File "/sgl-workspace/sglang/python/sglang/srt/managers/scheduler.py", line 12, in log_prefill_stats')).toBeNull();
    expect(parseLogLine('    logger.info(f"Prefill batch. #new-seq: {len(can_run_list)}, #new-token: {adder.log_input_tokens}, ")')).toBeNull();
    expect(parseLogLine('        f"Decode batch, #running-req: {num_running_reqs}, #queue-req: {len(self.waiting_queue)}, "')).toBeNull();
    expect(parseLogLine('[2026-06-08 19:59:38] Scheduler hit an exception: "Prefill batch, #new-seq: 1" failed')).toBeNull();
  });

  it("a broken batch line gives null from parseLogLine (the stream parser reports it)", () => {
    expect(parseLogLine("[2026-04-08 14:05:21 TP0] Decode batch, #running-req: 5, #token: 20800, token usa")).toBeNull();
  });
});

describe("2026 batch-line forms (srt-slurm batch_log_parser.py at c88ef731)", () => {
  it("`Prefill batch [N],` keeps N as batchIndex, with millisecond time and ranks", () => {
    const record = batch("[2026-05-10 12:00:11.896 DP1 TP1 EP1] Prefill batch [7], #new-seq: 1, #new-token: 2048, #cached-token: 0, full token usage: 0.00, #running-req: 0, #queue-req: 0");
    expect(record).toMatchObject({ batchType: "prefill", batchIndex: 7, ts: Date.UTC(2026, 4, 10, 12, 0, 11, 896), dp: 1, tp: 1, ep: 1, pp: 0, newToken: 2048, runningReq: 0 });
  });

  it("`Decode batch [N],` with `cpu graph:` in place of `cuda graph:`", () => {
    const record = batch("[2026-05-19 00:34:42 DP0 TP0 EP0] Decode batch [2], #running-req: 1, #token: 64, token usage: 0.20, cpu graph: False, gen throughput (token/s): 58.87, #queue-req: 0");
    expect(record).toMatchObject({ batchType: "decode", batchIndex: 2, cpuGraph: false, numToken: 64, genThroughput: 58.87 });
    expect(record.cudaGraph).toBeUndefined();
  });

  it("a prefill line with only #new-seq, #new-token, #cached-token is a batch whose other fields are absent", () => {
    const record = batch("[2026-08-20 04:40:20] Prefill batch, #new-seq: 1, #new-token: 8192, #cached-token: 0");
    expect(record).toMatchObject({ newSeq: 1, newToken: 8192, cachedToken: 0, ranksFromTag: false });
    for (const key of ["runningReq", "queueReq", "tokenUsage", "inputThroughput", "batchIndex"]) expect(record[key as keyof BatchRecord], key).toBeUndefined();
  });

  it("a batch-form line that cannot be read is an issue with its line, never a silent zero", () => {
    const good = "[2026-05-10 12:00:00.000 DP0] Prefill batch [1], #new-seq: 1, #new-token: 100, #cached-token: 0";
    const log = [good, good.replace("[1]", "[x1]"), good.replace("[1],", "[2]"), "[2026-08-20 04:40:20] Prefill batch, #new-seq: 1", good.replace("[1]", "[")].join("\n");
    const result = parseWorkerLog(log);
    expect(result.records.map((r) => r.line)).toEqual([1]);
    expect(result.issues).toEqual([
      { line: 2, message: 'Prefill batch line: batch index "[x1]" is not a whole number' },
      { line: 3, message: 'Prefill batch line: no "," after the batch index [2]' },
      { line: 4, message: 'Prefill batch line has no "#new-token" field (line cut short?)' },
      { line: 5, message: 'Prefill batch line: batch index "[, #new-seq: 1, #new-token: 100, #cached-token: 0" is not a whole number; the log ends on this line without a newline (write cut off?)' },
    ]);
  });

  it("a batch line with values after a prefix we do not know is an issue; prose and quoted f-strings are not", () => {
    const log = [
      "INFO:sglang.srt: Prefill batch, #new-seq: 1, #new-token: 5",
      "p0\x1b[2m2026-04-27T23:03:15.250907Z\x1b[0m Decode batch [4], #running-req: 1, #queue-req: 0",
      "[2026-04-08 14:05:21] Prefill batches are being merged, #new-seq: 1",
      '    logger.info(f"Prefill batch. #new-seq: {len(can_run_list)}, #new-token: {adder.log_input_tokens}, ")',
      "[2026-04-08 14:05:21] max prefill batch, #tokens: 5",
      "sched_batch=4 Decode batch, #running-req: 3, #queue-req: 0",
    ];
    const result = parseWorkerLog(`${log.join("\n")}\n`);
    expect(result.records).toEqual([]);
    expect(result.issues).toEqual([
      { line: 1, message: 'Prefill batch line not read: it comes after "INFO:sglang.srt: ", which is not a log prefix this parser knows' },
      { line: 2, message: 'Decode batch line not read: it comes after "p0\\u001b[2m2026-04-27T23:03:15.250907Z\\u001b[0m ", which is not a log prefix this parser knows' },
      { line: 6, message: 'Decode batch line not read: it comes after "sched_batch=4 ", which is not a log prefix this parser knows' },
    ]);
  });

  it("defaultDp (a per-DP-rank log) is the DP of lines whose tag has none; a tagged DP wins", () => {
    const lines = ["[2026-05-10 12:00:00] Prefill batch, #new-seq: 1, #new-token: 10", "[2026-05-10 12:00:00 TP2] Prefill batch, #new-seq: 1, #new-token: 10", "[2026-05-10 12:00:00 DP1 TP0] Prefill batch, #new-seq: 1, #new-token: 10"];
    const result = parseWorkerLog(lines.join("\n"), { defaultDp: 3 });
    expect(result.records.map((r) => (r as BatchRecord).dp)).toEqual([3, 3, 1]);
    expect(parseWorkerLog(lines.join("\n")).records.map((r) => (r as BatchRecord).dp)).toEqual([0, 0, 1]);
  });
});

describe("parseLogLine: memory lines", () => {
  it("2025 `Load weight end. type=, dtype=, avail mem=, mem usage=`", () => {
    const record = parseLogLine("[2025-06-01 00:00:00 TP1] Load weight end. type=LlamaForCausalLM, dtype=torch.bfloat16, avail mem=63.48 GB, mem usage=15.03 GB.");
    expect(record).toMatchObject({ kind: "memory", event: "load_weight_end", tp: 1, weightType: "LlamaForCausalLM", dtype: "torch.bfloat16", availMemGb: 63.48, memUsageGb: 15.03 });
    expect((record as MemoryRecord).elapsedS).toBeUndefined();
  });

  it("MLA `KV size` keeps K/V sizes unset", () => {
    const record = parseLogLine("[2025-06-01 00:00:00 DP0 TP0 EP0] KV Cache is allocated. #tokens: 1048576, KV size: 35.12 GB");
    expect(record).toMatchObject({ event: "kv_cache_allocated", numTokens: 1048576, kvSizeGb: 35.12 });
    expect((record as MemoryRecord).kSizeGb).toBeUndefined();
  });

  it("2024 lines without `mem usage=` / `#tokens:` still count", () => {
    expect(parseLogLine("[2024-09-01 00:00:00 TP0] Load weight end. type=LlamaForCausalLM, dtype=torch.bfloat16, avail mem=63.18 GB")).toMatchObject({ event: "load_weight_end", availMemGb: 63.18 });
    expect(parseLogLine("[2024-09-01 00:00:01 TP0] KV Cache is allocated. K size: 0.27 GB, V size: 0.27 GB")).toMatchObject({ event: "kv_cache_allocated", kSizeGb: 0.27, vSizeGb: 0.27, kvSizeGb: 0.54 });
  });

  it("memory lines cut before their numbers are issues", () => {
    const result = parseWorkerLog("[2026-07-01 15:19:55 TP10] KV Cache is allocated. dtype: torch.bfloat16, #tokens: 387968, K size: 5.92 GB, V si\n[2026-07-01 15:19:55 TP10] Memory pool end. avail\n");
    expect(result.issues).toEqual([
      { line: 1, message: '"KV Cache is allocated" line has no KV size / K size / V size (line cut short?)' },
      { line: 2, message: '"Memory pool end" line has no avail mem (line cut short?)' },
    ]);
  });

  it("2025 `Capture cuda graph end. Time elapsed: .. s. mem usage=.. avail mem=..`", () => {
    const record = parseLogLine("[2025-06-01 00:01:00 TP0] Capture cuda graph end. Time elapsed: 4.30 s. mem usage=0.66 GB. avail mem=31.08 GB.");
    expect(record).toMatchObject({ event: "cuda_graph_capture_end", graph: "", elapsedS: 4.3, memUsageGb: 0.66, availMemGb: 31.08 });
    expect(parseLogLine("[2025-06-01 00:01:00 TP0] Capture cuda graph bs [1, 2, 4, 8]")).toBeNull();
  });
});

describe("parseLogLine: parallel sizes", () => {
  it("ServerArgs(...) dump, not fooled by moe_dense_tp_size", () => {
    const record = parseLogLine("[2025-09-01 00:00:00] server_args=ServerArgs(model_path='/m', moe_dense_tp_size=None, tp_size=8, dp_size=4, ep_size=8, pp_size=1, enable_dp_attention=True)");
    expect(record).toMatchObject({ kind: "parallel", source: "server_args", tp: 8, dp: 4, ep: 8, pp: 1, enableDpAttention: true });
  });

  it("launch flags in both `--flag N` and `--flag=N` form", () => {
    const record = parseLogLine("+ python3 -m dynamo.sglang --model-path /m --tp-size 16 --dp-size=8 --ep-size 16 --enable-dp-attention");
    expect(record).toMatchObject({ kind: "parallel", source: "command_line", tp: 16, dp: 8, ep: 16, enableDpAttention: true });
    expect(parseLogLine("vllm serve /m --tensor-parallel-size 4 --pipeline-parallel-size 2")).toMatchObject({ tp: 4, pp: 2 });
    expect(parseLogLine("To work around this error, add --disable-piecewise-cuda-graph to your launch command.")).toBeNull();
  });
});

describe("TRT-LLM and vLLM mapping", () => {
  // A real iteration line quoted in https://github.com/NVIDIA/TensorRT-LLM/pull/6683
  const TRT_CTX =
    "[08/07/2025-02:28:52] [TRT-LLM] [I] iter = 6, global_rank = 0, rank = 0, currank_total_requests = 0/0, elapsed_time = 0.09875988960266113s, timestamp = 2025-08-07 02:28:52, num_scheduled_requests: 2, states = {'num_ctx_requests': 1, 'num_ctx_tokens': 4096, 'num_generation_tokens': 1}";

  it("an iteration with context tokens is a prefill record with both rates", () => {
    const record = batch(TRT_CTX);
    expect(record).toMatchObject({ engine: "trtllm", batchType: "prefill", newSeq: 1, newToken: 4096, runningReq: 2, ts: utc(2025, 8, 7, 2, 28, 52) });
    expect(record.inputThroughput).toBeCloseTo(4096 / 0.09875988960266113, 4);
    expect(record.genThroughput).toBeCloseTo(1 / 0.09875988960266113, 4);
    expect(record.extra?.currankTotalRequests).toBeUndefined();
  });

  it("kv_cache_util becomes tokenUsage; N/A is left out", () => {
    const withUtil = TRT_CTX.replace("num_scheduled_requests: 2,", "num_scheduled_requests: 2, kv_cache_util = 0.42,");
    expect(batch(withUtil).tokenUsage).toBe(0.42);
    expect(batch(TRT_CTX.replace("num_scheduled_requests: 2,", "num_scheduled_requests: 2, kv_cache_util = N/A,")).tokenUsage).toBeUndefined();
  });

  it("vLLM V0 stats through srun label + dynamo colours (line from ai-dynamo/dynamo#1074)", () => {
    const line =
      "0: \x1b[2m2025-05-13T13:47:39.069Z\x1b[0m \x1b[32m INFO\x1b[0m \x1b[2mmetrics.log\x1b[0m\x1b[2m:\x1b[0m Avg prompt throughput: 0.0 tokens/s, Avg generation throughput: 30273.6 tokens/s, Running: 8 reqs, Swapped: 0 reqs, Pending: 0 reqs, GPU KV cache usage: 1.4%, CPU KV cache usage: 0.0%.";
    const record = batch(line);
    expect(record).toMatchObject({ engine: "vllm", batchType: "mixed", ranksFromTag: false, inputThroughput: 0, genThroughput: 30273.6, runningReq: 8, queueReq: 0, extra: { swapped: 0, cpuKvCacheUsage: 0 } });
    expect(record.tokenUsage).toBeCloseTo(0.014, 10);
    expect(record.ts).toBe(utc(2025, 5, 13, 13, 47, 39) + 69);
  });

  it("vLLM `Engine 001` is data-parallel rank 1; yearHint dates the line", () => {
    const line = "(APIServer pid=7) INFO 12-31 23:59:59 [loggers.py:271] Engine 001: Avg prompt throughput: 5.0 tokens/s, Avg generation throughput: 6.0 tokens/s, Running: 1 reqs, Waiting: 2 reqs, GPU KV cache usage: 50.0%";
    expect(parseLogLine(line, 1, { yearHint: 2025 })).toMatchObject({ dp: 1, ranksFromTag: true, queueReq: 2, tokenUsage: 0.5, ts: utc(2025, 12, 31, 23, 59, 59) });
  });

  it("a cut-off vLLM stats line is an issue", () => {
    const result = parseWorkerLog("(APIServer pid=7) INFO 05-19 10:13:11 [loggers.py:271] Engine 000: Avg prompt throughput: 0.0 tokens/s, Avg gen\n");
    expect(result.issues).toEqual([{ line: 1, message: 'vLLM stats line: field "Avg gen" has no value' }]);
  });
});

describe("parseLogLine: non-finite values", () => {
  it("leaves out a field printed as inf/nan but keeps the record", () => {
    const record = batch("[2026-04-08 14:05:21 TP0] Decode batch, #running-req: 5, #token: 20800, token usage: 0.29, gen throughput (token/s): inf, accept len: nan, #queue-req: 0");
    expect(record).toMatchObject({ runningReq: 5, numToken: 20800, queueReq: 0 });
    expect(record.genThroughput).toBeUndefined();
    expect(record.acceptLen).toBeUndefined();
  });
});

describe("parseLogLine: long numbers", () => {
  it("reads values with more than 15 digits exactly as JavaScript would", () => {
    const record = batch("[2026-01-01 00:00:00] Decode batch, #running-req: 1, gap_latency: 0.005060911178588867, #queue-req: -12345678901234567");
    expect(record.gapLatency).toBe(0.005060911178588867);
    expect(record.queueReq).toBe(-12345678901234567);
  });
});
