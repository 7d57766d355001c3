import { downsampleMinMax, roundSignificant } from "./downsample";
import { firstTimestamp, metricSeries, rateMatch, type Aggregation, type Combine, type NodeBatches, type Series } from "./node-aggregate";
import { lineKey, nodeLineKeys } from "./node-charts";
import type { NodeMetrics, WorkerType } from "./node-metrics";
import type { RunWindows } from "./windows";

/**
 * What the Node Metrics and Rate Match tabs send the browser for a run: plain arrays of per-second
 * averages, each line cut to a point budget that keeps its peaks and dips. The full rows stay in the
 * run's node_metrics.parquet.
 */

/** Points per line sent to the browser: ~2 px per point on a wide chart, ~12 bytes each in JSON. */
export const LINE_POINT_BUDGET = 1000;

/** One drawn line: x in seconds since the run's first record. */
export interface NodeLine {
  label: string;
  x: number[];
  y: number[];
}

/** How much downsampling happened, for the note under the charts. */
export interface DownsampleStats {
  lines: number;
  /** Lines that had more points than the budget. */
  downsampled: number;
  /** Points of the longest line before downsampling. */
  largest: number;
  budget: number;
}

/** Lines of one run in one aggregation mode, by `lineKey(role, metric)`. */
export type NodeLines = Record<string, NodeLine[]>;

export const emptyStats = (budget = LINE_POINT_BUDGET): DownsampleStats => ({ lines: 0, downsampled: 0, largest: 0, budget });

/** Merge the downsampling figures of several runs or charts. */
export function addStats(a: DownsampleStats, b: DownsampleStats): DownsampleStats {
  return { lines: a.lines + b.lines, downsampled: a.downsampled + b.downsampled, largest: Math.max(a.largest, b.largest), budget: a.budget };
}

/** A series as drawn: scaled, cut to the budget, values rounded to what a chart can show. */
function drawn(series: Series, budget: number, stats: DownsampleStats, scale = 1): NodeLine {
  const n = series.x.length;
  stats.lines++;
  stats.largest = Math.max(stats.largest, n);
  if (n > budget) stats.downsampled++;
  const line = downsampleMinMax(series, budget);
  return { label: series.label, x: line.x, y: line.y.map((v) => roundSignificant(v * scale)) };
}

/** Every line the Node Metrics tab draws for a run's workers, in one aggregation mode. */
export function buildNodeLines(nodes: readonly NodeBatches[], mode: Aggregation, budget = LINE_POINT_BUDGET): { lines: NodeLines; stats: DownsampleStats } {
  const t0 = firstTimestamp(nodes);
  const stats = emptyStats(budget);
  const lines: NodeLines = {};
  if (t0 === null) return { lines, stats };
  const byRole = new Map<WorkerType, NodeBatches[]>();
  for (const node of nodes) byRole.set(node.workerType, [...(byRole.get(node.workerType) ?? []), node]);
  for (const { role, metric, percent } of nodeLineKeys()) {
    const workers = byRole.get(role);
    if (!workers) continue;
    // A utilisation does not add up across nodes: in sum mode the KV cache charts stay averaged, and say so.
    const averaged = mode === "sum" && percent;
    const series = metricSeries(workers, metric, averaged ? "all" : mode, t0).map((s) => (averaged ? { ...s, label: "all nodes (mean)" } : s));
    if (series.length > 0) lines[lineKey(role, metric)] = series.map((s) => drawn(s, budget, stats, percent ? 100 : 1));
  }
  return { lines, stats };
}

/** Prefill input against decode generation, both in tokens/s and (when ISL and OSL are known) requests/s. */
export interface RateLines {
  tokens: { prefill: NodeLine; decode: NodeLine };
  requests: { prefill: NodeLine; decode: NodeLine } | null;
  stats: DownsampleStats;
}

