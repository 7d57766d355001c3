import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BatchTableBuilder, type BatchTable } from "../../../../parsers/worker-log/batch-table";
import { type BatchRecord, type LogRecord, SglangBatchLine, createLogParser, parseLogLine } from "../../../../parsers/worker-log";
import { readSglangBatchBytes } from "../../../../parsers/worker-log/sglang-batch-bytes";

const DIR = fileURLToPath(new URL("../../../fixtures/real/logs/", import.meta.url));
const FIXTURES = readdirSync(DIR).filter((name) => name.endsWith(".log"));
const encode = (text: string) => new TextEncoder().encode(text);

/** Every line of every real log, without the `#` provenance header lines. */
const REAL_LINES = FIXTURES.flatMap((name) =>
  readFileSync(DIR + name, "utf8")
    .split("\n")
    .filter((line) => !line.startsWith("#"))
    .map((line) => line.replace(/\r$/, "")),
);

/** Plain arrays (NaN compares equal under toEqual) and the metric column order. */
function plain(table: BatchTable) {
  const metrics = Object.entries(table.metrics).map(([name, column]) => [name, Array.from(column)]);
  return { ...table, ts: Array.from(table.ts), line: Array.from(table.line), dp: Array.from(table.dp), tp: Array.from(table.tp), ep: Array.from(table.ep), pp: Array.from(table.pp), batchType: Array.from(table.batchType), metrics };
}

/** The byte path's reading of one line as a one-row table plus the ranks a table leaves out, or null. */
function viaBytes(line: string) {
  const bytes = encode(line);
  const into = new SglangBatchLine();
  if (!readSglangBatchBytes(bytes, 0, bytes.length, into)) return null;
  into.line = 1;
  const builder = new BatchTableBuilder();
  builder.sglangBatch(into);
  return { table: plain(builder.finish()), pp: into.pp, ranksFromTag: into.ranksFromTag };
}

/** The string path's reading of the same line, in the same shape. */
function viaString(line: string) {
  const record = parseLogLine(line) as BatchRecord | null;
  if (record === null || record.kind !== "batch") return null;
  const builder = new BatchTableBuilder();
  builder.add(record);
  return { table: plain(builder.finish()), pp: record.pp, ranksFromTag: record.ranksFromTag };
}

/** Fast-path lines must read exactly as the string path reads them. */
function expectSame(line: string): boolean {
  const fast = viaBytes(line);
  if (fast !== null) expect(fast).toEqual(viaString(line));
  return fast !== null;
}

interface Parsed {
  table: ReturnType<typeof plain>;
  others: LogRecord[];
  issues: unknown;
  summary: unknown;
}

/** A whole stream: SGLang batches through the sink (byte path) or all as records (string path only). */
function parseStream(bytes: Uint8Array, viaSink: boolean, chunk: number, maxLineLength?: number): Parsed {
  const builder = new BatchTableBuilder();
  const others: LogRecord[] = [];
  const parser = createLogParser({
    yearHint: 2026,
    maxLineLength,
    batchSink: viaSink ? builder : undefined,
    onRecord: (record) => (record.kind === "batch" ? builder.add(record) : others.push(record)),
  });
  for (let off = 0; off < bytes.length; off += chunk) parser.push(bytes.subarray(off, off + chunk));
  const { issues, summary } = parser.end();
  return { table: plain(builder.finish()), others, issues, summary };
}

/** Sink and string-only parses agree at every chunk size; returns the whole-input parse. */
function expectSameStream(bytes: Uint8Array, maxLineLength?: number, chunks = [1, 7, 64, 4096]): Parsed {
  for (const chunk of chunks) expect(parseStream(bytes, true, chunk, maxLineLength)).toEqual(parseStream(bytes, false, chunk, maxLineLength));
  const whole = parseStream(bytes, true, bytes.length || 1, maxLineLength);
  expect(whole).toEqual(parseStream(bytes, false, bytes.length || 1, maxLineLength));
  return whole;
}

const PREFILL = "[2026-06-02 04:12:47 DP3 TP3 EP3] Prefill batch, #new-seq: 1, #new-token: 873, #cached-token: 0, token usage: 0.00, #running-req: 0, #queue-req: 2, #pending-token: 4096, #bootstrap-req: 1, #inflight-req: 5, cuda graph: False, input throughput (token/s): 5960.91";
/** Dynamo's coloured prefix as SGLang under dynamo writes it (DYN_SKIP_SGLANG_LOG_FORMATTING unset). */
const DYNAMO_ANSI = "\x1b[2m2025-12-30T15:52:33.006497Z\x1b[0m \x1b[32m INFO\x1b[0m \x1b[2msglang.srt.managers.scheduler\x1b[0m\x1b[2m:\x1b[0m ";
const DECODE = "[2026-06-02 12:53:07 DP1 TP1] Decode batch. #running-req: 60, #token: 89838, token usage: 0.01, pre-allocated usage: 0.00, cuda graph: True, gen throughput (token/s): 1558.62, #queue-req: 0";

