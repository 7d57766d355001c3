import "server-only";
import type { Run } from "../model";
import { computeGoodput, type Goodput } from "../goodput";
import type { Sla } from "../sla";
import { lazyAiperfExports, loadPointRequests } from "./point-requests";

/** Key of a point in a goodput map. */
export const pointKey = (runDir: string, concurrency: number) => `${runDir}\0${concurrency}`;

export interface GoodputLoad {
  byPoint: Map<string, Goodput>;
  /** Points whose per-request data could not be read, with why. */
  problems: string[];
}

/**
 * Goodput of every point of `runs` under the SLA lens' bounds. Reads the per-request tables (cached
 * as Parquet after the first time), so it runs only when a view asks for goodput, never for the index.
 */
export async function goodputOfRuns(runs: readonly Run[], sla: Sla): Promise<GoodputLoad> {
  const byPoint = new Map<string, Goodput>();
  const problems: string[] = [];
  for (const run of runs) {
    // A point without sa-bench arrays counts from AIPerf's per-request export, as the Requests view does.
    const aiperf = lazyAiperfExports(run.runPath, problems);
    for (const point of run.points) {
      try {
        const { table } = await loadPointRequests(run.runPath, point, aiperf);
        if (table.index.length === 0) continue;
        byPoint.set(pointKey(run.runDir, point.concurrency), computeGoodput(table, sla.bounds, point.durationS, run.totalGpus));
      } catch (error) {
        problems.push(`${run.runDir} concurrency ${point.concurrency}: ${(error as Error).message}`);
      }
    }
  }
  return { byPoint, problems };
}
