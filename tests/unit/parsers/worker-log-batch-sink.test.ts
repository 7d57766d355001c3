import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BatchTableBuilder, type BatchTable } from "../../../parsers/worker-log/batch-table";
import { type LogRecord, type SglangBatchLine, type WorkerLogResult, createLogParser } from "../../../parsers/worker-log";

const DIR = fileURLToPath(new URL("../../fixtures/real/logs/", import.meta.url));
const FIXTURES = readdirSync(DIR).filter((name) => name.endsWith(".log"));
const encode = (text: string) => new TextEncoder().encode(text);

interface Parsed {
  table: BatchTable;
  others: LogRecord[];
  result: WorkerLogResult;
}

/** The table built the old way (every batch a record) or through the sink, fed in small chunks. */
function parse(bytes: Uint8Array, viaSink: boolean, chunk = 4096): Parsed {
  const builder = new BatchTableBuilder();
  const others: LogRecord[] = [];
  const parser = createLogParser({
    yearHint: 2026,
    batchSink: viaSink ? builder : undefined,
    onRecord: (record) => (record.kind === "batch" ? builder.add(record) : others.push(record)),
  });
  for (let off = 0; off < bytes.length; off += chunk) parser.push(bytes.subarray(off, off + chunk));
  const result = parser.end(); // first: it reads the unterminated last line
  return { table: builder.finish(), others, result };
}

/** Plain arrays (NaN compares equal under toEqual) and the metric column order. */
function plain(table: BatchTable) {
  const metrics = Object.entries(table.metrics).map(([name, column]) => [name, Array.from(column)]);
  return { ...table, ts: Array.from(table.ts), line: Array.from(table.line), dp: Array.from(table.dp), tp: Array.from(table.tp), ep: Array.from(table.ep), pp: Array.from(table.pp), batchType: Array.from(table.batchType), metrics };
}

describe("createLogParser: batchSink", () => {
  it.each(FIXTURES)("builds the same table as records would for %s", (name) => {
    const bytes = readFileSync(DIR + name);
    const old = parse(bytes, false);
    const sunk = parse(bytes, true);
    expect(plain(sunk.table)).toEqual(plain(old.table));
    expect(sunk.others).toEqual(old.others);
    expect(sunk.result.summary).toEqual(old.result.summary);
    expect(sunk.result.issues).toEqual(old.result.issues);
  });

  it("hands over aliases, graph flags, extras and missing timestamps like a record", () => {
    const text = [
      "[2026-04-08 14:05:21 DP3 TP5 EP7] Prefill batch, #new-seq: 1, #new-token: 8, #cached-token: 0, full token usage: 0.25, #full token: 12, #running-req: 0, #queue-req: 1, npu graph: False, #cache_miss: 3, spec rate: 12.5%",
      "Decode batch, #running-req: 5, #token: 20800, token usage: 0.29, cuda graph: True, gen throughput (token/s): inf, #queue-req: 0",
      "[2026-04-08 14:05:22 TP0] Decode batch, #running-req: 5, #queue-req: 0, token usage: 0.10, full token usage: 0.20",
    ].join("\n");
    const old = parse(encode(text), false, 7);
    const sunk = parse(encode(text), true, 7);
    expect(plain(sunk.table)).toEqual(plain(old.table));
    expect(sunk.table.length).toBe(3);
    expect(sunk.table.metrics.tokenUsage[0]).toBe(0.25);
    expect(sunk.table.metrics.tokenUsage[2]).toBe(0.1);
    expect(sunk.table.metrics.numToken[0]).toBe(12);
    expect(sunk.table.metrics.cacheMiss[0]).toBe(3);
    expect(sunk.table.metrics.specRate[0]).toBe(0.125);
    expect(Number.isNaN(sunk.table.ts[1])).toBe(true);
    expect([sunk.table.dp[0], sunk.table.tp[0], sunk.table.ep[0]]).toEqual([3, 5, 7]);
  });

  it("gives SGLang batches only to the sink, and counts them in the summary", () => {
    const seen: string[] = [];
    const records: LogRecord[] = [];
    const parser = createLogParser({
      batchSink: { sglangBatch: (b: SglangBatchLine) => seen.push(`${b.batchType}@${b.line}:${b.values[8]}`) },
      onRecord: (record) => records.push(record),
    });
    parser.push(encode("[2026-04-08 14:05:21 TP0] Decode batch, #running-req: 5, #queue-req: 0\nINFO 05-19 10:13:11 [loggers.py:271] Engine 000: Avg prompt throughput: 1.0 tokens/s, Avg generation throughput: 2.0 tokens/s, Running: 1 reqs, Waiting: 0 reqs, GPU KV cache usage: 1.5%, Prefix cache hit rate: 0.0%\n"));
    const { summary, records: kept } = parser.end();
    expect(seen).toEqual(["decode@1:5"]);
    expect(records.map((r) => r.kind === "batch" && r.engine)).toEqual(["vllm"]);
    expect(kept).toEqual([]);
    expect(summary.batches).toEqual({ prefill: 0, decode: 1, mixed: 1 });
    expect(summary.records).toBe(2);
    expect(summary.engines).toEqual(["sglang", "vllm"]);
  });
});
