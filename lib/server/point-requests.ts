import "server-only";
import type { BenchPoint } from "../model";
import { findAiperfExports } from "./aiperf-artifacts";
import { loadRequestTable, type RequestTableLoad } from "./request-cache";

/** A run's AIPerf exports by concurrency, listed on first need only (most points have sa-bench arrays). */
export function lazyAiperfExports(runPath: string, issues: string[]): () => Map<number, string> {
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
export async function loadPointRequests(runPath: string, point: BenchPoint, aiperf: () => Map<number, string>, writeCache = true): Promise<RequestTableLoad> {
  const load = await loadRequestTable(runPath, point.sourceFile, writeCache);
  if (load.table.index.length > 0 || load.source === "aiperf") return load;
  const rel = aiperf().get(point.concurrency);
  return rel === undefined ? load : loadRequestTable(runPath, rel, writeCache);
}
