import type { BatchTable } from "../../parsers/worker-log/batch-table";
import type { NodeMetrics } from "../node-metrics";

/** One worker's latest state, as `srtlog nodes --follow` shows it. */
export interface FollowRow {
  worker: string;
  /** ISO time of the worker's newest batch line; null before its first. */
  lastBatch: string | null;
  batches: number;
  /** Summed over the ranks' latest lines (each DP rank prints its own). */
  runningReq: number | null;
  queueReq: number | null;
  /** Highest of the ranks' latest values (0..1). */
  tokenUsage: number | null;
  /** Summed over the ranks' latest decode lines. */
  genThroughput: number | null;
  notes: string[];
}

/** Rows scanned back from the end for each rank's latest line: bounds the cost on huge tables. */
const LOOK_BACK = 20_000;
const DECODE = 1;

/** The latest row of each rank (pipeline stage 0 only: every stage prints the same batch). */
function latestPerRank(table: BatchTable, keep: (row: number) => boolean): number[] {
  const seen = new Map<string, number>();
  for (let i = table.length - 1; i >= Math.max(0, table.length - LOOK_BACK); i--) {
    if (table.pp[i] !== 0 || !keep(i)) continue;
    const key = `${table.dp[i]},${table.tp[i]},${table.ep[i]}`;
    if (!seen.has(key)) seen.set(key, i);
  }
  return [...seen.values()];
}

function combine(column: Float64Array | undefined, rows: number[], how: "sum" | "max"): number | null {
  if (!column) return null;
  const values = rows.map((r) => column[r]).filter((v) => !Number.isNaN(v));
  if (values.length === 0) return null;
  return how === "sum" ? values.reduce((a, b) => a + b, 0) : Math.max(...values);
}

/** Each worker's latest batch figures, for a live table. */
export function followRows(nodes: readonly NodeMetrics[]): FollowRow[] {
  return nodes.map((node) => {
    const t = node.batches;
    let last = -Infinity;
    // NaN (a line without a time) never compares greater.
    for (let i = 0; i < t.length; i++) if (t.ts[i] > last) last = t.ts[i];
    const latest = latestPerRank(t, () => true);
    const decodes = latestPerRank(t, (i) => t.batchType[i] === DECODE);
    return {
      worker: `${node.node} ${node.workerType} ${node.workerId}`,
      lastBatch: last === -Infinity ? null : new Date(last).toISOString(),
      batches: t.length,
      runningReq: combine(t.metrics.runningReq, latest, "sum"),
      queueReq: combine(t.metrics.queueReq, latest, "sum"),
      tokenUsage: combine(t.metrics.tokenUsage, latest, "max"),
      genThroughput: combine(t.metrics.genThroughput, decodes, "sum"),
      notes: node.notes,
    };
  });
}
