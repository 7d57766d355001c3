import { describe, expect, it } from "vitest";
import { downsampleMinMax, roundSignificant } from "@/lib/downsample";

const line = (y: number[]) => ({ x: y.map((_, i) => i), y });

describe("downsampleMinMax", () => {
  it("returns a line that fits the budget unchanged (as a copy)", () => {
    const input = line([3, 1, 2]);
    const output = downsampleMinMax(input, 3);
    expect(output).toEqual(input);
    expect(output.x).not.toBe(input.x);
  });

  it("keeps first and last, then each bucket's minimum and maximum in x order", () => {
    // Budget 6: first + last + 2 buckets of the 8 inner points (indices 1-4 and 5-8).
    // Bucket 1: y 1,9,3,4 -> min at 1, max at 2. Bucket 2: y 8,2,7,6 -> max at 5, then min at 6.
    expect(downsampleMinMax(line([5, 1, 9, 3, 4, 8, 2, 7, 6, 0]), 6)).toEqual({ x: [0, 1, 2, 5, 6, 9], y: [5, 1, 9, 8, 2, 0] });
  });

  it("a flat bucket gives one point; an odd budget rounds the buckets down", () => {
    // Budget 6, 8 points: bucket 1 (indices 1-3) is flat, bucket 2 (4-6) has max 9 at 5 and min 1 at 6.
    expect(downsampleMinMax(line([0, 4, 4, 4, 4, 9, 1, 2]), 6)).toEqual({ x: [0, 1, 5, 6, 7], y: [0, 4, 9, 1, 2] });
    // Budget 5 -> one bucket (indices 1-6): min 1 at 3, max 9 at 4.
    expect(downsampleMinMax(line([0, 4, 4, 1, 9, 2, 3, 3]), 5)).toEqual({ x: [0, 3, 4, 7], y: [0, 1, 9, 3] });
  });

  it("keeps a one-second spike and a one-second dip out of 28,800 flat seconds", () => {
    const y = new Array(28_800).fill(100);
    y[12_345] = 5_000;
    y[20_001] = 0;
    const out = downsampleMinMax(line(y), 1000);
    expect(out.x.length).toBeLessThanOrEqual(1000);
    expect(Math.max(...out.y)).toBe(5_000);
    expect(Math.min(...out.y)).toBe(0);
    expect(out.x).toContain(12_345);
    expect(out.x).toContain(20_001);
    expect(out.x[0]).toBe(0);
    expect(out.x.at(-1)).toBe(28_799);
  });

  it("never exceeds the budget and keeps x ascending", () => {
    for (const n of [10, 999, 1000, 1001, 4567, 30_000]) {
      for (const budget of [2, 3, 4, 10, 999, 1000]) {
        const y = Array.from({ length: n }, (_, i) => Math.sin(i / 7) * 100 + (i % 13));
        const out = downsampleMinMax(line(y), budget);
        expect(out.x.length).toBeLessThanOrEqual(budget);
        expect(out.x.length).toBe(out.y.length);
        for (let i = 1; i < out.x.length; i++) expect(out.x[i]).toBeGreaterThan(out.x[i - 1]);
        if (n > budget) expect(out.x.length).toBeGreaterThanOrEqual(Math.min(n, 2 + Math.floor((budget - 2) / 2)));
      }
    }
  });

  it("refuses a budget that cannot hold a line's two ends", () => {
    expect(() => downsampleMinMax(line([1, 2, 3]), 1)).toThrow("downsample budget must be an integer >= 2, got 1");
  });
});

describe("roundSignificant", () => {
  it("keeps four significant digits by default", () => {
    expect(roundSignificant(143_160.004)).toBe(143_200);
    expect(roundSignificant(0.012345)).toBe(0.01235);
    expect(roundSignificant(3.333333, 3)).toBe(3.33);
    expect(roundSignificant(0)).toBe(0);
  });
});
