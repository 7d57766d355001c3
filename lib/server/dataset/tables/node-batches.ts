import "server-only";
import type { NodeMetrics, WorkerType } from "../../../node-metrics";
import { BATCH_METRICS, BATCH_TYPES, type BatchTable } from "../../../../parsers/worker-log/batch-table";
import { DERIVED_INPUT_COLUMN } from "../../../../parsers/worker-log/derived-input";
import { snakeCase } from "../../bench-cache";
import { NodeAnalyzer } from "../../node-analyzer";
import { readNodeCache } from "../../node-cache";
import { findNodeFiles } from "../../node-files";
import { fingerprintOf } from "../../scan-runs";
import { readFile } from "node:fs/promises";
import { parquetRead } from "hyparquet";
import { toArrayBuffer, type ParquetColumn } from "../../parquet";
import type { ColumnSpec, TableRow } from "../schema";

/**
 * `node_batches`: one row per worker batch line, the node cache's batch columns with the run key. The
 * metric columns are fixed (the parser's numeric batch fields, graph flags, batch index, derived input
 * rate) so every partition has one schema; a metric a line did not print is null. Metrics only some
 * engines print (vLLM/TRT-LLM extras) go to `extra_metrics` as JSON, so nothing is lost.
 */
const METRICS = [...BATCH_METRICS, "cudaGraph", "npuGraph", "cpuGraph", "batchIndex", DERIVED_INPUT_COLUMN] as const;
const FIXED = new Set<string>(METRICS);
const METRIC_NAMES = METRICS.map((metric) => [metric, snakeCase(metric)] as const);

export const NODE_BATCH_COLUMNS: ColumnSpec[] = [
  { name: "run_key", type: "STRING", doc: "joins `runs.run_key`" },
  { name: "node", type: "STRING", doc: "physical node (host) of the worker" },
  { name: "worker_type", type: "STRING", doc: "prefill, decode or agg" },
  { name: "worker_id", type: "STRING", doc: "worker within its role, e.g. w0" },
  { name: "batch_type", type: "STRING", doc: "prefill, decode or mixed" },
  { name: "timestamp", type: "DOUBLE", doc: "ms since epoch; null when the line had none" },
  { name: "line", type: "INT32", doc: "line number in the worker's log" },
  { name: "dp", type: "INT32", doc: "DP rank" },
  { name: "tp", type: "INT32", doc: "TP rank" },
  { name: "ep", type: "INT32", doc: "EP rank" },
  { name: "pp", type: "INT32", doc: "PP stage" },
  ...METRIC_NAMES.map(([metric, name]) => ({ name, type: "DOUBLE" as const, doc: `"${metric}" of the batch line` })),
  { name: "extra_metrics", type: "STRING", doc: "other metrics of the line as a JSON object (engine-specific); null when none" },
];

/** The fingerprint the node cache keys on: every worker log and config (path, size, mtime). */
export function workerFingerprint(runPath: string): string {
  return fingerprintOf(findNodeFiles(runPath).workers.flatMap((worker) => [...worker.logs, worker.config]));
}

/** A run's nodes for ingest: the node cache when it matches the logs (no reparse), else a parse that writes nothing. */
export async function nodesForIngest(runPath: string): Promise<NodeMetrics[]> {
  if (findNodeFiles(runPath).workers.length === 0) return [];
  return readNodeCache(runPath, workerFingerprint(runPath)) ?? new NodeAnalyzer().parseRunLogs(runPath, { cache: false });
}

const finite = (value: number) => (Number.isNaN(value) ? null : value);

type Cell = TableRow[string];
/** node_batches as columns, by name: a run's hundreds of thousands of rows cost ~1 GB as row objects. */
export type NodeBatchColumns = Record<string, Cell[]>;

export const emptyNodeBatchColumns = (): NodeBatchColumns => Object.fromEntries(NODE_BATCH_COLUMNS.map((c) => [c.name, []]));

