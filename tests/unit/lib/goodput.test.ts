import { describe, expect, it } from "vitest";
import { computeGoodput, requestLimits } from "@/lib/goodput";
import { emptyRequestTable, pushRequest, type RequestRow } from "@/parsers/per-request/request-table";
import type { LatencyBound } from "@/lib/sla";

const row = (over: Partial<RequestRow>): RequestRow => ({
  inputLen: 100, outputLen: 11, ttftMs: 100, meanItlMs: 10, e2eMs: 200, startUnix: null, error: "", phase: null, ...over,
});

/** Six requests: TTFT 100..600 ms, TPOT (E2E − TTFT)/10. */
function table() {
  const t = emptyRequestTable();
  pushRequest(t, row({ ttftMs: 100, e2eMs: 200 })); // TPOT 10: good under both bounds
  pushRequest(t, row({ ttftMs: 200, e2eMs: 400 })); // TPOT 20: good
  pushRequest(t, row({ ttftMs: 300, e2eMs: 700 })); // TPOT 40: fails TPOT <= 30
  pushRequest(t, row({ ttftMs: 600, e2eMs: 700 })); // TTFT 600: fails TTFT <= 500
  pushRequest(t, row({ ttftMs: null, e2eMs: null, outputLen: 0, error: "HTTP 500" })); // failed
  pushRequest(t, row({ ttftMs: 50, e2eMs: 50, outputLen: 1, meanItlMs: null })); // one token: no TPOT to violate
  return t;
}

const BOUNDS: LatencyBound[] = [
  { metric: "ttft", stat: "p99", maxMs: 500 },
  { metric: "tpot", stat: "mean", maxMs: 30 },
];

describe("computeGoodput", () => {
  it("counts requests meeting every bound, over the duration and the GPUs", () => {
    const g = computeGoodput(table(), BOUNDS, 2, 4);
    expect(g.requests).toBe(6);
    expect(g.good).toBe(3);
    expect(g.failed).toBe(1);
    expect(g.attainmentPct).toBe(50);
    expect(g.goodputRps).toBe(1.5);
    // Good output tokens 11 + 11 + 1 = 23 over 2 s and 4 GPUs.
    expect(g.goodOutputTpsPerGpu).toBe(23 / 2 / 4);
  });

  it("with no bounds, every request that did not fail is good", () => {
    expect(computeGoodput(table(), [], 1, 1).good).toBe(5);
  });

  it("leaves out warmup (any phase but profiling) and what the caller skips", () => {
    const t = table();
    t.phase[0] = "warmup";
    t.phase[1] = "profiling";
    const g = computeGoodput(t, BOUNDS, 1, null, (i) => i === 3);
    expect(g.warmupExcluded).toBe(2);
    expect(g.requests).toBe(4);
    expect(g.good).toBe(2);
    expect(g.goodOutputTpsPerGpu).toBeNull();
  });

  it("has no rate without a duration, and no attainment without requests", () => {
    expect(computeGoodput(table(), BOUNDS, null, 4).goodputRps).toBeNull();
    expect(computeGoodput(emptyRequestTable(), BOUNDS, 1, 1).attainmentPct).toBeNull();
  });

  it("a missing TTFT fails a TTFT bound", () => {
    const t = emptyRequestTable();
    pushRequest(t, row({ ttftMs: null }));
    expect(computeGoodput(t, BOUNDS, 1, 1).good).toBe(0);
  });

  it("takes the tighter of two bounds on one metric", () => {
    expect(requestLimits([...BOUNDS, { metric: "ttft", stat: "mean", maxMs: 250 }])).toEqual({ ttft: 250, tpot: 30 });
  });
});
