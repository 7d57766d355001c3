import "server-only";
import type { Run } from "../../../model";
import { findAiperfExports } from "../../aiperf-artifacts";
import path from "node:path";
import { stamp, type FileStamp } from "../../scan-runs";
import type { ColumnSpec, TableRow } from "../schema";

/**
 * The `requests` table: one row per request of a point, where the run has per-request data (sa-bench's
 * arrays in its result file, else AIPerf's profile_export.jsonl of that concurrency). Rows come from the
 * same request cache the Requests view uses, so the dataset and the dashboard agree request by request.
 */
export const REQUESTS_COLUMNS: ColumnSpec[] = [
  { name: "run_key", type: "STRING", doc: "joins `runs.run_key` and, with concurrency, `points`" },
  { name: "concurrency", type: "INT32", doc: "the point's concurrency" },
  { name: "request_index", type: "INT32", doc: "0-based position in the source (request order as the benchmark wrote it)" },
  { name: "source", type: "STRING", doc: "sa-bench (arrays in the result file) or aiperf (profile_export.jsonl)" },
  { name: "input_len", type: "DOUBLE", doc: "input tokens" },
  { name: "output_len", type: "DOUBLE", doc: "output tokens" },
  { name: "ttft_ms", type: "DOUBLE", doc: "time to first token; null for a failed request" },
  { name: "mean_itl_ms", type: "DOUBLE", doc: "mean inter-token latency of the request" },
  { name: "tpot_ms", type: "DOUBLE", doc: "(e2e - ttft) / (output_len - 1); null for output_len <= 1" },
  { name: "e2e_ms", type: "DOUBLE", doc: "end-to-end latency (sa-bench: ttft + sum of inter-token gaps)" },
  { name: "start_unix", type: "DOUBLE", doc: "request start, unix seconds, where the source has it" },
  { name: "error", type: "STRING", doc: "error text; empty when the request succeeded" },
  { name: "phase", type: "STRING", doc: "warmup or benchmark, by the source's own phase, else by start time vs the result's start; null when neither says" },
];

/**
 * The files the table's rows come from beyond the result files (which the run fingerprint has already):
 * AIPerf's exports, so a re-run export changes the fingerprint and the run's rows are replaced.
 */
export function requestSourceStamps(runPath: string): (FileStamp | null)[] {
  return [...findAiperfExports(runPath).byConcurrency.values()].sort().map((rel) => stamp(runPath, rel));
}

/** The `requests` rows of a run; what cannot be read goes to `warn` and the other points still count. */
export async function requestRows(run: Run, key: string, warn: (message: string) => void): Promise<TableRow[]> {
  // Imported here: schema.ts (which every query loads) imports this module, and these bring zod and the parsers.
  const [{ warmupOf }, { lazyAiperfExports, loadPointRequests }] = await Promise.all([import("../../../requests-view"), import("../../point-requests")]);
  const rows: TableRow[] = [];
  const issues: string[] = [];
  const aiperf = lazyAiperfExports(run.runPath, issues);
  for (const point of [...run.points].sort((a, b) => a.concurrency - b.concurrency)) {
    try {
      const load = await loadPointRequests(run.runPath, point, aiperf, false);
      issues.push(...load.issues);
      const t = load.table;
      const { warmup, source } = warmupOf(t, point.startTimeUnix, 0);
      for (let i = 0; i < t.index.length; i++) {
        rows.push({
          run_key: key, concurrency: point.concurrency, request_index: t.index[i], source: load.source,
          input_len: t.inputLen[i], output_len: t.outputLen[i], ttft_ms: t.ttftMs[i], mean_itl_ms: t.meanItlMs[i],
          tpot_ms: t.tpotMs[i], e2e_ms: t.e2eMs[i], start_unix: t.startUnix[i], error: t.error[i],
          phase: source === null ? null : warmup[i] ? "warmup" : "benchmark",
        });
      }
    } catch (error) {
      issues.push(`concurrency ${point.concurrency}: ${(error as Error).message}`);
    }
  }
  for (const issue of issues) warn(`${key}: requests: ${issue}`);
  return rows;
}
