import { describe, expect, it } from "vitest";
import { toChartRun } from "@/lib/charts/chart-data";
import { makePoint, makeRun } from "./make-run";
import { RUN_3667 } from "./fixtures";

describe("chart data", () => {
  it("derives per-GPU and per-user rates with the CSV's formulas", () => {
    const run = toChartRun(RUN_3667);
    expect(run.label).toBe("3667 | 1P/4D | 8+32 GPUs | 1024/1024 | H100");
    expect(run.points[0]).toMatchObject({ concurrency: 16, outputTpsPerGpu: 30.8625, totalTpsPerGpu: 61.725, outputTpsPerUser: 50 });
  });

  it("orders points by concurrency and keeps missing values null", () => {
    const run = toChartRun(makeRun({ totalGpus: null, points: [makePoint({ concurrency: 64, outputTps: 1 }), makePoint({ concurrency: 8, meanTpotMs: 0 })] }));
    expect(run.points.map((p) => p.concurrency)).toEqual([8, 64]);
    expect(run.points[0].outputTpsPerUser).toBeNull();
    expect(run.points[1].outputTpsPerGpu).toBeNull();
  });
});

describe("legend of the 2P/2D GB200 run", () => {
  it("counts prefill and decode GPUs from nodes", async () => {
    const { RUN_12045 } = await import("./fixtures");
    expect(toChartRun(RUN_12045).label).toBe("12045 | 2P/2D | 4+8 GPUs | 8192/1024 | GB200");
  });
});
