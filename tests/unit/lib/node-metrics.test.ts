import { describe, expect, it } from "vitest";
import { ranksSeen } from "@/lib/node-metrics";
import type { BatchTable } from "@/parsers/worker-log/batch-table";

describe("ranksSeen", () => {
  it("lists each rank once, ascending, however the rows interleave them", () => {
    const column = (values: number[]) => Int32Array.from(values);
    const table = {
      dp: column([3, 3, 0, 0, 3, 1, 1, 0]),
      tp: column([0, 1, 0, 1, 0, 1, 0, 1]),
      ep: column([]),
      pp: column([-1, -1, -1, 2, 2, -1, 0, 0]),
    } as unknown as BatchTable;
    expect(ranksSeen(table)).toEqual({ dp: [0, 1, 3], tp: [0, 1], ep: [], pp: [-1, 0, 2] });
  });
});
