import { describe, expect, it } from "vitest";
import { areaRatio, changeAlongOverlap, compareByConcurrency, compareFrontiers, defaultLevels, frontierArea, frontierOverlap, interpolateFrontier, percentChange } from "@/lib/compare";
import type { Run } from "@/lib/model";
import { blankMetadata, blankPoint } from "../../helpers/model-builders";

/** A 16-GPU run with points [concurrency, output TPS, mean TPOT ms]. */
function run(jobId: string, points: [number, number, number][]): Run {
  return {
    jobId, runPath: `/logs/${jobId}`, runDir: jobId, metadataFile: `${jobId}.json`, metadata: blankMetadata({ jobId }), topology: "1P/1D", totalGpus: 16,
    resultDirs: [], expectedConcurrencies: [], missingConcurrencies: [], missing: [], isComplete: true, notes: [], warnings: [],
    points: points.map(([concurrency, outputTps, meanTpotMs]) => blankPoint({ concurrency, outputTps, meanTpotMs })),
  };
}

// Baseline: c8 = 100 TPS/GPU at 50 TPS/User, c16 = 150 at 25. Current: c8 -10 %, c16 +10 %.
const BASE = run("100", [[8, 1600, 20], [16, 2400, 40]]);
const CURRENT = run("200", [[8, 1440, 20], [16, 2640, 40]]);

describe("percent change and interpolation", () => {
  it("percentChange", () => {
    expect(percentChange(200, 150)).toBe(-25);
    expect(percentChange(0, 1)).toBeNull();
    expect(percentChange(null, 1)).toBeNull();
  });

  it("interpolates linearly between frontier points and never extrapolates", () => {
    const frontier = [{ x: 10, y: 300 }, { x: 20, y: 200 }, { x: 40, y: 100 }];
    expect(interpolateFrontier(frontier, 15)).toBe(250);
    expect(interpolateFrontier(frontier, 30)).toBe(150);
    expect(interpolateFrontier(frontier, 20)).toBe(200);
    expect(interpolateFrontier(frontier, 9.99)).toBeNull();
    expect(interpolateFrontier(frontier, 40.01)).toBeNull();
    expect(interpolateFrontier([{ x: 5, y: 7 }], 5)).toBe(7);
  });

  it("overlap of two frontiers, or none", () => {
    expect(frontierOverlap([{ x: 10, y: 3 }, { x: 30, y: 1 }], [{ x: 20, y: 5 }, { x: 50, y: 2 }])).toEqual([20, 30]);
    expect(frontierOverlap([{ x: 10, y: 3 }, { x: 15, y: 1 }], [{ x: 20, y: 5 }])).toBeNull();
    expect(frontierOverlap([{ x: 5, y: 1 }], [{ x: 5, y: 2 }])).toEqual([5, 5]);
    expect(defaultLevels([20, 40])).toEqual([25, 30, 35]);
    expect(defaultLevels([5, 5])).toEqual([5]);
  });
});

describe("comparing runs", () => {
  it("per concurrency both sides have", () => {
    const changes = compareByConcurrency([BASE], [CURRENT], "output_tps_per_gpu");
    expect(changes.map((c) => [c.concurrency, c.baseline, c.current])).toEqual([[8, 100, 90], [16, 150, 165]]);
    expect(changes[0].changePct).toBeCloseTo(-10, 9);
    expect(changes[1].changePct).toBeCloseTo(10, 9);
  });

  it("frontiers at equal interactivity, inside the overlap 25-50 TPS/User", () => {
    const { overlap, levels } = compareFrontiers([BASE], [CURRENT], "output_tps_per_gpu");
    expect(overlap).toEqual([25, 50]);
    expect(levels.map((l) => l.tpsPerUser)).toEqual([31.25, 37.5, 43.75]);
    expect(levels.map((l) => [l.baseline, l.current])).toEqual([[137.5, 146.25], [125, 127.5], [112.5, 108.75]]);
    expect(levels[2].changePct).toBeCloseTo(-10 / 3, 9);
  });

  it("a group is the mean of its runs per concurrency", () => {
    const other = run("300", [[8, 2000, 20]]);
    const [c8] = compareByConcurrency([BASE, other], [CURRENT], "output_tps");
    expect(c8.baseline).toBe(1800);
  });
});

describe("area under the frontiers", () => {
  const base = [{ x: 10, y: 300 }, { x: 20, y: 200 }, { x: 40, y: 100 }];

  it("frontierArea: trapezoids between the frontier's points, cut at the range ends", () => {
    // [10,20]: (300+200)/2*10 = 2500; [20,40]: (200+100)/2*20 = 3000.
    expect(frontierArea(base, [10, 40])).toBe(5500);
    // [15,30]: y(15)=250, y(30)=150: (250+200)/2*5 + (200+150)/2*10 = 1125 + 1750.
    expect(frontierArea(base, [15, 30])).toBe(2875);
    expect(frontierArea(base, [5, 30])).toBeNull();
  });

  it("areaRatio: candidate over baseline on the overlap only", () => {
    // Candidate covers [20, 60] at a flat 300: overlap [20, 40]; base area 3000, candidate 300*20 = 6000.
    expect(areaRatio(base, [{ x: 20, y: 300 }, { x: 60, y: 300 }])).toBe(2);
    expect(areaRatio(base, [{ x: 50, y: 1 }, { x: 60, y: 1 }])).toBeNull();
    expect(areaRatio(base, [{ x: 40, y: 1 }])).toBeNull();
  });

  it("changeAlongOverlap: evenly spaced, ends included", () => {
    const doubled = base.map((p) => ({ x: p.x, y: p.y * 2 }));
    const samples = changeAlongOverlap(base, doubled, 4);
    expect(samples.map((s) => s.x)).toEqual([10, 20, 30, 40]);
    expect(samples.every((s) => s.changePct === 100)).toBe(true);
    expect(changeAlongOverlap(base, [{ x: 50, y: 1 }])).toEqual([]);
  });
});
