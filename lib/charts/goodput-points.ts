import type { PointEnergy } from "../energy";
import type { Goodput } from "../goodput";
import type { ChartRun } from "./chart-data";

/** Chart runs with each point's goodput filled in from `byPoint` (keyed `runDir\0concurrency`); points without stay null. */
export function withGoodput(runs: readonly ChartRun[], byPoint: ReadonlyMap<string, Goodput>): ChartRun[] {
  return runs.map((run) => ({
    ...run,
    points: run.points.map((point) => {
      const g = byPoint.get(`${run.runDir}\0${point.concurrency}`);
      return { ...point, goodputRps: g?.goodputRps ?? null, goodputTpsPerGpu: g?.goodOutputTpsPerGpu ?? null, slaAttainmentPct: g?.attainmentPct ?? null };
    }),
  }));
}

/** Chart runs with each point's energy filled in (keyed `runDir\0concurrency`); points without stay null, never 0. */
export function withEnergy(runs: readonly ChartRun[], byPoint: ReadonlyMap<string, PointEnergy>): ChartRun[] {
  return runs.map((run) => ({
    ...run,
    points: run.points.map((point) => {
      const e = byPoint.get(`${run.runDir}\0${point.concurrency}`);
      return { ...point, outputTokensPerJ: e?.outputTokensPerJ ?? null, meanPowerW: e?.meanPowerW ?? null };
    }),
  }));
}