describe("readSglangBatchBytes", () => {
  it("reads every real line it accepts exactly as the string path does, and takes every plain one", () => {
    let accepted = 0;
    for (const line of REAL_LINES) if (expectSame(line)) accepted++;
    // Every SGLang batch line the string path reads without unknown fields, whatever its prefix
    // (`[TS]`, `[TS TP0]`, `[TS][file:line][LEVEL]:`, `Decode batch.` ...), is one the byte path takes.
    const plainBatch = REAL_LINES.filter((line) => {
      const record = parseLogLine(line) as BatchRecord | null;
      return record?.kind === "batch" && record.engine === "sglang" && record.extra === undefined;
    });
    expect(plainBatch.length).toBeGreaterThan(90);
    expect(accepted).toBe(plainBatch.length);
  });

  it("reads a prefill line's fields, time and ranks", () => {
    const fast = viaBytes(PREFILL);
    expect(fast).not.toBeNull();
    expect(fast!.table.ts).toEqual([Date.UTC(2026, 5, 2, 4, 12, 47)]);
    expect([fast!.table.dp, fast!.table.tp, fast!.table.ep, fast!.pp, fast!.ranksFromTag]).toEqual([[3], [3], [3], 0, true]);
    expect(Object.fromEntries(fast!.table.metrics)).toMatchObject({ newToken: [873], pendingToken: [4096], cudaGraph: [0], inputThroughput: [5960.91] });
    expect(fast).toEqual(viaString(PREFILL));
  });

  it("reads the older `Decode batch.` form and `True` flags", () => {
    expect(expectSame(DECODE)).toBe(true);
    expect(Object.fromEntries(viaBytes(DECODE)!.table.metrics)).toMatchObject({ runningReq: [60], cudaGraph: [1] });
  });

  const fields = PREFILL.slice(PREFILL.indexOf(", ") + 2).split(", ");
  const head = "[2026-06-02 04:12:47 TP0 EP0] Prefill batch, ";
  it.each([
    ["fields in another order", head + [...fields].reverse().join(", ")],
    ["a trailing comma and space", `${PREFILL}, `],
    ["blanks before a comma", PREFILL.replace("#new-token: 873,", "#new-token: 873 \t,")],
    ["a repeated field (the last one counts)", `${PREFILL}, #queue-req: 9`],
    ["a percentage", `${DECODE}, cache hit rate: 12.50%`],
    ["a negative value", PREFILL.replace("#cached-token: 0", "#cached-token: -12.5")],
    ["a value with a bare point", PREFILL.replace("#new-token: 873", "#new-token: 873.")],
    ["15 digits", PREFILL.replace("5960.91", "123456789.012345")],
    ["no rank tag", "[2026-06-02 04:12:47] Decode batch, #running-req: 1, #queue-req: 0"],
    ["a PP rank", "[2026-06-02 04:12:47 PP1 TP2] Decode batch, #running-req: 1, #queue-req: 0"],
    ["hybrid-model names that alias", "[2026-06-02 04:12:47 TP0] Decode batch, #running-req: 1, #queue-req: 0, full token usage: 0.5, #full token: 7"],
    ["npu graph", "[2026-06-02 04:12:47 TP0] Decode batch, #running-req: 1, #queue-req: 0, npu graph: False"],
    ["millisecond timestamps", DECODE.replace("12:53:07", "12:53:07.123")],
    ["microsecond timestamps", DECODE.replace("12:53:07", "12:53:07.006497")],
    ["the batch-index form", "[2026-05-10 12:00:11.896 DP1 TP1 EP1] Prefill batch [1], #new-seq: 1, #new-token: 2048, #cached-token: 0, full token usage: 0.00, #running-req: 0, #queue-req: 0"],
    ["the batch-index form of decode with `cpu graph:`", "[2026-05-19 00:34:42 DP0 TP0 EP0] Decode batch [2], #running-req: 1, #token: 64, token usage: 0.20, cpu graph: True, gen throughput (token/s): 58.87, #queue-req: 0"],
    ["a short prefill line", "[2026-08-20 04:40:20] Prefill batch, #new-seq: 1, #new-token: 8192, #cached-token: 0"],
    ["a bracket group after the stamp", DECODE.replace("] Decode", "][scheduler.py:12] Decode")],
    ["a `:` after the prefix", DECODE.replace("] Decode", "]: Decode")],
    ["a `[file:line][LEVEL]:` prefix", "[2026-01-20 03:11:52][scheduler_metrics_mixin.py:424][INFO]: Decode batch, #running-req: 1, #queue-req: 0"],
    ["dynamo's coloured prefix", `${DYNAMO_ANSI}Decode batch, #running-req: 1, #token: 64, token usage: 0.20, cuda graph: True, gen throughput (token/s): 58.87, #queue-req: 0`],
    ["dynamo's plain ISO prefix", "2025-12-30T15:52:33.006497Z  INFO sglang.srt.managers.scheduler: Prefill batch, #new-seq: 1, #new-token: 8192, #cached-token: 0"],
    ["an ISO prefix with a zone offset", "2025-12-30T15:52:33.006+08:00  INFO scheduler: Decode batch. #running-req: 1, #queue-req: 0"],
    ["an orchestrator `[INFO]` prefix", "2026-04-21 14:10:29 [INFO] Decode batch, #running-req: 1, #queue-req: 0"],
    ["an srun label", `0: ${DECODE}`],
    ["a Ray actor prefix", `(CommandActor pid=4242) ${DECODE}`],
  ])("takes %s", (_, line) => {
    expect(expectSame(line)).toBe(true);
  });

  it.each([
    ["more than 15 digits", PREFILL.replace("5960.91", "0.005060911178588867")],
    ["an unknown field", `${PREFILL}, #cache_miss: 3`],
    ["inf", DECODE.replace("1558.62", "inf")],
    ["nan", DECODE.replace("1558.62", "nan")],
    ["a missing required field", DECODE.replace(", #queue-req: 0", "")],
    ["a bad value", DECODE.replace("#token: 89838", "#token: lots")],
    ["a space before a value", DECODE.replace("#token: 89838", "#token:  89838")],
    ["lower-case true", DECODE.replace("True", "true")],
    ["a field with no value", `${DECODE}, #extra`],
    ["nothing after the marker", "[2026-06-02 04:12:47 TP0] Decode batch"],
    ["prose after the marker", "[2026-06-02 04:12:47 TP0] Decode batches are slow today, #running-req: 1"],
    ["fractional seconds with no digits", DECODE.replace("12:53:07", "12:53:07.")],
    ["fractional seconds after a comma", DECODE.replace("12:53:07", "12:53:07,123")],
    ["more than 9 fractional digits", DECODE.replace("12:53:07", "12:53:07.1234567891")],
    ["a batch index that is not a number", PREFILL.replace("Prefill batch,", "Prefill batch [x1],")],
    ["a batch index without a comma after it", PREFILL.replace("Prefill batch,", "Prefill batch [3]")],
    ["an ISO `T`", DECODE.replace("2026-06-02 12", "2026-06-02T12")],
    ["a month 13", DECODE.replace("2026-06-02", "2026-13-02")],
    ["an unknown rank letter", DECODE.replace("DP1 TP1", "CP1 TP1")],
    ["two spaces in the tag", DECODE.replace("DP1 TP1", "DP1  TP1")],

    ["a `,` before the fraction", DECODE.replace("12:53:07", "12:53:07,123")],
    ["dynamo colours it cannot read in place", `\x1b[2m2025-12-30T15:52:33.006497Z\x1b[0m \x1b[32m INFO\x1b[0m scheduler: Decode batch, #running-req: 1, #queue-req: 0`],
    ["an ISO stamp with more than 9 fractional digits", "2025-12-30T15:52:33.0064971234Z  INFO scheduler: Decode batch, #running-req: 1, #queue-req: 0"],
    ["a line that starts with the message", "Decode batch, #running-req: 1, #queue-req: 0, gen throughput (token/s): 1.00"],
    ["junk before the prefix", `\u0000${DECODE}`],
    ["a non-ASCII key", DECODE.replace("#token", "#tökén")],
    ["a carriage return inside a value", DECODE.replace("60,", "6\r0,")],
  ])("leaves a line with %s to the string path", (_, line) => {
    expect(viaBytes(line)).toBeNull();
  });

  it("tells a field name from one that differs in any single byte after the same line was read", () => {
    // The expected name is compared a 32-bit word at a time plus a byte tail: change every position.
    for (const name of ["#new-seq", "input throughput (token/s)", "#cached-token"]) {
      const at = PREFILL.indexOf(name);
      for (let k = 0; k < name.length + 2; k++) {
        const changed = PREFILL.slice(0, at + k) + (PREFILL[at + k] === "x" ? "y" : "x") + PREFILL.slice(at + k + 1);
        const parsed = expectSameStream(encode(`${PREFILL}\n${changed}\n${PREFILL}\n`), undefined, [4096]);
        expect(viaBytes(changed), changed).toBeNull();
        expect(parsed.table.line).toContain(3);
      }
    }
  });

  it("stops at `end`: a value is not read past it", () => {
    const bytes = encode(`${DECODE}5`);
    const into = new SglangBatchLine();
    expect(readSglangBatchBytes(bytes, 0, bytes.length - 1, into)).toBe(true);
    expect(into.values[9]).toBe(0); // #queue-req: 0, not 05
  });
});

