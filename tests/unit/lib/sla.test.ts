import { describe, expect, it } from "vitest";
import type { ChartPoint } from "@/lib/charts/chart-data";
import { bestOf, bestRows, checkPoint, meetsSla, NO_SLA, slaEntries, slaFromValues, slaText, SLA_PRESETS, type RankedPoint, type Sla } from "@/lib/sla";

function chartPoint(overrides: Partial<ChartPoint>): ChartPoint {
  const blank: ChartPoint = {
    concurrency: 1, outputTps: null, totalTps: null, outputTpsPerGpu: null, totalTpsPerGpu: null, outputTpsPerUser: null,
    meanTtftMs: null, medianTtftMs: null, p99TtftMs: null, meanTpotMs: null, medianTpotMs: null, p99TpotMs: null,
    meanItlMs: null, medianItlMs: null, p99ItlMs: null, meanE2elMs: null, medianE2elMs: null, p99E2elMs: null, peakOutputTps: null,
  };
  return { ...blank, ...overrides };
}

/** A sweep point: throughput per GPU `y`, TPS/User `x`, p99 TTFT and mean TPOT as given. */
function ranked(concurrency: number, y: number, x: number, p99TtftMs: number | null, meanTpotMs: number | null = 1000 / x, runDir = "r1"): RankedPoint {
  return { runDir, label: `run ${runDir}`, concurrency, x, y, point: chartPoint({ concurrency, outputTpsPerGpu: y, outputTpsPerUser: x, p99TtftMs, meanTpotMs }) };
}

const ttft500: Sla = { bounds: [{ metric: "ttft", stat: "p99", maxMs: 500 }], minTpsUser: null };

describe("checkPoint", () => {
  it("checks each bound at its statistic and the TPS/User floor, with headroom as a share of the bound", () => {
    const p = chartPoint({ p99TtftMs: 400, meanTtftMs: 900, medianE2elMs: 2000, outputTpsPerUser: 45 });
    const sla: Sla = { bounds: [{ metric: "ttft", stat: "p99", maxMs: 500 }, { metric: "e2el", stat: "median", maxMs: 1000 }], minTpsUser: 30 };
    const checks = checkPoint(p, sla);
    expect(checks.map((c) => [c.value, c.pass])).toEqual([[400, true], [2000, false], [45, true]]);
    expect(checks[0].headroom).toBeCloseTo(0.2);
    expect(checks[1].headroom).toBeCloseTo(-1);
    expect(checks[2].headroom).toBeCloseTo(0.5);
    expect(meetsSla(p, sla)).toBe(false);
  });

  it("a value exactly at the bound passes", () => {
    expect(meetsSla(chartPoint({ p99TtftMs: 500 }), ttft500)).toBe(true);
    expect(meetsSla(chartPoint({ outputTpsPerUser: 30 }), { bounds: [], minTpsUser: 30 })).toBe(true);
  });

  it("a bound on a statistic the result lacks fails: it cannot be shown to hold", () => {
    const [check] = checkPoint(chartPoint({ meanTtftMs: 10 }), ttft500);
    expect(check).toMatchObject({ value: null, pass: false, headroom: null });
  });

  it("no constraints: every point passes", () => {
    expect(meetsSla(chartPoint({}), NO_SLA)).toBe(true);
  });
});

describe("bestOf", () => {
  it("picks the highest throughput point meeting every constraint, and names what stops the next one", () => {
    // A concurrency sweep: throughput up, TTFT up.
    const points = [ranked(4, 50, 90, 120), ranked(16, 150, 60, 300), ranked(64, 260, 35, 480), ranked(128, 300, 20, 742), ranked(256, 310, 12, 1900)];
    const row = bestOf("run r1", points, ttft500);
    expect(row.best?.concurrency).toBe(64);
    expect(row.passing).toBe(3);
    expect(row.points).toBe(5);
    expect(row.binding).toBe("p99 TTFT 742 ms > 500 ms (concurrency 128)");
    expect(row.nearestMiss).toBeNull();
  });

  it("the best is the highest point when nothing above it fails: no binding constraint", () => {
    const row = bestOf("r", [ranked(4, 50, 90, 120), ranked(8, 80, 70, 200)], ttft500);
    expect(row.best?.concurrency).toBe(8);
    expect(row.binding).toBeNull();
  });

  it("breaks ties in throughput by TPS/User, then by the lower concurrency", () => {
    const row = bestOf("r", [ranked(32, 200, 40, 100), ranked(64, 200, 50, 100), ranked(16, 200, 50, 100)], ttft500);
    expect(row.best?.concurrency).toBe(16);
  });

  it("a failing point with equal throughput is not what binds", () => {
    const row = bestOf("r", [ranked(8, 100, 50, 100), ranked(16, 100, 40, 900)], ttft500);
    expect(row.best?.concurrency).toBe(8);
    expect(row.binding).toBeNull();
  });

  it("with no point passing, names the nearest miss and why it fails", () => {
    const sla: Sla = { bounds: [{ metric: "ttft", stat: "p99", maxMs: 100 }], minTpsUser: 80 };
    // c=4 fails only TTFT (by 20%); c=8 fails TTFT and TPS/User; c=2 fails only TTFT but by 150%.
    const row = bestOf("r", [ranked(2, 20, 95, 250), ranked(4, 40, 85, 120), ranked(8, 70, 60, 130)], sla);
    expect(row.best).toBeNull();
    expect(row.passing).toBe(0);
    expect(row.nearestMiss?.point.concurrency).toBe(4);
    expect(row.nearestMiss?.failures).toEqual(["p99 TTFT 120 ms > 100 ms"]);
  });

  it("an empty group has no best and no miss", () => {
    expect(bestOf("r", [], ttft500)).toMatchObject({ best: null, nearestMiss: null, points: 0 });
  });
});

describe("bestRows", () => {
  it("orders groups by their best throughput, groups with no passing point last", () => {
    const rows = bestRows(
      [
        { name: "a", points: [ranked(8, 100, 50, 100, undefined, "a")] },
        { name: "b", points: [ranked(8, 300, 50, 900, undefined, "b")] },
        { name: "c", points: [ranked(8, 200, 50, 100, undefined, "c")] },
      ],
      ttft500,
    );
    expect(rows.map((r) => r.name)).toEqual(["c", "a", "b"]);
  });
});

describe("SLA values (URL and CLI)", () => {
  it("reads max-<metric>-<stat> and min-tps-user, and writes them back in a fixed order", () => {
    const values: Record<string, string> = { "min-tps-user": "30", "max-ttft-p99": "500", "max-tpot-mean": "30.5", "max-itl-avg": "5" };
    const sla = slaFromValues((key) => values[key]);
    expect(sla).toEqual({ bounds: [{ metric: "ttft", stat: "p99", maxMs: 500 }, { metric: "tpot", stat: "mean", maxMs: 30.5 }], minTpsUser: 30 });
    expect(slaEntries(sla)).toEqual([["max-ttft-p99", "500"], ["max-tpot-mean", "30.5"], ["min-tps-user", "30"]]);
    expect(slaText(sla)).toBe("p99 TTFT ≤ 500 ms, mean TPOT ≤ 30.5 ms, TPS/User ≥ 30");
  });

  it("offers the guide's thresholds as presets", () => {
    expect(SLA_PRESETS.map((p) => slaText(p.sla))).toEqual(["p99 TTFT ≤ 500 ms, mean TPOT ≤ 30 ms", "p99 TTFT ≤ 1000 ms, mean TPOT ≤ 50 ms"]);
  });
});
