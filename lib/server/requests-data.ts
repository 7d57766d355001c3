import "server-only";
import type { Run } from "../model";
import { legendLabel } from "../labels";
import { buildSeries, type RequestsParams, type RequestsSeries } from "../requests-view";
import { lazyAiperfExports, loadPointRequests } from "./point-requests";
import type { RequestSourceKind } from "./request-cache";

/** Everything the Requests view draws, plain and serialisable. */
export interface RequestsData {
  runDir: string;
  runs: { runDir: string; label: string }[];
  concurrencies: number[];
  series: RequestsSeries[];
  sources: RequestSourceKind[];
  issues: string[];
  /** Points whose result file holds no per-request arrays. */
  empty: number[];
}

/** The run the view shows: the one named by `rrun` among the selected, else the first selected. */
export function requestsRunOf(selected: readonly Run[], rrun: string | undefined): Run | null {
  return selected.find((run) => run.runDir === rrun) ?? selected[0] ?? null;
}

/** Per-request distributions of one run, of one point (`rc`) or of all its points. */
export async function getRequestsData(selected: readonly Run[], params: RequestsParams): Promise<RequestsData | null> {
  const run = requestsRunOf(selected, params.rrun);
  if (!run) return null;
  const points = [...run.points].sort((a, b) => a.concurrency - b.concurrency);
  const chosen = params.rc === undefined ? points : points.filter((p) => p.concurrency === params.rc);
  const data: RequestsData = { runDir: run.runDir, runs: selected.map((r) => ({ runDir: r.runDir, label: legendLabel(r) })), concurrencies: points.map((p) => p.concurrency), series: [], sources: [], issues: [], empty: [] };
  // An ingested run whose source this server may not read (see dataset/source-access.ts): say so once,
  // rather than "no per-request source" per point naming a path inside the dataset.
  if (run.origin && run.runPath !== run.origin.source) {
    data.issues.push(`${run.runDir} was ingested from ${run.origin.source}, which lies outside SRTLOG_LOGS_ROOTS and the configured logs dir: its per-request data is not read here`);
    return data;
  }
  const aiperf = lazyAiperfExports(run.runPath, data.issues);
  for (const point of chosen) {
    try {
      const load = await loadPointRequests(run.runPath, point, aiperf);
      data.issues.push(...load.issues);
      if (!data.sources.includes(load.source)) data.sources.push(load.source);
      if (load.table.index.length === 0) data.empty.push(point.concurrency);
      else data.series.push(buildSeries(point.concurrency, load.table, { ...params, benchmarkStartUnix: point.startTimeUnix }));
    } catch (error) {
      data.issues.push(`concurrency ${point.concurrency}: ${(error as Error).message}`);
    }
  }
  return data;
}