describe("createLogParser: byte fast path in a stream", () => {
  it.each(FIXTURES)("gives the same table, records, issues and summary for %s at any chunk size", (name) => {
    const text = readFileSync(DIR + name, "utf8")
      .split("\n")
      .map((line) => (line.startsWith("#") ? "" : line))
      .join("\n");
    expectSameStream(encode(text));
  });

  const mixed = [
    PREFILL,
    "[2026-06-02 04:12:48] INFO:     127.0.0.1:44693 - \"GET /metrics HTTP/1.1\" 200 OK",
    DECODE,
    DECODE.replace("1558.62", "inf"),
    `${PREFILL}, #cache_miss: 3`,
    "[2026-06-02 04:12:49 TP0] Decode batch, #running-req: 5",
    "[2026-06-02 04:12:50 TP0] Load weight end. type=Qwen3MoeForCausalLM, dtype=torch.bfloat16, avail mem=55.41 GB, mem usage=15.37 GB.",
    DECODE,
  ];

  it("keeps line numbers, row order, records and issues across batch and other lines", () => {
    const parsed = expectSameStream(encode(`${mixed.join("\n")}\n`));
    expect(parsed.table.line).toEqual([1, 3, 4, 5, 8]);
    expect(parsed.others.map((r) => r.line)).toEqual([7]);
    expect((parsed.issues as { line: number }[]).map((i) => i.line)).toEqual([6]);
  });

  it("finds every line end whatever the line lengths and their alignment", () => {
    // Short lines of 0..9 bytes shift each batch line's start through every offset of a 4-byte word.
    const lines = Array.from({ length: 10 }, (_, k) => ["x".repeat(k), DECODE]).flat();
    const parsed = expectSameStream(encode(`${lines.join("\n")}\n`), undefined, [1, 5, 64, 4096]);
    expect(parsed.table.line).toEqual(Array.from({ length: 10 }, (_, k) => 2 * k + 2));
  });

  it("handles \\r\\n endings and a last line without a newline", () => {
    expectSameStream(encode(mixed.join("\r\n")));
    expectSameStream(encode(`${mixed.join("\r\n")}\r\n`));
  });

  it("handles invalid UTF-8 inside and around batch lines", () => {
    const bad = (line: string, at: number) => {
      const bytes = encode(line);
      return Uint8Array.from([...bytes.subarray(0, at), 0xff, 0xfe, ...bytes.subarray(at)]);
    };
    const parts = [bad(PREFILL, 60), encode("\n"), bad(DECODE, 0), encode("\n"), bad(DECODE, 120), encode("\n"), encode(DECODE), encode("\n")];
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
    const parsed = expectSameStream(bytes);
    expect(parsed.table.line).toContain(4);
  });

  it("skips lines longer than maxLineLength the same way, however they are chunked", () => {
    const long = `${PREFILL}, ${"x".repeat(300 * 1024)}`;
    const parsed = expectSameStream(encode([DECODE, long, DECODE].join("\n")), undefined, [4096, 100_000]);
    expect(parsed.table.line).toEqual([1, 3]);
    expect(expectSameStream(encode([DECODE, PREFILL, DECODE].join("\n")), 200).table.line).toEqual([1, 3]);
  });

  it("accepts a Node Buffer as well as a Uint8Array", () => {
    const text = `${mixed.join("\n")}\n`;
    expect(parseStream(Buffer.from(text), true, 64)).toEqual(parseStream(encode(text), false, 64));
  });
});

