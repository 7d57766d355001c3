import { describe, expect, it } from "vitest";
import { toChartRun } from "@/lib/charts/chart-data";
import { withEnergy, withGoodput } from "@/lib/charts/goodput-points";
import type { PointEnergy } from "@/lib/energy";
import { buildRunTrace, runParetoPoints } from "@/lib/charts/pareto-figure";
import type { Goodput } from "@/lib/goodput";
import { toRows } from "@/lib/rows";
import { makePoint, makeRun } from "./make-run";

const goodput = (over: Partial<Goodput>): Goodput => ({
  requests: 10, good: 8, failed: 1, attainmentPct: 80, goodputRps: 4, goodOutputTpsPerGpu: 12.5, warmupExcluded: 0, ...over,
});

const run = makeRun({
  points: [
    makePoint({ concurrency: 8, outputTps: 400, meanTpotMs: 20, requestGoodput: 3.5 }),
    makePoint({ concurrency: 16, outputTps: 700, meanTpotMs: 25 }),
  ],
});
const byPoint = new Map([[`${run.runDir}\0${8}`, goodput({})]]);

describe("goodput on the Pareto tab", () => {
  it("plots goodput TPS/GPU only where it was computed", () => {
    const [chartRun] = withGoodput([toChartRun(run)], byPoint);
    const points = runParetoPoints(chartRun, "goodput");
    expect(points.map((p) => [p.concurrency, p.y])).toEqual([[8, 12.5]]);
  });

  it("the hover names srtlog's attainment and the benchmark's own request_goodput apart", () => {
    const [chartRun] = withGoodput([toChartRun(run)], byPoint);
    const text = (buildRunTrace(chartRun, { axes: { x: "tps-user", y: "goodput" }, marked: [] }).text as string[])[0];
    expect(text).toContain("Goodput TPS/GPU: 12.50");
    expect(text).toContain("Goodput (req/s): 4.00");
    expect(text).toContain("SLA attainment (srtlog, per request): 80.00%");
    expect(text).toContain("request_goodput (benchmark's own SLOs): 3.50 req/s");
  });

  it("CSV rows carry both figures; without goodput the cells are empty, never 0", () => {
    const rows = toRows([run], { goodput: byPoint });
    expect(rows.map((r) => [r["Goodput (req/s)"], r["SLA attainment (%)"], r["Benchmark request_goodput (req/s)"]])).toEqual([
      [4, 80, 3.5],
      [null, null, null],
    ]);
  });
});

describe("energy on the Pareto tab", () => {
  it("plots output tokens per joule where the run has power data, nothing (not 0) elsewhere", () => {
    const energy = { concurrency: 16, outputTokensPerJ: 0.4, meanPowerW: 1800 } as PointEnergy;
    const [chartRun] = withEnergy([toChartRun(run)], new Map([[`${run.runDir}\0${16}`, energy]]));
    expect(runParetoPoints(chartRun, "energy").map((p) => [p.concurrency, p.y])).toEqual([[16, 0.4]]);
    const text = (buildRunTrace(chartRun, { axes: { x: "tps-user", y: "energy" }, marked: [] }).text as string[])[0];
    expect(text).toContain("Output tokens/J: 0.40");
    expect(text).toContain("Mean power (W): 1800.00");
  });
});
