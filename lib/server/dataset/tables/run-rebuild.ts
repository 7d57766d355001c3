import "server-only";
import { z } from "zod";
import { runSchema, type BenchPoint, type Run } from "../../../model";
import type { ColumnSpec, TableRow } from "../schema";

/**
 * What the dashboard needs to rebuild a Run from `runs` + `points` rows (dataset schema 2). The data-frame
 * columns of `points` carry derived figures (TPS/GPU) and fall back to the metadata's request rate, so
 * the point fields they do not hold as-is get columns of their own here, and the run's full object
 * (metadata, missing points, notes, warnings) travels as JSON in `runs.run_json`.
 */
type Field = keyof BenchPoint;

/** BenchPoint fields with a data-frame column of the same value, and that column's SQL name. */
const SHARED: [Field, string][] = [
  ["concurrency", "concurrency"], ["outputTps", "output_tps"], ["totalTps", "total_tps"], ["peakOutputTps", "peak_output_tps"],
  ["meanTtftMs", "mean_ttft_ms"], ["medianTtftMs", "median_ttft_ms"], ["p99TtftMs", "p99_ttft_ms"], ["stdTtftMs", "std_ttft_ms"],
  ["meanTpotMs", "mean_tpot_ms"], ["medianTpotMs", "median_tpot_ms"], ["p99TpotMs", "p99_tpot_ms"], ["stdTpotMs", "std_tpot_ms"],
  ["meanItlMs", "mean_itl_ms"], ["medianItlMs", "median_itl_ms"], ["p99ItlMs", "p99_itl_ms"], ["stdItlMs", "std_itl_ms"],
  ["requestGoodput", "benchmark_request_goodput_req_per_s"],
];

/** BenchPoint fields the data frame lacks: columns of `points` from schema 2 on. */
const EXTRA: [Field, string, "DOUBLE" | "STRING", string][] = [
  ["requestRate", "bench_request_rate", "DOUBLE", "request rate the result file gave (null when absent; request_rate falls back to the metadata's)"],
  ["inputTps", "input_tps", "DOUBLE", ""], ["requestThroughput", "request_throughput", "DOUBLE", "requests/s"],
  ["meanE2elMs", "mean_e2el_ms", "DOUBLE", ""], ["medianE2elMs", "median_e2el_ms", "DOUBLE", ""],
  ["p99E2elMs", "p99_e2el_ms", "DOUBLE", ""], ["stdE2elMs", "std_e2el_ms", "DOUBLE", ""],
  ["totalInputTokens", "total_input_tokens", "DOUBLE", ""], ["totalOutputTokens", "total_output_tokens", "DOUBLE", ""],
  ["completed", "completed", "DOUBLE", "requests completed"], ["failed", "failed", "DOUBLE", "requests failed"],
  ["numPrompts", "num_prompts", "DOUBLE", ""], ["durationS", "duration_s", "DOUBLE", ""],
  ["startTimeUnix", "start_time_unix", "DOUBLE", "benchmark window start, s since epoch"], ["endTimeUnix", "end_time_unix", "DOUBLE", ""],
  ["date", "result_date", "STRING", "date the result file gives"], ["backend", "client_backend", "STRING", "the benchmark client's backend field"],
  ["modelId", "model_id", "STRING", "model id the result file gives"], ["sourceFile", "source_file", "STRING", "result file, relative to the run directory"],
];

export const POINT_EXTRA_COLUMNS: ColumnSpec[] = EXTRA.map(([, name, type, doc]) => ({ name, type, doc }));

export const RUN_JSON_COLUMN: ColumnSpec = { name: "run_json", type: "STRING", doc: "the run as srtlog loads it, minus its points (JSON): what the dashboard rebuilds it from" };

/** The extra `points` cells of one benchmark point. */
export function pointExtras(point: BenchPoint): TableRow {
  return Object.fromEntries(EXTRA.map(([field, name]) => [name, point[field] as TableRow[string]]));
}

/** The run minus its points, as `runs.run_json` keeps it. */
export function runJson(run: Run): string {
  const { points: _points, origin: _origin, ...rest } = run;
  return JSON.stringify(rest);
}

const cell = (value: unknown) => (value === undefined ? null : typeof value === "bigint" ? Number(value) : value);

/** Every BenchPoint field with its column, built once: rebuilding 50,000 points spent a quarter of a cold load re-making this list. */
const POINT_FIELDS: readonly [Field, string][] = [...SHARED, ...EXTRA.map(([f, n]) => [f, n] as [Field, string])];

/** A BenchPoint from its `points` row. */
export function pointFromRow(row: TableRow): BenchPoint {
  const point: Record<string, unknown> = {};
  for (const [field, name] of POINT_FIELDS) point[field] = cell(row[name]);
  return point as BenchPoint;
}

export type RunOrigin = NonNullable<Run["origin"]>;

/** What `run_json` must hold: a run minus its points (checked, not stripped: the rebuild keeps it as written). */
const runJsonSchema = runSchema.omit({ points: true, origin: true });

/**
 * A Run from its `runs` row and its `points` rows, or the reason it cannot be rebuilt. Dataset runs are
 * named `<cluster>:<run dir>` so the same directory name ingested from two clusters stays two runs.
 * `placeSource` says where the tabs look for the run's files: the source directory when this server may
 * touch it (the dataset is untrusted), else a path they find nothing in.
 */
export function runFromRows(row: TableRow, points: TableRow[], origin: RunOrigin, placeSource: (runPath: string) => string): { ok: true; run: Run } | { ok: false; reason: string } {
  if (typeof row.run_json !== "string") return { ok: false, reason: `${origin.runKey} was ingested by an older srtlog (no run_json): run srtlog ingest again` };
  let rest: Omit<Run, "points">;
  try {
    rest = JSON.parse(row.run_json);
  } catch (error) {
    return { ok: false, reason: `${origin.runKey}: run_json is not valid JSON (${(error as Error).message})` };
  }
  const checked = runJsonSchema.safeParse(rest);
  if (!checked.success) return { ok: false, reason: `${origin.runKey}: run_json is not a run as srtlog ingest writes it: ${z.prettifyError(checked.error).replace(/\n/g, "; ")}` };
  // Rows keep the order ingest wrote them in: the loader's point order.
  return { ok: true, run: { ...rest, runPath: placeSource(rest.runPath), runDir: `${origin.cluster}:${rest.runDir}`, points: points.map(pointFromRow), origin: { ...origin, source: rest.runPath } } };
}

/** The `points` columns a rebuild reads (hyparquet decodes only these). */
export const POINT_READ_COLUMNS = ["run_key", ...POINT_FIELDS.map(([, name]) => name)];
