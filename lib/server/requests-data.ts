import "server-only";
import type { BenchPoint, Run } from "../model";
import { legendLabel } from "../labels";
import { buildSeries, type RequestsParams, type RequestsSeries } from "../requests-view";
import { findAiperfExports } from "./aiperf-artifacts";
import { loadRequestTable, type RequestSourceKind, type RequestTableLoad } from "./request-cache";

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
  const aiperf = lazyAiperfExports(run.runPath, data.issues);
  for (const point of chosen) {
    try {
      const load = await loadPointTable(run.runPath, point, aiperf);
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

/** The run's AIPerf exports, listed on first need only (most points have sa-bench arrays). */
function lazyAiperfExports(runPath: string, issues: string[]): () => Map<number, string> {
  let found: Map<number, string> | null = null;
  return () => {
    if (found === null) {
      const listed = findAiperfExports(runPath);
      issues.push(...listed.issues);
      found = listed.byConcurrency;
    }
    return found;
  };
}

/**
 * A point's requests: sa-bench's arrays in its result file, else (a result without them) AIPerf's
 * `profile_export.jsonl` of the same concurrency under `artifacts/`, when the run has one.
 */
async function loadPointTable(runPath: string, point: BenchPoint, aiperf: () => Map<number, string>): Promise<RequestTableLoad> {
  const load = await loadRequestTable(runPath, point.sourceFile);
  if (load.table.index.length > 0 || load.source === "aiperf") return load;
  const rel = aiperf().get(point.concurrency);
  return rel === undefined ? load : loadRequestTable(runPath, rel);
}
