import type { BatchTable } from "../parsers/worker-log/batch-table";
import type { WorkerType } from "./node-metrics";

/** The parts of a node the aggregations need (NodeMetrics has them). */
export interface NodeBatches {
  node: string;
  workerType: WorkerType;
  workerId: string;
  batches: BatchTable;
}

/** One line of a chart: x in seconds since the run's first record. */
export interface Series {
  label: string;
  x: number[];
  y: number[];
}

export type Aggregation = "individual" | "dp" | "all" | "sum";

/** How a role's nodes become one line: averaged per node, or summed to the cluster's total. */
export type Combine = "mean" | "sum";

/** Earliest timestamp (ms) of any batch of any node; null when none has one. */
export function firstTimestamp(nodes: readonly NodeBatches[]): number | null {
  let first = Infinity;
  for (const { batches } of nodes) for (let i = 0; i < batches.length; i++) if (batches.ts[i] < first) first = batches.ts[i];
  return first === Infinity ? null : first;
}

/** Past this many seconds between a run's first and last record, per-second sums go in a Map, not arrays. */
const MAX_DENSE_SECONDS = 5_000_000;

/** Per-second sums and counts of one line. */
interface Accumulator {
  add(second: number, value: number): void;
  result(): { x: number[]; y: number[] };
}

/** Typed arrays indexed by second: one pass over millions of rows without a Map lookup or tuple per row. */
function denseAccumulator(first: number, span: number): Accumulator {
  const sums = new Float64Array(span);
  const counts = new Uint32Array(span);
  return {
    add(second, value) {
      sums[second - first] += value;
      counts[second - first]++;
    },
    result() {
      const x: number[] = [];
      const y: number[] = [];
      for (let i = 0; i < span; i++) {
        if (counts[i] > 0) {
          x.push(first + i);
          y.push(sums[i] / counts[i]);
        }
      }
      return { x, y };
    },
  };
}

/** For a run whose timestamps span months (a bad clock): only the seconds that have values. */
function sparseAccumulator(): Accumulator {
  const sums = new Map<number, [number, number]>();
  return {
    add(second, value) {
      const bucket = sums.get(second);
      if (bucket) {
        bucket[0] += value;
        bucket[1]++;
      } else sums.set(second, [value, 1]);
    },
    result() {
      const seconds = [...sums.keys()].sort((a, b) => a - b);
      return { x: seconds, y: seconds.map((s) => sums.get(s)![0] / sums.get(s)![1]) };
    },
  };
}

/** First and last whole second (since t0) of the rows that have a timestamp, over nodes that log the metric. */
function secondsRange(nodes: readonly NodeBatches[], metric: string, t0: number): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const { batches } of nodes) {
    if (!batches.metrics[metric]) continue;
    for (let i = 0; i < batches.length; i++) {
      const ts = batches.ts[i];
      if (ts < lo) lo = ts;
      if (ts > hi) hi = ts;
    }
  }
  return lo === Infinity ? null : [Math.floor((lo - t0) / 1000), Math.floor((hi - t0) / 1000)];
}

/**
 * True when the rows come from several pipeline stages, PP0 among them. Every PP rank prints the
 * same batch, so aggregations keep PP0's copy only (as srt-slurm's batch plots do): a batch then
 * counts once, and the later stages' lines, which may lack fields, do not pull means down.
 */
export function hasPipelineCopies(batches: BatchTable): boolean {
  let sawZero = false;
  let sawOther = false;
  for (let i = 0; i < batches.length && !(sawZero && sawOther); i++) {
    if (batches.pp[i] === 0) sawZero = true;
    else sawOther = true;
  }
  return sawZero && sawOther;
}

/**
 * Mean of a metric's values in each whole second, one line per group (`groupOf(node index, row)`),
 * in row order. Rows without a value or a timestamp are skipped, and so are the PP copies of a batch
 * (see `hasPipelineCopies`).
 */
function meansPerSecond(nodes: readonly NodeBatches[], metric: string, t0: number, groupOf: (node: number, row: number) => number): Map<number, { x: number[]; y: number[] }> {
  const range = secondsRange(nodes, metric, t0);
  const groups = new Map<number, Accumulator>();
  if (range === null) return new Map();
  const span = range[1] - range[0] + 1;
  const create = () => (span <= MAX_DENSE_SECONDS ? denseAccumulator(range[0], span) : sparseAccumulator());
  // Consecutive rows mostly share a group: remember the last one rather than look it up per row.
  let lastGroup = NaN;
  let last: Accumulator | undefined;
  nodes.forEach(({ batches }, n) => {
    const column = batches.metrics[metric];
    if (!column) return;
    const pp = hasPipelineCopies(batches) ? batches.pp : null;
    for (let i = 0; i < batches.length; i++) {
      const value = column[i];
      const ts = batches.ts[i];
      if (Number.isNaN(value) || Number.isNaN(ts) || (pp !== null && pp[i] !== 0)) continue;
      const group = groupOf(n, i);
      if (group !== lastGroup) {
        last = groups.get(group);
        if (!last) groups.set(group, (last = create()));
        lastGroup = group;
      }
      last!.add(Math.floor((ts - t0) / 1000), value);
    }
  });
  return new Map([...groups].map(([group, accumulator]) => [group, accumulator.result()]));
}