describe("createLogParser: 2026 forms through both paths", () => {
  const FORMS_2026 = [
    "[2026-05-10 12:00:11.896 DP1 TP1 EP1] Prefill batch [1], #new-seq: 1, #new-token: 2048, #cached-token: 0, full token usage: 0.00, #running-req: 0, #queue-req: 0",
    "[2026-05-10 12:00:11.901 TP0 EP0] Prefill batch [12], #new-seq: 1, #new-token: 2048, #cached-token: 0, full token usage: 0.00, #running-req: 0, #queue-req: 0",
    "[2026-05-19 00:34:42 DP0 TP0 EP0] Decode batch [2], #running-req: 1, #token: 64, token usage: 0.20, pre-allocated usage: 0.00, #prealloc-req: 0, #transfer-req: 0, #retracted-req: 0, cuda graph: True, gen throughput (token/s): 58.87, #queue-req: 0",
    "[2026-05-19 00:34:43 TP0] Decode batch [3], #running-req: 1, #token: 64, token usage: 0.20, cpu graph: False, gen throughput (token/s): 58.87, #queue-req: 0",
    "[2026-05-19 00:32:50 PP1] Prefill batch, #new-seq: 1, #new-token: 100, #cached-token: 900, full token usage: 0.10, #running-req: 0, #queue-req: 0",
    "[2026-08-20 04:40:20] Prefill batch, #new-seq: 1, #new-token: 8192, #cached-token: 0",
    "[2026-05-10 12:00:11.896 DP1] Prefill batch [x], #new-seq: 1, #new-token: 2048",
  ];

  /** The same stream with a DP rank for untagged lines, via the sink (bytes) and via records. */
  function withDefaultDp(viaSink: boolean) {
    const builder = new BatchTableBuilder();
    const parser = createLogParser({ defaultDp: 5, batchSink: viaSink ? builder : undefined, onRecord: (r) => (r.kind === "batch" ? builder.add(r) : undefined) });
    parser.push(encode(`${FORMS_2026.join("\n")}\n`));
    const { issues } = parser.end();
    return { table: plain(builder.finish()), issues };
  }

  it("gives the same rows, batch indices and issues at any chunk size", () => {
    const parsed = expectSameStream(encode(`${FORMS_2026.join("\n")}\n`));
    expect(parsed.table.line).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Object.fromEntries(parsed.table.metrics).batchIndex).toEqual([1, 12, 2, 3, NaN, NaN]);
    expect(parsed.table.pp).toEqual([0, 0, 0, 0, 1, 0]);
    expect(parsed.table.ts.slice(0, 2)).toEqual([Date.UTC(2026, 4, 10, 12, 0, 11, 896), Date.UTC(2026, 4, 10, 12, 0, 11, 901)]);
    expect((parsed.issues as { line: number }[]).map((i) => i.line)).toEqual([7]);
  });

  it("the byte path takes the batch-index lines itself", () => {
    for (const line of FORMS_2026.slice(0, 6)) expect(viaBytes(line), line).not.toBeNull();
  });

  it("a defaultDp gives the same DP ranks on both paths: tagged DP wins, else the default", () => {
    const fast = withDefaultDp(true);
    expect(fast).toEqual(withDefaultDp(false));
    expect(fast.table.dp).toEqual([1, 5, 0, 5, 5, 5]);
  });
});

describe("createLogParser: a reused chunk buffer", () => {
  it("keeps its own copy of a partial line, even when the chunks are views of one Node Buffer", () => {
    const text = `${[PREFILL, DECODE, "[2026-06-02 04:12:48] INFO:     127.0.0.1:44693 - \"GET /metrics HTTP/1.1\" 200 OK", DECODE].join("\n")}\n`;
    const source = Buffer.from(text);
    for (const viaSink of [true, false]) {
      const reference = parseStream(encode(text), viaSink, 64);
      const builder = new BatchTableBuilder();
      const others: LogRecord[] = [];
      const parser = createLogParser({ yearHint: 2026, batchSink: viaSink ? builder : undefined, onRecord: (r) => (r.kind === "batch" ? builder.add(r) : others.push(r)) });
      const reused = Buffer.alloc(64);
      for (let off = 0; off < source.length; off += 64) {
        const n = source.copy(reused, 0, off, off + 64);
        parser.push(reused.subarray(0, n));
        reused.fill(0x78); // the next read overwrites the buffer
      }
      const { issues, summary } = parser.end();
      expect({ table: plain(builder.finish()), others, issues, summary }).toEqual(reference);
    }
  });
});
