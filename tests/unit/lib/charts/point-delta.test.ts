import { describe, expect, it } from "vitest";
import { changeIsBetter } from "@/lib/charts/point-compare";
import { AXIS_METRIC_INFO } from "@/lib/charts/pareto-metrics";

describe("the point comparison's % change, judged in the axis metric's own direction", () => {
  it("a rise of a throughput is better, a fall worse", () => {
    expect(changeIsBetter(84.7, AXIS_METRIC_INFO.output.better)).toBe(true);
    expect(changeIsBetter(-20, AXIS_METRIC_INFO["tps-user"].better)).toBe(false);
  });

  it("a rise of a latency (p99 TTFT 200 -> 450 ms, +125%) is worse, a fall better", () => {
    expect(changeIsBetter(125, AXIS_METRIC_INFO["ttft-p99"].better)).toBe(false);
    expect(changeIsBetter(-55.6, AXIS_METRIC_INFO["e2el-mean"].better)).toBe(true);
  });

  it("no change is not worse, and a change that cannot be computed is judged neither way", () => {
    expect(changeIsBetter(0, "lower")).toBe(true);
    expect(changeIsBetter(0, "higher")).toBe(true);
    expect(changeIsBetter(null, "lower")).toBeNull();
  });
});