/** Append one run's batches (every node, in order) to `out`; returns the rows added. */
export function appendNodeBatches(out: NodeBatchColumns, nodes: readonly NodeMetrics[], key: string): number {
  let added = 0;
  for (const node of nodes) {
    const b = node.batches;
    for (let i = 0; i < b.length; i++) {
      out.run_key.push(key), out.node.push(node.node), out.worker_type.push(node.workerType), out.worker_id.push(node.workerId);
      out.batch_type.push(BATCH_TYPES[b.batchType[i]]), out.timestamp.push(finite(b.ts[i])), out.line.push(b.line[i]);
      out.dp.push(b.dp[i]), out.tp.push(b.tp[i]), out.ep.push(b.ep[i]), out.pp.push(b.pp[i]);
      for (const [metric, name] of METRIC_NAMES) out[name].push(b.metrics[metric] ? finite(b.metrics[metric][i]) : null);
      out.extra_metrics.push(extrasOf(b, i));
    }
    added += b.length;
  }
  return added;
}

/**
 * The rows of a partition file minus the runs in `drop`, as columns, read a column chunk at a time (no
 * row objects). A column the file lacks (written by an older schema) is null.
 */
export async function keptNodeBatchColumns(file: string, rows: number, drop: ReadonlySet<string>): Promise<NodeBatchColumns> {
  const full: NodeBatchColumns = Object.fromEntries(NODE_BATCH_COLUMNS.map((c) => [c.name, new Array<Cell>(rows).fill(null)]));
  const onChunk = ({ columnName, columnData, rowStart }: { columnName: string; columnData: ArrayLike<unknown>; rowStart: number }) => {
    const target = full[columnName];
    if (target) for (let i = 0; i < columnData.length && rowStart + i < rows; i++) target[rowStart + i] = (columnData[i] ?? null) as Cell;
  };
  await parquetRead({ file: toArrayBuffer(await readFile(file)), onChunk });
  if (!full.run_key.some((key) => drop.has(String(key)))) return full;
  const keep = full.run_key.map((key) => !drop.has(String(key)));
  return Object.fromEntries(Object.entries(full).map(([name, data]) => [name, data.filter((_, i) => keep[i])]));
}

/** Columns in schema order, for the Parquet writer. */
export function nodeBatchParquetColumns(columns: NodeBatchColumns): ParquetColumn[] {
  return NODE_BATCH_COLUMNS.map(({ name, type }) => ({ name, type, data: columns[name] }));
}

function extrasOf(batches: BatchTable, i: number): string | null {
  const extra: Record<string, number> = {};
  for (const [metric, column] of Object.entries(batches.metrics)) if (!FIXED.has(metric) && !Number.isNaN(column[i])) extra[metric] = column[i];
  return Object.keys(extra).length > 0 ? JSON.stringify(extra) : null;
}

const num = (value: TableRow[string]) => (typeof value === "number" ? value : typeof value === "bigint" ? Number(value) : NaN);

function batchTable(rows: TableRow[]): BatchTable {
  const n = rows.length;
  const ints = (name: string) => Int32Array.from(rows, (row) => num(row[name]));
  const metrics: Record<string, Float64Array> = {};
  for (const [metric, name] of METRIC_NAMES) {
    // Only metrics some line printed, as the parser gives them.
    if (rows.some((row) => row[name] !== null && row[name] !== undefined)) metrics[metric] = Float64Array.from(rows, (row) => num(row[name]));
  }
  rows.forEach((row, i) => {
    if (typeof row.extra_metrics !== "string") return;
    for (const [metric, value] of Object.entries(JSON.parse(row.extra_metrics) as Record<string, number>)) (metrics[metric] ??= new Float64Array(n).fill(NaN))[i] = value;
  });
  return {
    length: n, ts: Float64Array.from(rows, (row) => num(row.timestamp)), line: ints("line"), dp: ints("dp"), tp: ints("tp"), ep: ints("ep"), pp: ints("pp"),
    batchType: Uint8Array.from(rows, (row) => Math.max(0, BATCH_TYPES.indexOf(row.batch_type as never))), metrics,
  };
}

/**
 * A run's nodes from its `node_batches` rows: batches only (memory snapshots, configs and log issues
 * stay with the source logs), enough for the Node Metrics and Rate Match charts.
 */
export function nodesFromRows(rows: readonly TableRow[]): NodeMetrics[] {
  const groups = new Map<string, TableRow[]>();
  for (const row of rows) {
    const key = `${row.node}\0${row.worker_type}\0${row.worker_id}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(row);
  }
  return [...groups.values()].map((group) => ({
    files: [], node: String(group[0].node), workerType: group[0].worker_type as WorkerType, workerId: String(group[0].worker_id),
    parallel: { tp: null, dp: null, ep: null, pp: null }, config: null, configFile: null,
    batches: batchTable(group), memory: [], issues: [], notes: [],
  }));
}
