import "server-only";
import type { NodeMetrics, WorkerType } from "../../../node-metrics";
import { BATCH_METRICS, BATCH_TYPES, type BatchTable } from "../../../../parsers/worker-log/batch-table";
import { DERIVED_INPUT_COLUMN } from "../../../../parsers/worker-log/derived-input";
import { snakeCase } from "../../bench-cache";
import { NodeAnalyzer } from "../../node-analyzer";
import { readNodeCache } from "../../node-cache";
import { findNodeFiles } from "../../node-files";
import { fingerprintOf } from "../../scan-runs";
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

/** One row per batch of every node. */
export function nodeBatchRows(nodes: readonly NodeMetrics[], key: string): TableRow[] {
  const rows: TableRow[] = [];
  for (const node of nodes) {
    const b = node.batches;
    for (let i = 0; i < b.length; i++) {
      const row: TableRow = {
        run_key: key, node: node.node, worker_type: node.workerType, worker_id: node.workerId, batch_type: BATCH_TYPES[b.batchType[i]],
        timestamp: finite(b.ts[i]), line: b.line[i], dp: b.dp[i], tp: b.tp[i], ep: b.ep[i], pp: b.pp[i],
      };
      for (const [metric, name] of METRIC_NAMES) row[name] = b.metrics[metric] ? finite(b.metrics[metric][i]) : null;
      row.extra_metrics = extrasOf(b, i);
      rows.push(row);
    }
  }
  return rows;
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
