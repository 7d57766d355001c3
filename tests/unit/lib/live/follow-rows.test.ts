import { describe, expect, it } from "vitest";
import { followRows } from "@/lib/live/follow-rows";
import type { NodeMetrics } from "@/lib/node-metrics";

/** A decode worker with two DP ranks: rows (dp, ts, type, running, queue, usage, gen). */
function node(rows: [number, number, number, number, number, number, number][]): NodeMetrics {
  const col = (k: number) => Float64Array.from(rows.map((r) => r[k]));
  const int = (k: number) => Int32Array.from(rows.map((r) => r[k]));
  return {
    files: ["n1_decode_w0.out"], node: "n1", workerType: "decode", workerId: "w0", parallel: { tp: 2, dp: 2, ep: 2, pp: null }, config: null, configFile: null,
    batches: {
      length: rows.length, ts: col(1), line: Int32Array.from(rows.map((_, i) => i + 1)), dp: int(0), tp: int(0), ep: int(0), pp: new Int32Array(rows.length),
      batchType: Uint8Array.from(rows.map((r) => r[2])),
      metrics: { runningReq: col(3), queueReq: col(4), tokenUsage: col(5), genThroughput: col(6) },
    },
    memory: [], issues: [], notes: [],
  };
}

describe("followRows", () => {
  it("sums the latest line of each DP rank, takes the highest usage, and the newest time", () => {
    const t0 = Date.UTC(2026, 11, 6, 11, 0, 0);
    const [row] = followRows([
      node([
        [0, t0, 1, 5, 1, 0.1, 100],
        [1, t0 + 1000, 1, 7, 0, 0.3, 200],
        [0, t0 + 2000, 1, 6, 2, 0.2, 150],
        // A prefill line of rank 1 comes last: running/queue take it, gen throughput keeps rank 1's last decode line.
        [1, t0 + 3000, 0, 4, 3, 0.25, NaN],
      ]),
    ]);
    expect(row).toEqual({
      worker: "n1 decode w0", lastBatch: "2026-12-06T11:00:03.000Z", batches: 4,
      runningReq: 6 + 4, queueReq: 2 + 3, tokenUsage: 0.25, genThroughput: 150 + 200, notes: [],
    });
  });

  it("gives nulls for a worker with no batch lines yet", () => {
    expect(followRows([node([])])[0]).toMatchObject({ lastBatch: null, batches: 0, runningReq: null, genThroughput: null });
  });
});
