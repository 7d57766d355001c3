import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type BatchRecord, type LogRecord, type WorkerLogResult, createLogParser, parseWorkerLog } from "../../../parsers/worker-log";

const DIR = fileURLToPath(new URL("../../fixtures/real/logs/", import.meta.url));
const encode = (text: string) => new TextEncoder().encode(text);
const DECODE = "[2026-04-08 14:05:21 TP0] Decode batch, #running-req: 5, #token: 20800, token usage: 0.29, cuda graph: True, gen throughput (token/s): 144.95, #queue-req: 0";
const UVICORN = '[2026-04-05 20:02:51] INFO:     127.0.0.1:40052 - "POST /v1/chat/completions HTTP/1.1" 200 OK';

function feed(bytes: Uint8Array, chunkSize: number): WorkerLogResult {
  const parser = createLogParser();
  for (let off = 0; off < bytes.length; off += chunkSize) parser.push(bytes.subarray(off, off + chunkSize));
  return parser.end();
}

/** Several real logs glued together, `#` header lines blanked. */
function realCorpus(): string {
  const names = ["sgl-project__sglang__pull-17392.log", "dsv41-flash-3xspark-report__excerpt.log", "NVIDIA__TensorRT-LLM__pull-3914.log", "sgl-project__sglang__pull-13023.log"];
  return names
    .map((name) => readFileSync(DIR + name, "utf8"))
    .join("\n")
    .split("\n")
    .map((line) => (line.startsWith("#") ? "" : line))
    .join("\n");
}

describe("createLogParser: chunking", () => {
  it("gives the same result for any chunk size", () => {
    const bytes = encode(realCorpus());
    const whole = parseWorkerLog(bytes);
    expect(whole.records).toHaveLength(9 + 1 + 11 + 1 + 4 + 3 + 2 + 9 + 8);
    for (const size of [1, 2, 7, 100, 4096, 65536]) expect(feed(bytes, size), `chunk ${size}`).toEqual(whole);
  });

  it("a multi-MiB buffer in one push is decoded in slices with the same result", () => {
    const bytes = encode(`${UVICORN}\n${DECODE}\n`.repeat(15_000));
    expect(bytes.length).toBeGreaterThan(3 * 1024 * 1024);
    const whole = parseWorkerLog(bytes);
    expect(whole.summary).toMatchObject({ lines: 30_000, records: 15_000, issues: 0 });
    expect(whole.records[14_999].line).toBe(30_000);
    expect(feed(bytes, 65536)).toEqual(whole);
  });

  it("text and bytes input agree", () => {
    const text = realCorpus();
    expect(parseWorkerLog(text).records).toEqual(parseWorkerLog(encode(text)).records);
  });

  it("a multi-byte character split across chunks does not damage its line", () => {
    const bytes = encode(`Capturing batches: 100%|██████████| 8/8\n${DECODE}\n`);
    for (const size of [1, 2, 3, 5]) {
      const result = feed(bytes, size);
      expect(result.records).toHaveLength(1);
      expect(result.records[0].line).toBe(2);
    }
  });

  it("delivers records to onRecord instead of collecting them", () => {
    const seen: LogRecord[] = [];
    const parser = createLogParser({ onRecord: (record) => seen.push(record) });
    parser.push(encode(`${DECODE}\n${UVICORN}\n${DECODE}\n`));
    const result = parser.end();
    expect(seen.map((r) => r.line)).toEqual([1, 3]);
    expect(result.records).toEqual([]);
    expect(result.summary.batches.decode).toBe(2);
  });

  it("push after end is a programmer error", () => {
    const parser = createLogParser();
    parser.end();
    expect(() => parser.push(encode("x\n"))).toThrow("push() after end()");
  });
});

describe("createLogParser: line endings", () => {
  it("CRLF endings are stripped", () => {
    const result = parseWorkerLog(encode(`${UVICORN}\r\n${DECODE}\r\n`));
    expect(result.records).toHaveLength(1);
    expect(result.records[0]).toMatchObject({ line: 2, queueReq: 0 });
  });

  it("a lone \\r (progress bar) does not end a line", () => {
    const bar = "Capturing batches (bs=8): 50%|█▌ |\rCapturing batches (bs=4): 100%|███|";
    const inRecord = DECODE.replace(", #queue-req: 0", "\r, #queue-req: 0");
    const result = parseWorkerLog(encode(`${bar}\n${inRecord}\n${DECODE}\n`));
    expect(result.summary.lines).toBe(3);
    expect(result.records.map((r) => r.line)).toEqual([2, 3]);
    expect(result.records[0]).toMatchObject({ genThroughput: 144.95, queueReq: 0 });
    expect(result.issues).toEqual([]);
  });
});

