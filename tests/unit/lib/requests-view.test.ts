import { describe, expect, it } from "vitest";
import { buildSeries, cdfLine, errorCounts, histogram, quantile, requestsParamsSchema, warmupOf } from "@/lib/requests-view";
import { emptyRequestTable, pushRequest, type RequestRow } from "@/parsers/per-request/request-table";

const row = (over: Partial<RequestRow>): RequestRow => ({ inputLen: 10, outputLen: 5, ttftMs: 1, meanItlMs: 1, e2eMs: 5, startUnix: null, error: "", phase: null, ...over });

/** TTFT 1..10 ms for requests 0..9; request 9 failed twice over with the same text as request 8. */
function table() {
  const t = emptyRequestTable();
  for (let i = 0; i < 10; i++) pushRequest(t, row({ ttftMs: i + 1, inputLen: 100 * (i + 1), startUnix: 1000 + i, error: i >= 8 ? "HTTP 503: overloaded" : "" }));
  return t;
}

describe("requests view maths", () => {
  it("quantile interpolates like numpy", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.99)).toBeCloseTo(3.97, 12);
    expect(quantile([], 0.5)).toBeNull();
  });

  it("a CDF reaches 1 at the largest value, thinned to the budget", () => {
    const sorted = Array.from({ length: 1000 }, (_, i) => i);
    const line = cdfLine(sorted, 100);
    expect(line.x.length).toBe(101);
    expect(line.x.at(-1)).toBe(999);
    expect(line.y.at(-1)).toBe(1);
    expect(line.y[0]).toBe(0.001);
  });

  it("histogram bins count every value, in log space on request", () => {
    expect(histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 10], 5, false).y).toEqual([2, 2, 2, 2, 2]);
    const log = histogram([1, 10, 100, 1000], 3, true);
    expect(log.y).toEqual([1, 1, 2]);
    expect(log.x[0]).toBeCloseTo(5.5, 9);
  });

  it("warmup comes from the phase first, then the start time, then the first-N setting", () => {
    const t = table();
    expect(warmupOf(t, 1003, 2)).toEqual({ warmup: [true, true, true, false, false, false, false, false, false, false], source: "benchmark_start_time_unix" });
    expect(warmupOf(t, null, 2).source).toBe("first-n");
    expect(warmupOf(t, null, 0).source).toBeNull();
    t.phase[4] = "warmup";
    expect(warmupOf(t, 1003, 2).warmup.filter(Boolean)).toHaveLength(1);
    expect(warmupOf(t, 1003, 2).source).toBe("benchmark_phase");
  });

  it("failed requests are deduplicated with counts", () => {
    expect(errorCounts(table())).toEqual([{ error: "HTTP 503: overloaded", count: 2 }]);
  });

  it("a series leaves warmup and failed requests out of the distribution", () => {
    const params = requestsParamsSchema.parse({ warmupn: "2" });
    const s = buildSeries(8, table(), { ...params, benchmarkStartUnix: null });
    // Requests 2..7 succeed and are measured: TTFT 3..8 ms.
    expect(s.cdf.x).toEqual([3, 4, 5, 6, 7, 8]);
    expect(s.requests).toBe(8);
    expect(s.failed).toBe(2);
    expect(s.warmup).toBe(2);
    expect(s.percentiles[0]).toEqual({ p: 50, value: 5.5 });
    expect(s.mean).toBe(5.5);
    expect(s.scatter.x).toEqual([300, 400, 500, 600, 700, 800]);
    const kept = buildSeries(8, table(), { ...params, warmup: "keep", benchmarkStartUnix: null });
    expect(kept.cdf.x[0]).toBe(1);
  });

  it("URL values that do not parse fall back to the defaults", () => {
    expect(requestsParamsSchema.parse({ metric: "nope", logx: "2", warmup: "x", warmupn: "-1", rc: "abc" })).toEqual({ metric: "ttft", logx: false, warmup: "exclude", warmupn: 0, rc: undefined, rrun: undefined });
  });
});
