import { describe, expect, it } from "vitest";
import { BatchTableBuilder, type BatchTable } from "../../../../parsers/worker-log/batch-table";
import { SglangBatchLine, type BatchRecord } from "../../../../parsers/worker-log";

function plain(table: BatchTable) {
  const metrics = Object.entries(table.metrics).map(([name, column]) => [name, Array.from(column)]);
  return { ...table, ts: Array.from(table.ts), line: Array.from(table.line), dp: Array.from(table.dp), tp: Array.from(table.tp), ep: Array.from(table.ep), pp: Array.from(table.pp), batchType: Array.from(table.batchType), metrics };
}

/** 50 rows mixing both ways in, with a column that first appears late (row 40). */
function fill(builder: BatchTableBuilder): BatchTable {
  const line = new SglangBatchLine();
  for (let i = 0; i < 50; i++) {
    if (i % 5 === 0) {
      const record: BatchRecord = { kind: "batch", engine: "trtllm", batchType: "decode", line: i + 1, ts: null, dp: 0, tp: 1, ep: 0, pp: 0, ranksFromTag: false, runningReq: i };
      builder.add(record);
      continue;
    }
    line.batchType = i % 2 ? "prefill" : "decode";
    line.line = i + 1;
    line.ts = 1_700_000_000_000 + i;
    line.dp = i % 4;
    line.seen = (1 << 8) | (1 << 9) | (i >= 40 ? 1 << 26 : 0); // runningReq, queueReq, gapLatency late
    line.values[8] = i;
    line.values[9] = 50 - i;
    line.values[26] = i / 10;
    builder.sglangBatch(line);
  }
  return builder.finish();
}

describe("BatchTableBuilder", () => {
  it("gives the same table whatever row count it was told to expect", () => {
    const reference = plain(fill(new BatchTableBuilder()));
    expect(reference.length).toBe(50);
    expect(reference.line).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const gap = reference.metrics.find(([name]) => name === "gapLatency")![1] as number[];
    expect(gap.slice(38, 42)).toEqual([NaN, NaN, NaN, 4.1]); // row 40 is a record without it
    for (const expected of [0, 1, 3, 49, 50, 51, 10_000]) expect(plain(fill(new BatchTableBuilder(expected)))).toEqual(reference);
  });

  it("gives the same table when re-sized part-way, up or down", () => {
    const reference = plain(fill(new BatchTableBuilder()));
    for (const [at, rows] of [[0, 0], [10, 5], [10, 12], [30, 51], [45, 10_000]]) {
      const builder = new BatchTableBuilder(20);
      const original = builder.sglangBatch.bind(builder);
      let seen = 0;
      builder.sglangBatch = (line) => {
        if (seen++ === at) builder.reserve(rows);
        original(line);
      };
      expect(plain(fill(builder)), `reserve(${rows}) at row ${at}`).toEqual(reference);
    }
  });

  it("hands over nearly full columns without a copy, and rows added later do not change them", () => {
    const builder = new BatchTableBuilder(50);
    const table = fill(builder);
    expect(table.ts.buffer.byteLength).toBe(50 * 8);
    const before = plain(table);
    builder.sglangBatch(Object.assign(new SglangBatchLine(), { line: 99, seen: 1 << 8 }));
    expect(plain(table)).toEqual(before);
    expect(builder.finish().line.at(-1)).toBe(99);
  });

  it("trims the columns to the rows it got", () => {
    const table = fill(new BatchTableBuilder(10_000));
    expect([table.ts.length, table.line.length, table.batchType.length, table.metrics.runningReq.length]).toEqual([50, 50, 50, 50]);
    expect(table.ts.buffer.byteLength).toBe(50 * 8);
  });
});
