import { describe, expect, it } from "vitest";
import { areaRatio, changeAlongOverlap, compareByConcurrency, compareFrontiers, comparableRange, floorEdge, floorNote } from "@/lib/compare";
import type { Run } from "@/lib/model";
import { blankMetadata, blankPoint } from "../../helpers/model-builders";

// A baseline frontier built by hand whose tail goes to ~0: peak 200 TPS/GPU, so the 5 % floor is 10.
// Between (20, 100) and (40, 0.5) it crosses 10 at x = 20 + 20 * (100 - 10) / (100 - 0.5).
const BASE = [{ x: 10, y: 200 }, { x: 20, y: 100 }, { x: 40, y: 0.5 }];
const CAND = [{ x: 10, y: 220 }, { x: 40, y: 30 }];
const EDGE = 20 + (20 * 90) / 99.5;

/** A 16-GPU run whose points are [concurrency, TPS/User, TPS/GPU] (mean TPOT = 1000 / TPS/User). */
function run(jobId: string, points: [number, number, number][]): Run {
  return {
    jobId, runPath: `/logs/${jobId}`, runDir: jobId, metadataFile: `${jobId}.json`, metadata: blankMetadata({ jobId }), topology: "1P/1D", totalGpus: 16,
    resultDirs: [], expectedConcurrencies: [], missingConcurrencies: [], missing: [], isComplete: true, notes: [], warnings: [],
    points: points.map(([concurrency, x, y]) => blankPoint({ concurrency, outputTps: y * 16, meanTpotMs: 1000 / x })),
  };
}

describe("the baseline floor", () => {
  it("cuts the comparison where the baseline falls below 5% of its peak", () => {
    expect(floorEdge(BASE, 10)).toBeCloseTo(EDGE, 9);
    expect(floorEdge(BASE, 0.1)).toBe(40);
    expect(floorEdge(BASE, 300)).toBeNull();
    const range = comparableRange(BASE, CAND);
    expect(range.overlap).toEqual([10, 40]);
    expect(range.floor).toBe(10);
    expect(range.cutAt).toBeCloseTo(EDGE, 9);
    expect(range.range![0]).toBe(10);
    expect(range.range![1]).toBeCloseTo(EDGE, 9);
  });

  it("Δ% along the overlap ends at the floor instead of blowing up (+5900% at x = 40 otherwise)", () => {
    const samples = changeAlongOverlap(BASE, CAND, 5);
    expect(samples).toHaveLength(5);
    expect(samples[4].x).toBeCloseTo(EDGE, 9);
    // At the edge the baseline is 10 and the candidate 220 - 190 * (EDGE - 10) / 30.
    expect(samples[4].changePct).toBeCloseTo(((220 - (190 * (EDGE - 10)) / 30 - 10) / 10) * 100, 6);
    expect(samples.every((s) => s.x <= EDGE + 1e-9)).toBe(true);
    expect(Math.max(...samples.map((s) => s.changePct))).toBeLessThan(400);
  });

  it("the area ratio is taken over the same range", () => {
    // Baseline: 1500 on [10, 20], then (100 + 10) / 2 * (EDGE - 20); candidate: a straight line from 220 at 10.
    const candAtEdge = 220 - (190 * (EDGE - 10)) / 30;
    const expected = (((220 + candAtEdge) / 2) * (EDGE - 10)) / (1500 + 55 * (EDGE - 20));
    expect(areaRatio(BASE, CAND)).toBeCloseTo(expected, 9);
  });

  it("a level past the floor is listed without a % change; default levels stay before it", () => {
    const before = run("1", [[64, 10, 200], [32, 20, 100], [8, 40, 0.5]]);
    const after = run("2", [[64, 10, 220], [8, 40, 30]]);
    const picked = compareFrontiers([before], [after], "output_tps_per_gpu", [15, 39]);
    expect(picked.levels.map((l) => [l.tpsPerUser, l.belowFloor])).toEqual([[15, false], [39, true]]);
    expect(picked.levels[0].changePct).toBeCloseTo(((220 - 190 / 6 - 150) / 150) * 100, 9);
    expect(picked.levels[1].changePct).toBeNull();
    expect(picked.levels[1].baseline).toBeCloseTo(100 - 99.5 * (19 / 20), 9);
    const defaults = compareFrontiers([before], [after], "output_tps_per_gpu");
    expect(defaults.levels.every((l) => l.tpsPerUser < EDGE && l.changePct !== null)).toBe(true);
  });

  it("per concurrency: no % change where the baseline is below 5% of its largest value", () => {
    const before = run("1", [[64, 10, 200], [8, 40, 0.5]]);
    const after = run("2", [[64, 10, 220], [8, 40, 30]]);
    const [c8, c64] = compareByConcurrency([before], [after], "output_tps_per_gpu");
    expect([c8.concurrency, c8.belowFloor, c8.changePct]).toEqual([8, true, null]);
    expect([c64.belowFloor, c64.changePct]).toEqual([false, 10]);
  });

  it("says where and why the comparison stops", () => {
    expect(floorNote(comparableRange(BASE, CAND))).toBe(
      "Δ% stops at 38.09 TPS/User: beyond it the baseline frontier falls below 5% of its peak (10.00 TPS/GPU), where a % change means nothing.",
    );
    expect(floorNote(comparableRange(BASE, [{ x: 39, y: 5 }, { x: 45, y: 1 }]))).toBe(
      "No Δ%: the baseline frontier is below 5% of its peak (10.00 TPS/GPU) across the whole overlap, where a % change means nothing.",
    );
    expect(floorNote(comparableRange(BASE, [{ x: 10, y: 1 }, { x: 30, y: 1 }]))).toBeNull();
  });
});
