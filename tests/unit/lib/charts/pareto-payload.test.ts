import { describe, expect, it } from "vitest";
import { toChartRun } from "@/lib/charts/chart-data";
import { ALL_FIELDS, ALL_FIELDS_UP_TO_POINTS, BASE_FIELDS, fieldsFor, fromParetoPayload, payloadCovers, toParetoPayload, trimDecimals, withPayloadExtras } from "@/lib/charts/pareto-payload";
import { NO_SLA } from "@/lib/sla";
import { RUN_12045, RUN_3667 } from "./fixtures";
import { makePoint, makeRun } from "./make-run";

const P99_TTFT = { bounds: [{ metric: "ttft" as const, stat: "p99" as const, maxMs: 500 }], minTpsUser: null };

/** `n` runs of 8 points each: enough points to pass ALL_FIELDS_UP_TO_POINTS when n is large. */
function manyRuns(n: number) {
  return Array.from({ length: n }, (_, i) =>
    makeRun({ jobId: String(1000 + i), runDir: `${1000 + i}_run`, points: Array.from({ length: 8 }, (_, k) => makePoint({ concurrency: 2 ** k, outputTps: 100 + i, meanTpotMs: 10 + k })) }),
  );
}

describe("Pareto payload", () => {
  it("with every field, decodes to exactly the chart runs built on the server (derived per-GPU and per-user values included)", () => {
    const runs = [RUN_12045, RUN_3667];
    const decoded = fromParetoPayload(toParetoPayload(runs, ALL_FIELDS));
    expect(decoded).toEqual(runs.map(toChartRun));
    // By hand: 3667 has 40 GPUs; 1234.5 TPS at TPOT 20 ms -> 30.8625 TPS/GPU at 50 TPS/User.
    expect(decoded[1].points[0]).toMatchObject({ outputTpsPerGpu: 30.8625, totalTpsPerGpu: 61.725, outputTpsPerUser: 50 });
  });

  it("carries a view's server-side values (goodput, energy) to the points they belong to; points without stay null", () => {
    const run = makeRun({ jobId: "1", runDir: "1_a", points: [makePoint({ concurrency: 8 }), makePoint({ concurrency: 2 })] });
    const enriched = toChartRun(run);
    // By hand: goodput only for c=8, energy only for c=2.
    enriched.points = enriched.points.map((p) => ({ ...p, goodputRps: p.concurrency === 8 ? 3.5 : null, outputTokensPerJ: p.concurrency === 2 ? 0.25 : null }));
    const payload = withPayloadExtras(toParetoPayload([run], BASE_FIELDS), [enriched], ["goodputRps", "outputTokensPerJ"]);
    const [decoded] = fromParetoPayload(payload);
    expect(decoded.points.map((p) => [p.concurrency, p.goodputRps, p.outputTokensPerJ])).toEqual([[2, null, 0.25], [8, 3.5, null]]);
    expect(fromParetoPayload(toParetoPayload([run], BASE_FIELDS))[0].points[0].goodputRps).toBeUndefined();
  });

  it("states shared facets once and keeps points in concurrency order", () => {
    const a = makeRun({ jobId: "1", runDir: "1_a", points: [makePoint({ concurrency: 8 }), makePoint({ concurrency: 2 })] });
    const b = makeRun({ jobId: "2", runDir: "2_b" });
    const payload = toParetoPayload([a, b], BASE_FIELDS);
    expect(payload.facets).toHaveLength(1);
    expect(payload.runs.map((run) => run.facet)).toEqual([0, 0]);
    expect(payload.runs[0].c).toEqual([2, 8]);
  });

  it("a small selection sends every field; a large one the base fields plus what the SLA checks", () => {
    expect(fieldsFor([RUN_3667], NO_SLA)).toEqual(ALL_FIELDS);
    const large = manyRuns(Math.ceil(ALL_FIELDS_UP_TO_POINTS / 8) + 1);
    expect(fieldsFor(large, NO_SLA)).toEqual(["outputTps", "totalTps", "meanTtftMs", "meanTpotMs"]);
    expect(fieldsFor(large, P99_TTFT)).toEqual(["outputTps", "totalTps", "meanTtftMs", "p99TtftMs", "meanTpotMs"]);
  });

  it("fields not sent decode as null, and payloadCovers says whether an SLA can be checked", () => {
    const run = makeRun({ points: [makePoint({ concurrency: 4, outputTps: 400, meanTpotMs: 25, p99TtftMs: 900 })] });
    const payload = toParetoPayload([run], BASE_FIELDS);
    const [point] = fromParetoPayload(payload)[0].points;
    expect(point).toMatchObject({ concurrency: 4, outputTps: 400, outputTpsPerGpu: 10, outputTpsPerUser: 40, p99TtftMs: null });
    expect(payloadCovers(payload, NO_SLA)).toBe(true);
    expect(payloadCovers(payload, { bounds: [], minTpsUser: 30 })).toBe(true);
    expect(payloadCovers(payload, P99_TTFT)).toBe(false);
    expect(payloadCovers(toParetoPayload([run], [...BASE_FIELDS, "p99TtftMs"]), P99_TTFT)).toBe(true);
  });

  it("1,000 runs of 8 points take under a quarter of the JSON of per-point objects", () => {
    const runs = manyRuns(1000);
    const bytes = JSON.stringify(toParetoPayload(runs, fieldsFor(runs, NO_SLA))).length;
    const perPointObjects = JSON.stringify(runs.map(toChartRun)).length;
    expect(bytes).toBeLessThan(perPointObjects / 4);
  });

  it("a large payload keeps 6 decimals of each value; a small one every digit", () => {
    expect(trimDecimals(3151.4960785451785)).toBe(3151.496079);
    expect(trimDecimals(7.908530709490886)).toBe(7.908531);
    expect(trimDecimals(null)).toBeNull();
    const precise = (i: number) => makePoint({ concurrency: 1, outputTps: 3151.4960785451785 + i, meanTpotMs: 7.908530709490886 });
    const small = toParetoPayload([makeRun({ points: [precise(0)] })], BASE_FIELDS);
    expect(small.runs[0].columns[0]).toEqual([3151.4960785451785]);
    const large = manyRuns(Math.ceil(ALL_FIELDS_UP_TO_POINTS / 8) + 1);
    large[0] = makeRun({ points: [precise(0)] });
    const trimmed = toParetoPayload(large, BASE_FIELDS);
    expect(trimmed.runs[0].columns[0]).toEqual([3151.496079]);
    expect(trimmed.runs[0].columns[3]).toEqual([7.908531]);
  });
});
