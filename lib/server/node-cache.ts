import "server-only";
import { rename, unlink } from "node:fs/promises";
import path from "node:path";
import { fileWriter, ParquetWriter, schemaFromColumnData } from "hyparquet-writer";
import { BATCH_TYPES } from "../../parsers/worker-log/batch-table";
import type { MemoryRecord } from "../../parsers/worker-log";
import type { NodeMetrics, NodeSummary } from "../node-metrics";
import { summariseNode } from "../node-metrics";
import { snakeCase } from "./bench-cache";
import { cacheCandidates, findValidCache, writeCacheFile } from "./cache-dir";
import type { FileTail } from "./log-tail";
import { readParquetKv } from "./parquet";
import { BATCH_COLUMNS_FILE, forEachBatchTable, readBatchColumns, writeBatchColumns } from "./batch-columns-file";

/**
 * Bump when log parsing changes what a log yields: caches written before are rebuilt. 3: the `pp`
 * column, batch-index lines, derived input throughput, ranks seen in the footer; parallel sizes from
 * vLLM/TRT-LLM flags, and config dumps given only to the role they prove.
 */
export const NODE_PARSER_VERSION = "3";
export const NODE_CACHE_FILE = "node_metrics.parquet";
const TAILS_KEY = "srtlog.tails";

const MEMORY_FIELDS = ["availMemGb", "memUsageGb", "kvSizeGb", "kSizeGb", "vSizeGb", "numTokens", "elapsedS"] as const;

/** What the footer carries besides the fingerprint: every node without its batch columns. */
type FooterNode = NodeSummary & { config: NodeMetrics["config"] };

function metricNames(nodes: readonly NodeMetrics[]): string[] {
  const names = new Set<string>();
  for (const node of nodes) for (const name of Object.keys(node.batches.metrics)) names.add(name);
  return [...names];
}

/** The rows of one node: its batches, then its memory snapshots (`metric_type` = `memory.<event>`). */
function nodeColumns(node: Pick<NodeMetrics, "node" | "workerType" | "workerId" | "batches" | "memory">, metrics: string[]) {
  const { batches, memory } = node;
  const n = batches.length + memory.length;
  const fill = <T>(value: T) => new Array<T>(n).fill(value);
  const numbers = (batchPart: ArrayLike<number> | undefined, memoryPart: (m: MemoryRecord) => number | undefined) => {
    const out = new Float64Array(n).fill(NaN);
    if (batchPart) out.set(batchPart as Float64Array, 0);
    memory.forEach((m, i) => (out[batches.length + i] = memoryPart(m) ?? NaN));
    return out;
  };
  const ints = (batchPart: Int32Array, memoryPart: (m: MemoryRecord) => number) => {
    const out = new Int32Array(n);
    out.set(batchPart, 0);
    memory.forEach((m, i) => (out[batches.length + i] = memoryPart(m)));
    return out;
  };
  const types = Array.from(batches.batchType, (t) => BATCH_TYPES[t] as string).concat(memory.map((m) => `memory.${m.event}`));
  return [
    { name: "node", type: "STRING", data: fill(node.node) },
    { name: "worker_type", type: "STRING", data: fill(node.workerType) },
    { name: "worker_id", type: "STRING", data: fill(node.workerId) },
    { name: "dp", type: "INT32", data: ints(batches.dp, (m) => m.dp) },
    { name: "tp", type: "INT32", data: ints(batches.tp, (m) => m.tp) },
    { name: "ep", type: "INT32", data: ints(batches.ep, (m) => m.ep) },
    { name: "pp", type: "INT32", data: ints(batches.pp, (m) => m.pp) },
    { name: "timestamp", type: "DOUBLE", data: numbers(batches.ts, (m) => m.ts ?? undefined) },
    { name: "metric_type", type: "STRING", data: types },
    { name: "line", type: "INT32", data: ints(batches.line, (m) => m.line) },
    ...metrics.map((name) => ({ name: snakeCase(name), type: "DOUBLE", data: numbers(batches.metrics[name], () => undefined) })),
    ...MEMORY_FIELDS.map((name) => ({ name: snakeCase(name), type: "DOUBLE", data: numbers(undefined, (m) => m[name]) })),
  ] as { name: string; type: "STRING" | "INT32" | "DOUBLE"; data: ArrayLike<unknown> }[];
}

/** What a Parquet row group needs of a node. */
type NodeRows = Pick<NodeMetrics, "node" | "workerType" | "workerId" | "batches" | "memory">;
type NodeSource = (visit: (node: NodeRows) => void) => Promise<void> | void;

const EMPTY: NodeRows["batches"] = { length: 0, ts: new Float64Array(), line: new Int32Array(), dp: new Int32Array(), tp: new Int32Array(), ep: new Int32Array(), pp: new Int32Array(), batchType: new Uint8Array(), metrics: {} };

/** Write nodes' batches and memory records as one Parquet table, a row group per node, as they come. */
async function writeNodeParquet(file: string, metrics: string[], source: NodeSource, kv: Record<string, string>): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const shape = nodeColumns({ node: "", workerType: "agg", workerId: "", batches: EMPTY, memory: [] }, metrics);
    const schema = schemaFromColumnData({ columnData: shape.map((c) => ({ name: c.name, type: c.type, data: [], nullable: false })) });
    const kvMetadata = Object.entries(kv).map(([key, value]) => ({ key, value }));
    const writer = new ParquetWriter({ writer: fileWriter(temp), schema, codec: "SNAPPY", statistics: false, kvMetadata, createdBy: "srtlog" });
    await source((node) => {
      const columns = nodeColumns(node, metrics);
      // nullable: false skips definition levels (NaN stands for missing): 40% faster to write.
      if (columns[0].data.length > 0) writer.write({ columnData: columns.map((c) => ({ name: c.name, data: c.data as never, nullable: false })), rowGroupSize: 1 << 30 });
    });
    writer.finish();
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}