/** One line averaging every node's values per second. */
function meanOfAll(nodes: readonly NodeBatches[], metric: string, t0: number): { x: number[]; y: number[] } {
  return meansPerSecond(nodes, metric, t0, () => 0).get(0) ?? { x: [], y: [] };
}

/** A worker that logged within this many seconds still counts at its last value in a sum (batch lines come every few seconds). */
export const SUM_HOLD_SECONDS = 5;

/**
 * The group of each row in a sum: one per (role, worker, DP rank). Every TP or PP rank of a DP rank
 * prints the same batch line, and a worker spanning nodes logs on each, so those rows are one reporter.
 */
function reporterGroups(nodes: readonly NodeBatches[]): (node: number, row: number) => number {
  const ids = new Map<string, number>();
  let lastNode = -1;
  let lastDp = NaN;
  let lastId = 0;
  return (n, i) => {
    const dp = nodes[n].batches.dp[i];
    if (n !== lastNode || dp !== lastDp) {
      const key = `${nodes[n].workerType}\0${nodes[n].workerId}\0${dp}`;
      lastId = ids.get(key) ?? ids.size;
      ids.set(key, lastId);
      lastNode = n;
      lastDp = dp;
    }
    return lastId;
  };
}

/**
 * Sum over the nodes, per second: each reporter's mean in that second, added up. A reporter silent in
 * a second counts at its last value if that is under SUM_HOLD_SECONDS old, so the total does not dip
 * each second one worker happens not to log; an idle worker (SGLang logs nothing then) drops out.
 */
export function sumOfAll(nodes: readonly NodeBatches[], metric: string, t0: number, hold = SUM_HOLD_SECONDS): { x: number[]; y: number[] } {
  const lines = [...meansPerSecond(nodes, metric, t0, reporterGroups(nodes)).values()];
  const x = [...new Set(lines.flatMap((line) => line.x))].sort((a, b) => a - b);
  const y = new Array<number>(x.length).fill(0);
  for (const line of lines) {
    let j = 0;
    x.forEach((second, k) => {
      while (j + 1 < line.x.length && line.x[j + 1] <= second) j++;
      if (line.x[j] <= second && second - line.x[j] < hold) y[k] += line.y[j];
    });
  }
  return { x, y };
}

/** One line for a role: the per-second mean over its nodes, or their sum. */
export function combineAll(nodes: readonly NodeBatches[], metric: string, t0: number, how: Combine): { x: number[]; y: number[] } {
  return how === "sum" ? sumOfAll(nodes, metric, t0) : meanOfAll(nodes, metric, t0);
}

/**
 * A metric over time, as the guide's three aggregation modes: every node on its own; one line per
 * DP rank (its TP workers averaged per second); or one line for all nodes, averaged per second. A
 * fourth, `sum`, adds the nodes up: the cluster's total throughput, requests or queue.
 */
export function metricSeries(nodes: readonly NodeBatches[], metric: string, mode: Aggregation, t0 = firstTimestamp(nodes)): Series[] {
  if (t0 === null) return [];
  if (mode === "all" || mode === "sum") {
    const line = combineAll(nodes, metric, t0, mode === "all" ? "mean" : "sum");
    return line.x.length > 0 ? [{ label: mode === "all" ? "all nodes" : "sum over nodes", ...line }] : [];
  }
  if (mode === "individual") {
    const lines = meansPerSecond(nodes, metric, t0, (n) => n);
    return nodes.flatMap((node, n) => {
      const line = lines.get(n);
      return line ? [{ label: `${node.node}-${node.workerType[0]}-${node.workerId}`, ...line }] : [];
    });
  }
  const lines = meansPerSecond(nodes, metric, t0, (n, i) => nodes[n].batches.dp[i]);
  return [...lines.keys()].sort((a, b) => a - b).map((rank) => ({ label: `DP${rank}`, ...lines.get(rank)! }));
}

/** Prefill input rate against decode generation rate over time, per node on average or summed over the nodes. */
export interface RateMatch {
  unit: "tokens/s" | "requests/s";
  prefill: Series;
  decode: Series;
}

/**
 * Rate match of a disaggregated run: prefill `input throughput` and decode `gen throughput`, each
 * averaged over its nodes per second, or (`sum`) added up so a 1P2D run compares one prefill
 * worker's total with both decode workers' total. As requests/s, prefill tokens are divided by ISL
 * and decode tokens by OSL, so balanced capacity shows as two lines on top of each other.
 */
export function rateMatch(nodes: readonly NodeBatches[], unit: RateMatch["unit"] = "tokens/s", isl: number | null = null, osl: number | null = null, how: Combine = "mean"): RateMatch | null {
  const prefillNodes = nodes.filter((n) => n.workerType === "prefill");
  const decodeNodes = nodes.filter((n) => n.workerType === "decode");
  const t0 = firstTimestamp(nodes);
  if (prefillNodes.length === 0 || decodeNodes.length === 0 || t0 === null) return null;
  if (unit === "requests/s" && (!isl || !osl)) return null;
  const prefill = combineAll(prefillNodes, "inputThroughput", t0, how);
  const decode = combineAll(decodeNodes, "genThroughput", t0, how);
  const scale = (y: number[], by: number | null) => (unit === "requests/s" ? y.map((v) => v / by!) : y);
  return {
    unit,
    prefill: { label: "prefill input", x: prefill.x, y: scale(prefill.y, isl) },
    decode: { label: "decode generation", x: decode.x, y: scale(decode.y, osl) },
  };
}
