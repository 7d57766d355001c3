import { describe, expect, it } from "vitest";
import { paretoFrontier, type XY } from "@/lib/pareto";

/** The definition, O(n²): kept if nothing is >= on both axes and > on one. */
function bruteForce(points: XY[]): XY[] {
  const valid = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  return valid.filter((p) => !valid.some((q) => q.x >= p.x && q.y >= p.y && (q.x > p.x || q.y > p.y)));
}

const key = (p: XY) => `${p.x},${p.y}`;

describe("Pareto frontier", () => {
  it("keeps the non-dominated points, by x ascending", () => {
    const points = [
      { x: 50, y: 30.8625 }, // 3667 @16
      { x: 40, y: 57 }, // 3667 @32
      { x: 31.25, y: 97.5 }, // 3667 @64
      { x: 80, y: 426.95 }, // 12045 @64: dominates all three
      { x: 41.67, y: 823 }, // 12045 @256
    ];
    expect(paretoFrontier(points)).toEqual([{ x: 41.67, y: 823 }, { x: 80, y: 426.95 }]);
  });

  it("ties: equal x keeps only the higher y; identical points both stay", () => {
    expect(paretoFrontier([{ x: 1, y: 1 }, { x: 1, y: 2 }])).toEqual([{ x: 1, y: 2 }]);
    expect(paretoFrontier([{ x: 1, y: 5 }, { x: 2, y: 5 }])).toEqual([{ x: 2, y: 5 }]);
    expect(paretoFrontier([{ x: 1, y: 5 }, { x: 1, y: 5 }])).toHaveLength(2);
  });

  it("ignores missing and non-finite coordinates; empty in, empty out", () => {
    expect(paretoFrontier([{ x: NaN, y: 100 }, { x: Infinity, y: 1 }, { x: 1, y: 1 }])).toEqual([{ x: 1, y: 1 }]);
    expect(paretoFrontier([])).toEqual([]);
  });

  it("keeps the caller's objects (so a frontier point still knows its run)", () => {
    const p = { x: 1, y: 1, runDir: "3667" };
    expect(paretoFrontier([p])[0]).toBe(p);
  });

  it("agrees with the definition on random data, ties included", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const points = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => ({ x: Math.floor(rand() * 12), y: Math.floor(rand() * 12) }));
      const fast = paretoFrontier(points).map(key).sort();
      expect(fast).toEqual(bruteForce(points).map(key).sort());
    }
  });
});
