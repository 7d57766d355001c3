import "server-only";
import type { Run } from "../../model";
import { resultSignals } from "../../health";
import { ROW_COLUMNS, type Row, type RowColumn } from "../../rows";
import { INT_COLUMNS, TEXT_COLUMNS } from "../export-rows";
import type { ParquetColumn, ParquetColumnType } from "../parquet";
import { REQUESTS_COLUMNS } from "./tables/requests";
import { NODE_BATCH_COLUMNS } from "./tables/node-batches";
import { POINT_EXTRA_COLUMNS, RUN_JSON_COLUMN, runJson } from "./tables/run-rebuild";

/**
 * Version of the dataset layout and table schemas. A reader refuses a dataset of a newer version (its
 * columns or layout may mean something this code does not know); bump it on any change to the tables.
 * 2: `runs.run_json` and the BenchPoint fields `points` lacked (the dashboard rebuilds runs from them), `node_batches`.
 * Ingest re-reads every run of an older dataset (the version is part of each run's fingerprint).
 */
export const DATASET_SCHEMA_VERSION = 2;

export const TABLES = ["runs", "points", "requests", "node_batches"] as const;
export type TableName = (typeof TABLES)[number];

/** Hive partition keys, in directory order: `<table>/cluster=<c>/month=<YYYY-MM>/`. */
export const PARTITION_KEYS = ["cluster", "month"] as const;

type Cell = string | number | boolean | null;
export type TableRow = Record<string, Cell>;
export interface ColumnSpec {
  name: string;
  type: ParquetColumnType;
  doc: string;
}

