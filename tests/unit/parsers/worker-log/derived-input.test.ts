import { describe, expect, it } from "vitest";
import { BatchTableBuilder } from "../../../../parsers/worker-log/batch-table";
import { DERIVED_INPUT_COLUMN, deriveInputThroughput } from "../../../../parsers/worker-log/derived-input";
import type { BatchRecord } from "../../../../parsers/worker-log";

const T = Date.UTC(2026, 4, 10, 12, 0, 0);

/** Rows [ms after T, batch type, dp, pp, #new-token, printed input throughput or undefined]. */
function table(rows: [number, "prefill" | "decode", number, number, number, number?][]) {
  const builder = new BatchTableBuilder();
  rows.forEach(([ms, batchType, dp, pp, newToken, inputThroughput], i) => {
    const record: BatchRecord = { kind: "batch", engine: "sglang", batchType, line: i + 1, ts: T + ms, dp, tp: dp, ep: 0, pp, ranksFromTag: true, newToken };
    if (inputThroughput !== undefined) record.inputThroughput = inputThroughput;
    builder.add(record);
  });
  return builder.finish();
}

describe("deriveInputThroughput", () => {
  it("#new-token over the seconds since the previous prefill batch of the same DP rank (srt-slurm test_renderer_splits_agg_logs_by_dp_and_derives_input_throughput)", () => {
    // DP0 at 0 s and 1 s (200 new tokens), DP1 at 0.5 s and 1 s (100 new tokens): both 200 tok/s.
    const out = deriveInputThroughput(table([[0, "prefill", 0, 0, 100], [500, "prefill", 1, 0, 50], [1000, "prefill", 0, 0, 200], [1000, "prefill", 1, 0, 100]]));
    expect(Array.from(out.metrics.inputThroughput)).toEqual([NaN, NaN, 200, 200]);
    expect(Array.from(out.metrics[DERIVED_INPUT_COLUMN])).toEqual([NaN, NaN, 1, 1]);
  });

  it("keeps printed values, skips decode rows and rows with no time since the previous one", () => {
    const out = deriveInputThroughput(table([[0, "prefill", 0, 0, 10, 999], [0, "decode", 0, 0, NaN], [2000, "prefill", 0, 0, 300], [2000, "prefill", 0, 0, 50]]));
    expect(Array.from(out.metrics.inputThroughput)).toEqual([999, NaN, 150, NaN]);
    expect(Array.from(out.metrics[DERIVED_INPUT_COLUMN])).toEqual([NaN, NaN, 1, NaN]);
  });

  it("each PP rank is its own series", () => {
    const out = deriveInputThroughput(table([[0, "prefill", 0, 0, 100], [0, "prefill", 0, 1, 100], [4000, "prefill", 0, 0, 200], [4000, "prefill", 0, 1, 200]]));
    expect(Array.from(out.metrics.inputThroughput)).toEqual([NaN, NaN, 50, 50]);
  });

  it("returns the table untouched when every prefill row printed its throughput, or none can be derived", () => {
    const printed = table([[0, "prefill", 0, 0, 100, 5], [1000, "prefill", 0, 0, 100, 6]]);
    expect(deriveInputThroughput(printed)).toBe(printed);
    const single = table([[0, "prefill", 0, 0, 100]]);
    expect(deriveInputThroughput(single)).toBe(single);
  });
});
