import { describe, expect, it } from "vitest";
import { selectionLines } from "../../../../lib/report/report-view";
import { parseViewState } from "../../../../lib/view-state";

const linesOf = (query: string) => new Map(selectionLines(parseViewState(new URLSearchParams(query)), 2));

describe("a report's selection table names the Pareto chart's axes as the chart does", () => {
  it("gives both axes by their labels, with log scales and colour-by", () => {
    const lines = linesOf("x=ttft-p99&y=req-rate&xlog=1&color=gpu");
    expect(lines.get("Pareto y axis")).toBe("Request throughput (req/s)");
    expect(lines.get("Pareto x axis")).toBe("P99 TTFT (ms), log scale");
    expect(lines.get("Colour by")).toBe("GPU type");
  });

  it("names goodput and energy by label, not by their URL keys, and keeps the default axes plain", () => {
    expect(linesOf("y=goodput&ylog=1").get("Pareto y axis")).toBe("Goodput TPS/GPU, log scale");
    expect(linesOf("y=energy").get("Pareto y axis")).toBe("Output tokens/J");
    const plain = linesOf("");
    expect([plain.get("Pareto y axis"), plain.get("Pareto x axis"), plain.get("Colour by")]).toEqual(["Output TPS/GPU", "Output TPS/User", "run"]);
  });
});
