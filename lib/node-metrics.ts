import type { BatchTable } from "../parsers/worker-log/batch-table";
import { countBatchTypes } from "../parsers/worker-log/batch-table";
import type { MemoryRecord } from "../parsers/worker-log";
import type { NodeConfig } from "../parsers/node-config";

export type WorkerType = "prefill" | "decode" | "agg";

/** Something wrong with one file of a node, with the line where there is one. */
export interface NodeIssue {
  file: string;
  line: number | null;
  message: string;
}

/** One worker (one `<node>_<role>_w<i>` log, `.err` and `.out` merged) and what its logs say. */
export interface NodeMetrics {
  /** Log files read, relative to the run directory. */
  files: string[];
  node: string;
  workerType: WorkerType;
  workerId: string;
  /** Parallel sizes from the node config, else from the log's ServerArgs dump or command line. */
  parallel: { tp: number | null; dp: number | null; ep: number | null; pp: number | null };
  config: NodeConfig | null;
  configFile: string | null;
  batches: BatchTable;
  memory: MemoryRecord[];
  issues: NodeIssue[];
  /** Plain-language notes, e.g. "no batch lines in cn02_decode_w0.out". */
  notes: string[];
}

/** The distinct ranks a node's batch rows carry, ascending: a script can check a parse with them. */
export interface RanksSeen {
  dp: number[];
  tp: number[];
  ep: number[];
  pp: number[];
}

/** A node without its batches: what the CLI and the node list need, read from the cache footer. */
export type NodeSummary = Omit<NodeMetrics, "batches" | "config"> & {
  prefillBatches: number;
  decodeBatches: number;
  mixedBatches: number;
  memorySnapshots: number;
  ranks: RanksSeen;
};

function distinct(column: Int32Array): number[] {
  const seen = new Set<number>();
  // A rank repeats for long stretches of a log: comparing with the last value skips almost every Set
  // lookup (3.2M rows x 4 columns was ~0.1 s of a big run's summary on the main thread).
  let last = Number.NaN;
  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    if (value === last) continue;
    last = value;
    seen.add(value);
  }
  return [...seen].sort((a, b) => a - b);
}

/** The ranks seen in a table's rows. */
export function ranksSeen(batches: BatchTable): RanksSeen {
  return { dp: distinct(batches.dp), tp: distinct(batches.tp), ep: distinct(batches.ep), pp: distinct(batches.pp) };
}

/** Counts of a node's records, for summaries. */
export function summariseNode(node: NodeMetrics): NodeSummary {
  const { batches, config: _config, ...rest } = node;
  const counts = countBatchTypes(batches);
  return {
    ...rest, prefillBatches: counts.prefill, decodeBatches: counts.decode, mixedBatches: counts.mixed,
    memorySnapshots: node.memory.length, ranks: ranksSeen(batches),
  };
}

/** Nodes of one kind, as the guide's `get_prefill_nodes` / `get_decode_nodes`. */
export function nodesOfType<T extends { workerType: WorkerType }>(nodes: readonly T[], type: WorkerType): T[] {
  return nodes.filter((node) => node.workerType === type);
}
