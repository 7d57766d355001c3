import { describe, expect, it } from "vitest";
import { comparePoints, livePicks, nextPicked, percentChange, pickRoles } from "@/lib/charts/point-compare";
import { fmtPercent } from "@/lib/charts/format";
import { CHART_RUNS } from "./fixtures";

const R3667 = "3667_1P_4D_20251110_192145";
const p = (runDir: string, concurrency: number) => ({ runDir, concurrency });

describe("two-point comparison", () => {
  it("% change from A (baseline) to B", () => {
    expect(percentChange(50, 40)).toBeCloseTo(-20);
    expect(percentChange(30.8625, 57)).toBeCloseTo(84.69015795868773);
    expect(percentChange(0, 5)).toBeNull();
    expect(percentChange(null, 5)).toBeNull();
    expect(fmtPercent(84.69015795868773)).toBe("+84.7%");
    expect(fmtPercent(-20)).toBe("-20.0%");
    expect(fmtPercent(-0.01)).toBe("+0.0%");
    expect(fmtPercent(null)).toBe("N/A");
  });

  it("clicks: add, add, a third replaces the oldest; clicking a picked point unpicks it", () => {
    let state = nextPicked([], p("a", 1));
    expect(state.points).toEqual([p("a", 1)]);
    state = nextPicked(state.points, p("b", 2));
    expect(state.points).toEqual([p("a", 1), p("b", 2)]);
    state = nextPicked(state.points, p("c", 3));
    expect(state).toEqual({ points: [p("b", 2), p("c", 3)], swap: false });
    expect(nextPicked(state.points, p("b", 2)).points).toEqual([p("c", 3)]);
  });

  it("swap makes the later pick the baseline", () => {
    expect(pickRoles([p("a", 1), p("b", 2)], false).map((m) => m.role + m.runDir)).toEqual(["Aa", "Bb"]);
    expect(pickRoles([p("a", 1), p("b", 2)], true).map((m) => m.role + m.runDir)).toEqual(["Ab", "Ba"]);
  });

  it("compares both axes of the current y metric", () => {
    const picks = [p(R3667, 16), p(R3667, 32)];
    const output = comparePoints(CHART_RUNS, picks, false, { x: "tps-user", y: "output" });
    expect(output.a?.concurrency).toBe(16);
    expect(output.dx).toBeCloseTo(-20);
    expect(output.dy).toBeCloseTo(84.69015795868773);
    const swapped = comparePoints(CHART_RUNS, picks, true, { x: "tps-user", y: "output" });
    expect(swapped.dx).toBeCloseTo(25);
    const total = comparePoints(CHART_RUNS, picks, false, { x: "tps-user", y: "total" });
    expect(total.dy).toBeCloseTo(((114 - 61.725) / 61.725) * 100);
  });

  it("a pick whose run is not charted is dropped, so the other one is the baseline", () => {
    const result = comparePoints(CHART_RUNS, [p("gone", 1), p(R3667, 16)], false, { x: "tps-user", y: "output" });
    expect(result.a?.concurrency).toBe(16);
    expect(result.b).toBeNull();
    expect(result.dx).toBeNull();
    expect(livePicks(CHART_RUNS, [p("gone", 1), p(R3667, 16), p(R3667, 999)], { x: "tps-user", y: "output" })).toEqual([p(R3667, 16)]);
  });
});