/** What the Parquet step needs once the raw columns are on disk; small enough to post to a thread. */
export interface ParquetJob {
  runPath: string;
  columnsFile: string;
  metrics: string[];
  kv: Record<string, string>;
}

/**
 * First half of saving a run's nodes: the raw columns (a fast write) and the job that turns them into
 * node_metrics.parquet. The job can run anywhere; it reads one node's columns at a time from disk.
 */
export async function writeNodeColumns(runPath: string, fingerprint: string, nodes: readonly NodeMetrics[], tails?: FileTail[][]): Promise<ParquetJob | null> {
  if (nodes.length === 0) return null;
  const stamp = `${NODE_PARSER_VERSION}:${fingerprint}`;
  const columnsFile = await writeCacheFile(runPath, BATCH_COLUMNS_FILE, async (file) => writeBatchColumns(file, stamp, nodes.map((node) => node.batches)));
  const footer: FooterNode[] = nodes.map((node) => ({ ...summariseNode(node), config: node.config }));
  const kv: Record<string, string> = { "srtlog.parser_version": NODE_PARSER_VERSION, "srtlog.fingerprint": fingerprint, "srtlog.nodes": JSON.stringify(footer) };
  // How far each log was parsed: the next parse of a grown log starts there (see node-update.ts).
  if (tails) kv[TAILS_KEY] = JSON.stringify(tails);
  return { runPath, columnsFile, metrics: metricNames(nodes), kv };
}

/** Second half: node_metrics.parquet from the raw columns file and the footer. */
export async function writeNodeParquetJob(job: ParquetJob): Promise<void> {
  const footer = JSON.parse(job.kv["srtlog.nodes"]) as FooterNode[];
  const source: NodeSource = (visit) => forEachBatchTable(job.columnsFile, (batches, i) => visit({ ...footer[i], batches }));
  await writeCacheFile(job.runPath, NODE_CACHE_FILE, (file) => writeNodeParquet(file, job.metrics, source, job.kv));
}

/** Save parsed nodes with the fingerprint of the files they came from: raw columns, then the Parquet. */
export async function writeNodeCache(runPath: string, fingerprint: string, nodes: readonly NodeMetrics[], tails?: FileTail[][]): Promise<void> {
  const job = await writeNodeColumns(runPath, fingerprint, nodes, tails);
  if (job) await writeNodeParquetJob(job);
}

/** Every node with its batches from a valid cache; null when the cache is missing or stale. */
export function readNodeCache(runPath: string, fingerprint: string): NodeMetrics[] | null {
  const footer = readNodeCacheFooter(runPath, fingerprint);
  if (!footer) return null;
  const tables = readBatchColumns(path.join(path.dirname(footer.file), BATCH_COLUMNS_FILE), `${NODE_PARSER_VERSION}:${fingerprint}`);
  if (!tables || tables.length !== footer.nodes.length) return null;
  return toNodes(footer.nodes, tables);
}

/** The footer of a valid cache: nodes without batches, and the file they came from. */
export function readNodeCacheFooter(runPath: string, fingerprint: string): { file: string; nodes: FooterNode[] } | null {
  const cache = findValidCache(runPath, NODE_CACHE_FILE, NODE_PARSER_VERSION, fingerprint);
  if (!cache) return null;
  try {
    return { file: cache.file, nodes: JSON.parse(cache.kv["srtlog.nodes"]) as FooterNode[] };
  } catch {
    return null;
  }
}

function toNodes(footer: FooterNode[], tables: NodeMetrics["batches"][]): NodeMetrics[] {
  return footer.map(({ prefillBatches: _p, decodeBatches: _d, mixedBatches: _m, memorySnapshots: _s, ranks: _r, ...node }, i) => ({ ...node, batches: tables[i] }));
}

/**
 * The last cache written by this parser version, whatever logs it came from, with how far each log
 * was parsed: the start of an incremental update. Null when there is none, it has no tails (written
 * before they were kept) or its columns file belongs to another write.
 */
export function readNodeCacheState(runPath: string): { nodes: NodeMetrics[]; tails: FileTail[][] } | null {
  for (const file of cacheCandidates(runPath, NODE_CACHE_FILE)) {
    try {
      const kv = readParquetKv(file);
      if (kv["srtlog.parser_version"] !== NODE_PARSER_VERSION || !kv[TAILS_KEY]) continue;
      const footer = JSON.parse(kv["srtlog.nodes"]) as FooterNode[];
      const tails = JSON.parse(kv[TAILS_KEY]) as FileTail[][];
      const tables = readBatchColumns(path.join(path.dirname(file), BATCH_COLUMNS_FILE), `${NODE_PARSER_VERSION}:${kv["srtlog.fingerprint"]}`);
      if (tables && tables.length === footer.length && tails.length === footer.length) return { nodes: toNodes(footer, tables), tails };
    } catch {
      // Missing or unreadable: a full parse rebuilds it.
    }
  }
  return null;
}
