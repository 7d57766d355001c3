import { describe, expect, it } from "vitest";
import { imageFileName } from "@/lib/charts/image-export";

const DATE = new Date("2026-12-06T23:30:00Z");

describe("imageFileName", () => {
  it("names the tab, the chart, the runs' job ids and the UTC day", () => {
    const name = imageFileName({ pathname: "/nodes", chart: "node-chart-agg-kv-cache", runs: ["3667_1P_4D_20251110_192145", "4401453"], date: DATE });
    expect(name).toBe("srtlog_nodes_node-agg-kv-cache_3667-4401453_2026-12-06");
  });

  it("drops a chart id that only repeats the tab", () => {
    expect(imageFileName({ pathname: "/pareto", chart: "pareto-chart", runs: ["12045_2P_2D_20251115_101500"], date: DATE })).toBe("srtlog_pareto_12045_2026-12-06");
  });

  it("names at most four runs and counts the rest", () => {
    const runs = ["1_a", "2_b", "3_c", "4_d", "5_e", "6_f"];
    expect(imageFileName({ pathname: "/latency", runs, date: DATE })).toBe("srtlog_latency_1-2-3-4-plus2_2026-12-06");
  });

  it("says all-runs for run=all, and the default tab for the root path", () => {
    expect(imageFileName({ pathname: "/", runs: ["all"], date: DATE })).toBe("srtlog_pareto_all-runs_2026-12-06");
  });

  it("leaves out runs when the URL names none, and keeps only file-safe characters", () => {
    const name = imageFileName({ pathname: "/rate-match", chart: "Rate Match/Chart #1", runs: ["../x y_1"], date: DATE });
    expect(name).toBe("srtlog_rate-match_1_x-y_2026-12-06");
    expect(imageFileName({ pathname: "/compare", runs: [], date: DATE })).toBe("srtlog_compare_2026-12-06");
  });
});
