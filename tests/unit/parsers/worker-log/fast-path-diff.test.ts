import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatchTableBuilder, type BatchTable } from "../../../../parsers/worker-log/batch-table";
import { type BatchRecord, type LogRecord, SglangBatchLine, createLogParser, parseLogLine } from "../../../../parsers/worker-log";
import { readSglangBatchBytes } from "../../../../parsers/worker-log/sglang-batch-bytes";
import { generateWorkerLogs } from "../../../../scripts/bench/generate-worker-logs";
import { REAL_PREFIX_COUNTS } from "../../../../scripts/shared/log-prefix-mix";

/*
 * Differential test of the byte fast path against the string path (the reference) over the
 * benchmark's realistic mix (every prefix form, ms stamps, the `[N]` form, every field dialect) and
 * over every real sample: the same rows, records, issues and summary whichever path reads a line.
 */

const REAL_DIR = fileURLToPath(new URL("../../../fixtures/real/logs/", import.meta.url));
let runDir = "";
let mixLogs: string[] = [];

beforeAll(async () => {
  runDir = mkdtempSync(path.join(tmpdir(), "srtlog-mix-"));
  await generateWorkerLogs(runDir, { workers: 16, linesPerWorker: 300, mix: "realistic" });
  const logs = path.join(runDir, "logs");
  mixLogs = readdirSync(logs).filter((f) => f.endsWith(".out")).map((f) => path.join(logs, f));
});

afterAll(() => rmSync(runDir, { recursive: true, force: true }));

function plain(table: BatchTable) {
  const metrics = Object.entries(table.metrics).map(([name, column]) => [name, Array.from(column)]);
  return { ...table, ts: Array.from(table.ts), line: Array.from(table.line), dp: Array.from(table.dp), tp: Array.from(table.tp), ep: Array.from(table.ep), pp: Array.from(table.pp), batchType: Array.from(table.batchType), metrics };
}

/** A whole log through the sink (byte path first) or as records only (string path), in `chunk`-byte pushes. */
function parse(bytes: Uint8Array, viaSink: boolean, chunk: number, defaultDp?: number) {
  const builder = new BatchTableBuilder();
  const others: LogRecord[] = [];
  const parser = createLogParser({ yearHint: 2026, defaultDp, batchSink: viaSink ? builder : undefined, onRecord: (r) => (r.kind === "batch" ? builder.add(r) : others.push(r)) });
  for (let off = 0; off < bytes.length; off += chunk) parser.push(bytes.subarray(off, off + chunk));
  const { issues, summary } = parser.end();
  return { table: plain(builder.finish()), others, issues, summary };
}

/** Per line: the string path's batch record and the byte path's reading, as comparable rows. */
function linePaths(line: string) {
  const record = parseLogLine(line, 1, { yearHint: 2026 }) as BatchRecord | null;
  const bytes = new TextEncoder().encode(line);
  const into = new SglangBatchLine();
  const fast = readSglangBatchBytes(bytes, 0, bytes.length, into) ? into : null;
  const row = (add: (b: BatchTableBuilder) => void) => {
    const b = new BatchTableBuilder();
    add(b);
    return { ...plain(b.finish()), pp: [fast?.pp ?? record?.pp], fromTag: [fast?.ranksFromTag ?? record?.ranksFromTag] };
  };
  if (fast) fast.line = 1;
  return {
    record: record?.kind === "batch" && record.engine === "sglang" ? record : null,
    fastRow: fast ? row((b) => b.sglangBatch(fast)) : null,
    stringRow: record?.kind === "batch" ? { ...row((b) => b.add(record)), pp: [record.pp], fromTag: [record.ranksFromTag] } : null,
  };
}

describe("byte fast path vs string path: the benchmark's realistic mix", () => {
  it("writes every prefix form, ms stamps and the batch-index form", () => {
    const text = mixLogs.map((f) => readFileSync(f, "utf8")).join("");
    expect(text).toContain("][scheduler_metrics_mixin.py:424][INFO]: Prefill batch");
    expect(text).toMatch(/\x1b\[2m\d{4}-\d\d-\d\dT[\d:.]+Z\x1b\[0m .*Decode batch/);
    expect(text).toMatch(/\n\d{4}-\d\d-\d\dT[\d:.]+Z {2}INFO \S+: (Prefill|Decode) batch/);
    expect(text).toMatch(/\n\d+: \[[\d: -]+ TP\d+\] (Prefill|Decode) batch/);
    expect(text).toMatch(/\n\(CommandActor pid=\d+\) \[/);
    expect(text).toMatch(/\[[\d: -]+ PP\d\] /);
    expect(text).toMatch(/\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}[\] ]/);
    expect(text).toMatch(/(Prefill|Decode) batch \[\d+\], /);
    expect(text).toMatch(/(Prefill|Decode) batch\. /);
    expect(Object.keys(REAL_PREFIX_COUNTS)).toHaveLength(11);
  });

  it("takes every batch line on the byte path and reads it as the string path does", () => {
    let batches = 0;
    for (const file of mixLogs) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        const { record, fastRow, stringRow } = linePaths(line);
        if (record === null) continue;
        batches++;
        expect(fastRow, line).not.toBeNull();
        expect(fastRow, line).toEqual(stringRow);
      }
    }
    // 16 workers x 300 lines minus start-up and ~4% noise lines.
    expect(batches).toBeGreaterThan(16 * 150);
  });

  it("gives the same table, records, issues and summary for each worker log at any chunk size", () => {
    for (const file of mixLogs) {
      const bytes = new Uint8Array(readFileSync(file));
      const reference = parse(bytes, false, bytes.length);
      expect(reference.summary).toMatchObject({ issues: 0 });
      for (const chunk of [97, 4096, bytes.length]) expect(parse(bytes, true, chunk), `${path.basename(file)} in ${chunk}-byte chunks`).toEqual(reference);
      expect(parse(bytes, true, 4096, 3)).toEqual(parse(bytes, false, 4096, 3));
    }
  });
});

describe("byte fast path vs string path: every real sample", () => {
  const names = readdirSync(REAL_DIR).filter((name) => name.endsWith(".log"));

  it.each(names)("%s: the same table, records, issues and summary", (name) => {
    const bytes = new Uint8Array(readFileSync(REAL_DIR + name));
    for (const chunk of [61, bytes.length]) expect(parse(bytes, true, chunk)).toEqual(parse(bytes, false, chunk));
  });

  it.each(names)("%s: each batch line the byte path takes reads as the string path reads it", (name) => {
    for (const line of readFileSync(REAL_DIR + name, "utf8").split("\n")) {
      const { fastRow, stringRow } = linePaths(line.replace(/\r$/, ""));
      if (fastRow !== null) expect(fastRow, line).toEqual(stringRow);
    }
  });
});
