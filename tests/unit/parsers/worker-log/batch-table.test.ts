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

  it("trims the columns to the rows it got", () => {
    const table = fill(new BatchTableBuilder(10_000));
    expect([table.ts.length, table.line.length, table.batchType.length, table.metrics.runningReq.length]).toEqual([50, 50, 50, 50]);
    expect(table.ts.buffer.byteLength).toBe(50 * 8);
  });
});
