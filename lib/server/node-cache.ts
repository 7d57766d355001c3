import "server-only";
import { readFileSync } from "node:fs";
import { rename, unlink } from "node:fs/promises";
import path from "node:path";
import { fileWriter, ParquetWriter, schemaFromColumnData } from "hyparquet-writer";
import { BATCH_TYPES } from "../../parsers/worker-log/batch-table";
import type { MemoryRecord } from "../../parsers/worker-log";
import type { NodeMetrics, NodeSummary } from "../node-metrics";
import { summariseNode } from "../node-metrics";
import { snakeCase } from "./bench-cache";
import { cacheCandidates, writeCacheFile } from "./cache-dir";
import { parquetKv, toArrayBuffer } from "./parquet";
import { BATCH_COLUMNS_FILE, readBatchColumns, writeBatchColumns } from "./batch-columns-file";

/** Bump when log parsing changes what a log yields: caches written before are rebuilt. */
export const NODE_PARSER_VERSION = "1";
export const NODE_CACHE_FILE = "node_metrics.parquet";

const MEMORY_FIELDS = ["availMemGb", "memUsageGb", "kvSizeGb", "kSizeGb", "vSizeGb", "numTokens", "elapsedS"] as const;

/** What the footer carries besides the fingerprint: every node without its batch columns. */
type FooterNode = NodeSummary & { config: NodeMetrics["config"] };

function metricNames(nodes: readonly NodeMetrics[]): string[] {
  const names = new Set<string>();
  for (const node of nodes) for (const name of Object.keys(node.batches.metrics)) names.add(name);
  return [...names];
}

/** The rows of one node: its batches, then its memory snapshots (`metric_type` = `memory.<event>`). */
function nodeColumns(node: NodeMetrics, metrics: string[]) {
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
    { name: "timestamp", type: "DOUBLE", data: numbers(batches.ts, (m) => m.ts ?? undefined) },
    { name: "metric_type", type: "STRING", data: types },
    { name: "line", type: "INT32", data: ints(batches.line, (m) => m.line) },
    ...metrics.map((name) => ({ name: snakeCase(name), type: "DOUBLE", data: numbers(batches.metrics[name], () => undefined) })),
    ...MEMORY_FIELDS.map((name) => ({ name: snakeCase(name), type: "DOUBLE", data: numbers(undefined, (m) => m[name]) })),
  ] as { name: string; type: "STRING" | "INT32" | "DOUBLE"; data: ArrayLike<unknown> }[];
}

/** Write every node's batches and memory records as one Parquet table, a row group per node. */
async function writeNodeParquet(file: string, nodes: readonly NodeMetrics[], kv: Record<string, string>): Promise<void> {
  const metrics = metricNames(nodes);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const first = nodeColumns(nodes[0], metrics);
    const schema = schemaFromColumnData({ columnData: first.map((c) => ({ name: c.name, type: c.type, data: [], nullable: false })) });
    const kvMetadata = Object.entries(kv).map(([key, value]) => ({ key, value }));
    const writer = new ParquetWriter({ writer: fileWriter(temp), schema, codec: "SNAPPY", statistics: false, kvMetadata, createdBy: "srtlog" });
    for (const node of nodes) {
      const columns = node === nodes[0] ? first : nodeColumns(node, metrics);
      // nullable: false skips definition levels (NaN stands for missing): 40% faster to write.
      if (columns[0].data.length > 0) writer.write({ columnData: columns.map((c) => ({ name: c.name, data: c.data as never, nullable: false })), rowGroupSize: 1 << 30 });
    }
    writer.finish();
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}

/** Save parsed nodes with the fingerprint of the files they came from: raw columns, then the Parquet. */
export async function writeNodeCache(runPath: string, fingerprint: string, nodes: readonly NodeMetrics[]): Promise<void> {
  if (nodes.length === 0) return;
  const stamp = `${NODE_PARSER_VERSION}:${fingerprint}`;
  await writeCacheFile(runPath, BATCH_COLUMNS_FILE, async (file) => writeBatchColumns(file, stamp, nodes.map((node) => node.batches)));
  const footer: FooterNode[] = nodes.map((node) => ({ ...summariseNode(node), config: node.config }));
  const kv = { "srtlog.parser_version": NODE_PARSER_VERSION, "srtlog.fingerprint": fingerprint, "srtlog.nodes": JSON.stringify(footer) };
  await writeCacheFile(runPath, NODE_CACHE_FILE, (file) => writeNodeParquet(file, nodes, kv));
}

/** Every node with its batches from a valid cache; null when the cache is missing or stale. */
export function readNodeCache(runPath: string, fingerprint: string): NodeMetrics[] | null {
  const footer = readNodeCacheFooter(runPath, fingerprint);
  if (!footer) return null;
  const tables = readBatchColumns(path.join(path.dirname(footer.file), BATCH_COLUMNS_FILE), `${NODE_PARSER_VERSION}:${fingerprint}`);
  if (!tables || tables.length !== footer.nodes.length) return null;
  return footer.nodes.map(({ prefillBatches: _p, decodeBatches: _d, mixedBatches: _m, memorySnapshots: _s, ...node }, i) => ({ ...node, batches: tables[i] }));
}

/** The footer of a valid cache: nodes without batches, and the file to read batches from. */
export function readNodeCacheFooter(runPath: string, fingerprint: string): { file: string; nodes: FooterNode[] } | null {
  for (const file of cacheCandidates(runPath, NODE_CACHE_FILE)) {
    let buffer: ArrayBuffer;
    try {
      buffer = toArrayBuffer(readFileSync(file));
    } catch {
      continue;
    }
    try {
      const kv = parquetKv(buffer);
      if (kv["srtlog.parser_version"] !== NODE_PARSER_VERSION || kv["srtlog.fingerprint"] !== fingerprint) continue;
      return { file, nodes: JSON.parse(kv["srtlog.nodes"]) as FooterNode[] };
    } catch {
      void unlink(file).catch(() => {});
    }
  }
  return null;
}