/** Rate match lines of a disaggregated run, averaged per node or summed; null when it has no prefill or no decode records. */
export function buildRateLines(nodes: readonly NodeBatches[], isl: number | null, osl: number | null, budget = LINE_POINT_BUDGET, how: Combine = "mean"): RateLines | null {
  const tokens = rateMatch(nodes, "tokens/s", null, null, how);
  if (tokens === null) return null;
  const stats = emptyStats(budget);
  const requests = rateMatch(nodes, "requests/s", isl, osl, how);
  const pair = (match: NonNullable<typeof tokens>) => ({ prefill: drawn(match.prefill, budget, stats), decode: drawn(match.decode, budget, stats) });
  return { tokens: pair(tokens), requests: requests && pair(requests), stats };
}

/** What the worker-log parsers take batch metrics from. */
export const BATCH_LINE_PATTERNS = 'SGLang "Prefill batch, …" / "Decode batch, …" lines, TRT-LLM iteration stats or vLLM "Avg prompt throughput: …" lines';

/** One note per worker whose logs hold no batch line: its charts would be empty, so say why instead. */
export function silentWorkerNotes(nodes: readonly Pick<NodeMetrics, "node" | "workerType" | "workerId" | "files" | "batches">[]): string[] {
  return nodes
    .filter((node) => node.batches.length === 0)
    .map((node) => `${node.workerType} worker ${node.node} ${node.workerId} logged no batch lines in ${node.files.join(", ")} (looked for ${BATCH_LINE_PATTERNS}).`);
}

/** Workers of each kind. */
export function workerCounts(nodes: readonly { workerType: WorkerType }[]): Record<WorkerType, number> {
  const counts: Record<WorkerType, number> = { prefill: 0, decode: 0, agg: 0 };
  for (const node of nodes) counts[node.workerType]++;
  return counts;
}

/** A selected run as the node tabs name it. */
export interface NodeRunRef {
  runDir: string;
  jobId: string;
  /** `3667 | 1P/4D | 8+32 GPUs`: leads every line name of the run. */
  label: string;
}

/** A run on the Node Metrics tab: drawn, still loading (with the id to poll), failed, or without worker logs. */
export type RunNodeView =
  | { state: "ready"; run: NodeRunRef; counts: Record<WorkerType, number>; lines: NodeLines; notes: string[]; stats: DownsampleStats; windows: RunWindows }
  | { state: "loading"; run: NodeRunRef; loadId: string }
  | { state: "failed"; run: NodeRunRef; message: string }
  | { state: "no-logs"; run: NodeRunRef; message: string };

/** A run on the Rate Match tab. */
export type RunRateView =
  | { state: "ready"; run: NodeRunRef; counts: Record<WorkerType, number>; rate: RateLines | null; notes: string[]; windows: RunWindows }
  | { state: "loading"; run: NodeRunRef; loadId: string }
  | { state: "failed"; run: NodeRunRef; message: string }
  | { state: "no-logs"; run: NodeRunRef; message: string };

/** Workers of each kind over the ready runs, and how many runs have them. */
export function tallyWorkers(runs: readonly { counts: Record<WorkerType, number> }[]): Record<WorkerType, { workers: number; runs: number }> {
  const tally = { prefill: { workers: 0, runs: 0 }, decode: { workers: 0, runs: 0 }, agg: { workers: 0, runs: 0 } };
  for (const { counts } of runs) {
    for (const role of ["prefill", "decode", "agg"] as const) {
      tally[role].workers += counts[role];
      if (counts[role] > 0) tally[role].runs++;
    }
  }
  return tally;
}

/** "Found 1 prefill node, 4 decode nodes and 8 aggregated nodes in 2 runs", naming only kinds present. */
export function foundNodesText(tally: Record<WorkerType, { workers: number }>, runs: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const kinds = (["prefill", "decode", "agg"] as const)
    .filter((role) => tally[role].workers > 0)
    .map((role) => plural(tally[role].workers, `${role === "agg" ? "aggregated" : role} node`));
  if (kinds.length === 0) return `No worker nodes with logs in ${plural(runs, "run")}`;
  const list = kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(", ")} and ${kinds.at(-1)}`;
  return `Found ${list} in ${plural(runs, "run")}`;
}
