import "server-only";
import path from "node:path";
import { concatBatchTables } from "../../parsers/worker-log/batch-table";
import { deriveInputThroughput } from "../../parsers/worker-log/derived-input";
import { deriveAppended, sliceRows } from "../live/batch-rows";
import type { NodeMetrics } from "../node-metrics";
import { buildNode, byWorker, type FileParse } from "./build-node";
import { checkTail, parseLogRange, type FileTail } from "./log-tail";
import type { WorkerFiles } from "./node-files";

/** Parsed nodes with, per node (same order), the tail of each of its logs. */
export interface NodeState {
  nodes: NodeMetrics[];
  tails: FileTail[][];
}

/** What an update read: bytes handed to the parser, and what happened to which log. */
export interface UpdateStats {
  bytesParsed: number;
  appended: string[];
  reparsed: { file: string; reason: string }[];
  added: string[];
  gone: string[];
}

export const emptyStats = (): UpdateStats => ({ bytesParsed: 0, appended: [], reparsed: [], added: [], gone: [] });
const keyOf = (n: { node: string; workerType: string; workerId: string }) => `${n.node}\0${n.workerType}\0${n.workerId}`;

/** One log of a node as it was: its rows, memory records and issues, cut out of the node by its tail's counts. */
interface Segment {
  parse: FileParse;
  tail: FileTail;
}

function segmentsOf(node: NodeMetrics, tails: FileTail[], runPath: string): Segment[] {
  let row = 0;
  let mem = 0;
  return tails.map((tail) => {
    const parse: FileParse = {
      path: path.join(runPath, tail.rel),
      table: sliceRows(node.batches, row, row + tail.rows),
      memory: node.memory.slice(mem, mem + tail.memory),
      issues: node.issues.filter((issue) => issue.file === tail.rel).map(({ line, message }) => ({ line: line ?? 0, message })),
      summary: summaryOf(tail),
    };
    row += tail.rows;
    mem += tail.memory;
    return { parse, tail };
  });
}

function summaryOf(tail: FileTail): FileParse["summary"] {
  const note = tail.offset === 0 ? "empty log: 0 bytes" : tail.records === 0 ? `no batch, memory or parallel-size lines in ${tail.lines} lines` : "";
  return { note, parallelSizes: tail.parallelSizes };
}

/** Bring one log's segment up to date: nothing, its appended lines, or all of it again. */
function updateSegment(file: string, rel: string, old: Segment | undefined, stats: UpdateStats, notes: string[]): Segment | null {
  const change = old ? checkTail(file, old.tail) : ({ kind: "reset", reason: "" } as const);
  if (change.kind === "same") return old!;
  if (change.kind === "gone") {
    stats.gone.push(rel);
    notes.push(`${rel} was deleted after it was parsed; its rows are kept from the last parse`);
    return old!;
  }
  const grown = change.kind === "grown";
  const range = parseLogRange(file, rel, grown ? old!.tail : null);
  if (!range) return old ?? null; // vanished between the check and the read: next poll sees it gone
  stats.bytesParsed += range.bytesParsed;
  if (grown) stats.appended.push(rel);
  else if (old) stats.reparsed.push({ file: rel, reason: change.reason });
  else stats.added.push(rel);
  if (!grown && old) notes.push(`${rel} ${change.reason}; parsed again from the start`);
  const before = grown ? old!.parse : null;
  const table = before ? concatBatchTables([before.table, deriveAppended(before.table, range.table)]) : deriveInputThroughput(range.table);
  const parse: FileParse = {
    path: file, table,
    memory: [...(before?.memory ?? []), ...range.memory],
    issues: [...(before?.issues ?? []), ...range.issues],
    summary: summaryOf(range.tail),
  };
  return { parse, tail: range.tail };
}

/** One worker brought up to date; its logs in the previous order, new logs after them. */
function updateWorker(runPath: string, worker: WorkerFiles, previous: NodeMetrics | null, old: Segment[], stats: UpdateStats): { node: NodeMetrics; tails: FileTail[] } {
  const notes: string[] = [];
  const current = new Map(worker.logs.map((f) => [f.rel, f]));
  const rels = [...old.map((s) => s.tail.rel), ...worker.logs.map((f) => f.rel).filter((rel) => !old.some((s) => s.tail.rel === rel))];
  const segments: Segment[] = [];
  let changed = rels.length !== old.length;
  for (const rel of rels) {
    const before = old.find((s) => s.tail.rel === rel);
    const segment = updateSegment(current.get(rel)?.path ?? path.join(runPath, rel), rel, before, stats, notes);
    if (segment) segments.push(segment);
    changed ||= segment !== before || notes.length > 0;
  }
  // Nothing of this worker changed: keep its node as it was (no copy, no config re-read). A config
  // dump written after the logs' last change (or another one) is read again.
  const lastLogWrite = Math.max(0, ...segments.map((s) => s.tail.mtimeMs));
  const configSame = previous?.configFile === (worker.config?.rel ?? null) && (worker.config === null || worker.config.mtimeMs <= lastLogWrite);
  if (!changed && previous && configSame) return { node: previous, tails: segments.map((s) => s.tail) };
  const logs = segments.map((s) => current.get(s.tail.rel) ?? { rel: s.tail.rel, path: s.parse.path, size: s.tail.offset, mtimeMs: s.tail.mtimeMs });
  const node = buildNode({ ...worker, logs }, segments.map((s) => s.parse), (file) => path.relative(runPath, file));
  node.notes.push(...notes);
  return { node, tails: segments.map((s) => s.tail) };
}

/**
 * Bring parsed nodes up to date with the logs on disk, parsing only what was appended to each log
 * (a log truncated, rotated or replaced is parsed again from its start). A worker whose logs are
 * all gone keeps its last parse, with a note; nothing parsed before is lost.
 */
export function updateNodes(runPath: string, workers: WorkerFiles[], previous: NodeState): { state: NodeState; stats: UpdateStats } {
  const stats = emptyStats();
  const before = new Map(previous.nodes.map((node, i) => [keyOf(node), { node, tails: previous.tails[i] }]));
  const out: { node: NodeMetrics; tails: FileTail[] }[] = [];
  for (const worker of workers) {
    const old = before.get(keyOf(worker));
    before.delete(keyOf(worker));
    out.push(updateWorker(runPath, worker, old?.node ?? null, old ? segmentsOf(old.node, old.tails, runPath) : [], stats));
  }
  for (const { node, tails } of before.values()) {
    stats.gone.push(...tails.map((t) => t.rel));
    const note = "every log of this worker is gone (deleted, or its directory removed); its rows are kept from the last parse";
    out.push({ node: { ...node, notes: node.notes.includes(note) ? node.notes : [...node.notes, note] }, tails });
  }
  out.sort((a, b) => byWorker(a.node, b.node));
  return { state: { nodes: out.map((o) => o.node), tails: out.map((o) => o.tails) }, stats };
}