describe("createLogParser: bad input", () => {
  it("skips invalid UTF-8 and binary junk but keeps every good line", () => {
    const junk = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x0a, 0x00, 0x00, 0x00]);
    const bytes = new Uint8Array([...encode(`${DECODE}\n`), ...junk, ...encode(`${DECODE}\n${UVICORN}\n`), 0xe2, 0x82, 0x0a, ...encode(`${DECODE}\n`)]);
    const result = parseWorkerLog(bytes);
    expect(result.records.map((r) => r.line)).toEqual([1, 3, 6]);
    expect(result.issues).toEqual([]);
  });

  it("an invalid byte inside a value makes that one line an issue", () => {
    const cut = DECODE.indexOf("20800") + 2;
    const bytes = new Uint8Array([...encode(DECODE.slice(0, cut)), 0xff, ...encode(`${DECODE.slice(cut)}\n${DECODE}\n`)]);
    const result = parseWorkerLog(bytes);
    expect(result.records.map((r) => r.line)).toEqual([2]);
    expect(result.issues).toEqual([{ line: 1, message: 'Decode batch line: "#token" is not a number: "20\uFFFD800"' }]);
  });

  it("a batch line missing its closing fields is an issue, and parsing goes on", () => {
    const cut = "[2026-04-08 14:05:22 TP0] Decode batch, #running-req: 5, #token: 20800, token usage: 0.29, cuda graph: True";
    const result = parseWorkerLog(`${UVICORN}\n${cut}\n${DECODE}\n`);
    expect(result.issues).toEqual([{ line: 2, message: 'Decode batch line has no "#queue-req" field (line cut short?)' }]);
    expect(result.records.map((r) => r.line)).toEqual([3]);
  });

  it("a final line cut mid-record (no newline) is an issue that says so", () => {
    const result = parseWorkerLog(encode(`${DECODE}\n[2026-04-08 14:05:23 TP0] Decode batch, #running-req: 5, #token: 20800, token usa`));
    expect(result.records).toHaveLength(1);
    expect(result.summary.lines).toBe(2);
    expect(result.issues).toEqual([
      { line: 2, message: 'Decode batch line: field "token usa" has no value; the log ends on this line without a newline (write cut off?)' },
    ]);
  });

  it("a complete final line without a newline is still a record", () => {
    expect(parseWorkerLog(encode(`${UVICORN}\n${DECODE}`)).records.map((r) => r.line)).toEqual([2]);
  });

  it("a 10 MiB line without a newline costs bounded memory and is reported", () => {
    const parser = createLogParser();
    const chunk = new Uint8Array(64 * 1024).fill(0x41);
    parser.push(encode(`${DECODE}\n`));
    let maxPending = 0;
    for (let i = 0; i < 160; i++) {
      parser.push(chunk);
      maxPending = Math.max(maxPending, parser.pendingBytes);
    }
    parser.push(encode(`\n${DECODE}\n`));
    const result = parser.end();
    expect(maxPending).toBeLessThanOrEqual(256 * 1024);
    expect(parser.pendingBytes).toBe(0);
    expect(result.issues).toEqual([{ line: 2, message: "line is longer than 262144 bytes; skipped (binary data or a runaway print?)" }]);
    expect(result.records.map((r) => r.line)).toEqual([1, 3]);
  });

  it("an overlong last line without a newline still counts as a line", () => {
    const result = parseWorkerLog(encode(`${DECODE}\n${"y".repeat(300_000)}`));
    expect(result.summary.lines).toBe(2);
    expect(result.issues).toEqual([{ line: 2, message: "line is longer than 262144 bytes; skipped (binary data or a runaway print?)" }]);
  });

  it("an overlong line inside one piece of text is skipped too", () => {
    const result = parseWorkerLog(`${"x".repeat(300_000)}\n${DECODE}\n`, { maxLineLength: 100_000 });
    expect(result.issues).toEqual([{ line: 1, message: "line is longer than 100000 characters; skipped (binary data or a runaway print?)" }]);
    expect(result.records).toHaveLength(1);
  });

  it("a Python traceback quoting `Prefill batch` yields no record and no issue", () => {
    const traceback = [
      "[2026-06-08 19:59:38] Scheduler hit an exception: Traceback (most recent call last):",
      '  File "/sgl-workspace/sglang/python/sglang/srt/managers/scheduler.py", line 12, in log_prefill_stats',
      '    logger.info(f"Prefill batch. #new-seq: {len(can_run_list)}, #new-token: {adder.log_input_tokens}, ")',
      "ValueError: boom",
    ].join("\n");
    const result = parseWorkerLog(`${traceback}\n`);
    expect(result.records).toEqual([]);
    expect(result.issues).toEqual([]);
  });

  it("caps listed issues and counts the rest", () => {
    const broken = "[2026-04-08 14:05:22 TP0] Decode batch, #running-req: 5\n".repeat(5);
    const result = parseWorkerLog(broken, { maxIssues: 2 });
    expect(result.issues.map((i) => i.line)).toEqual([1, 2]);
    expect(result.summary).toMatchObject({ issues: 5, issuesSuppressed: 3, records: 0, empty: true });
  });
});

describe("summary", () => {
  it("an empty log yields zero records and says so", () => {
    const result = parseWorkerLog(new Uint8Array(0));
    expect(result.records).toEqual([]);
    expect(result.summary).toMatchObject({ bytes: 0, lines: 0, records: 0, empty: true, note: "empty log: 0 bytes", parallelSizes: null, engines: [] });
    expect(createLogParser().end().summary.note).toBe("empty log: 0 bytes");
  });

  it("a log with only noise says how many lines it read", () => {
    const result = parseWorkerLog(encode(`${UVICORN}\n${UVICORN}\nhello\n`));
    expect(result.summary).toMatchObject({ lines: 3, records: 0, empty: true, note: "no batch, memory or parallel-size lines in 3 lines" });
  });

  it("counts batches by type and engine, and ServerArgs wins over launch flags", () => {
    const text = [
      "python3 -m sglang.launch_server --tp 4 --dp 2",
      "[2026-01-01 00:00:00] server_args=ServerArgs(tp_size=8, ep_size=8)",
      DECODE,
      "[2026-01-01 00:00:01] Prefill batch, #new-seq: 1, #new-token: 5, #cached-token: 0, token usage: 0.00, #running-req: 0, #queue-req: 0",
    ].join("\n");
    const { summary, records } = parseWorkerLog(text);
    expect(summary).toMatchObject({ lines: 4, records: 4, batches: { prefill: 1, decode: 1, mixed: 0 }, parallel: 2, engines: ["sglang"], empty: false, note: "" });
    expect(summary.parallelSizes).toEqual({ tp: 8, dp: 2, ep: 8, pp: null });
    expect((records[2] as BatchRecord).batchType).toBe("decode");
  });
});