/** `Output TPS/GPU` -> `output_tps_per_gpu`, `Mean TTFT (ms)` -> `mean_ttft_ms`: SQL names without quoting. */
export function sqlName(column: string): string {
  return column
    .replace(/\//g, " per ")
    .replace(/%/g, " pct ")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

function pointType(column: RowColumn): ParquetColumnType {
  if (TEXT_COLUMNS.has(column)) return "STRING";
  return INT_COLUMNS.has(column) ? "INT32" : "DOUBLE";
}

/** Columns of each table, in file order (the partition keys are in the path, not the file). */
export const TABLE_COLUMNS: Record<TableName, ColumnSpec[]> = {
  runs: [
    { name: "run_key", type: "STRING", doc: "<cluster>/<run directory>: the run's identity in the dataset" },
    { name: "job_id", type: "STRING", doc: "Slurm job id" },
    { name: "run_dir", type: "STRING", doc: "run directory name inside its logs dir" },
    { name: "source_path", type: "STRING", doc: "absolute path of the run directory when ingested" },
    { name: "job_name", type: "STRING", doc: "job name from <jobid>.json" },
    { name: "run_date", type: "STRING", doc: "\"YYYY-MM-DD HH:MM:SS\" as srt-slurm wrote it" },
    { name: "topology", type: "STRING", doc: "e.g. 1P4D, agg" },
    { name: "mode", type: "STRING", doc: "disaggregated or aggregated" },
    { name: "total_gpus", type: "INT32", doc: "" },
    { name: "gpu_type", type: "STRING", doc: "" },
    { name: "gpus_per_node", type: "INT32", doc: "" },
    { name: "prefill_nodes", type: "INT32", doc: "" },
    { name: "decode_nodes", type: "INT32", doc: "" },
    { name: "prefill_workers", type: "INT32", doc: "" },
    { name: "decode_workers", type: "INT32", doc: "" },
    { name: "agg_workers", type: "INT32", doc: "" },
    { name: "frontends", type: "INT32", doc: "" },
    { name: "container", type: "STRING", doc: "" },
    { name: "backend", type: "STRING", doc: "serving backend (sglang, vllm, trtllm)" },
    { name: "model", type: "STRING", doc: "model path from the metadata" },
    { name: "precision", type: "STRING", doc: "" },
    { name: "profiler", type: "STRING", doc: "sa-bench, ..." },
    { name: "isl", type: "INT32", doc: "input sequence length" },
    { name: "osl", type: "INT32", doc: "output sequence length" },
    { name: "tags", type: "STRING", doc: "tags joined with \", \" (as in srtlog export)" },
    { name: "points", type: "INT32", doc: "benchmark points (rows in `points`)" },
    { name: "missing_concurrencies", type: "INT32", doc: "expected concurrencies without a point" },
    { name: "failed_points", type: "INT32", doc: "points with failed requests or completed < num_prompts" },
    { name: "warnings", type: "INT32", doc: "load warnings (metadata missing, unknown version)" },
    { name: "is_complete", type: "BOOLEAN", doc: "every expected concurrency has a point" },
    { name: "fingerprint", type: "STRING", doc: "hash of the files read (size, mtime): unchanged runs are not rewritten" },
    { name: "ingested_at", type: "STRING", doc: "ISO 8601 UTC time of the ingest that wrote the row" },
    RUN_JSON_COLUMN,
  ],
  points: [
    { name: "run_key", type: "STRING", doc: "joins `runs.run_key`" },
    ...ROW_COLUMNS.map((column) => ({ name: sqlName(column), type: pointType(column), doc: `"${column}" of srtlog export` })),
    ...POINT_EXTRA_COLUMNS,
  ],
  requests: REQUESTS_COLUMNS,
  node_batches: NODE_BATCH_COLUMNS,
};

/** Month partition of a run: from its run date, else "unknown" (a run without metadata). */
export function monthOf(run: Run): string {
  const match = /^(\d{4})-(\d{2})/.exec(run.metadata.runDate ?? "");
  return match ? `${match[1]}-${match[2]}` : "unknown";
}

/** The `runs` row of a run. */
export function runRow(run: Run, key: string, fingerprint: string, ingestedAt: string): TableRow {
  const m = run.metadata;
  const { failedPoints, incompleteConcurrencies } = resultSignals(run);
  return {
    run_key: key, job_id: run.jobId, run_dir: run.runDir, source_path: run.runPath, job_name: m.jobName,
    run_date: m.runDate, topology: run.topology, mode: m.mode, total_gpus: run.totalGpus, gpu_type: m.gpuType,
    gpus_per_node: m.gpusPerNode, prefill_nodes: m.prefillNodes, decode_nodes: m.decodeNodes,
    prefill_workers: m.prefillWorkers, decode_workers: m.decodeWorkers, agg_workers: m.aggWorkers, frontends: m.frontends,
    container: m.container, backend: m.backendType, model: m.modelPath, precision: m.precision, profiler: m.profiler.type,
    isl: m.profiler.isl, osl: m.profiler.osl, tags: m.tags.join(", "), points: run.points.length,
    missing_concurrencies: incompleteConcurrencies, failed_points: failedPoints, warnings: run.warnings.length,
    is_complete: run.isComplete, fingerprint, ingested_at: ingestedAt, run_json: runJson(run),
  };
}

/** Computed once: renaming per cell cost more than building the rows (a profile of 10,000 points). */
const POINT_NAMES = ROW_COLUMNS.map((column) => [column, sqlName(column)] as const);

/** The `points` row of one data-frame row: snake_case names; Request Rate "inf" as a double infinity. */
export function pointRow(row: Row, key: string): TableRow {
  const out: TableRow = { run_key: key };
  for (const [column, name] of POINT_NAMES) {
    const value = row[column];
    out[name] = value === "inf" ? Infinity : value;
  }
  return out;
}

/** Rows of one table as Parquet columns, in schema order. */
export function toColumns(table: TableName, rows: readonly TableRow[]): ParquetColumn[] {
  return TABLE_COLUMNS[table].map(({ name, type }) => ({ name, type, data: rows.map((row) => row[name] ?? null) }));
}
