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

export type Aggregation = "individual" | "dp" | "all";

/** Earliest timestamp (ms) of any batch of any node; null when none has one. */
export function firstTimestamp(nodes: readonly NodeBatches[]): number | null {
  let first = Infinity;
  for (const { batches } of nodes) for (let i = 0; i < batches.length; i++) if (batches.ts[i] < first) first = batches.ts[i];
  return first === Infinity ? null : first;
}

/** Mean of the values falling in each whole second, in time order. */
function averagePerSecond(points: Iterable<[number, number]>, t0: number): { x: number[]; y: number[] } {
  const sums = new Map<number, [number, number]>();
  for (const [ts, value] of points) {
    const second = Math.floor((ts - t0) / 1000);
    const bucket = sums.get(second);
    if (bucket) {
      bucket[0] += value;
      bucket[1]++;
    } else sums.set(second, [value, 1]);
  }
  const seconds = [...sums.keys()].sort((a, b) => a - b);
  return { x: seconds, y: seconds.map((s) => sums.get(s)![0] / sums.get(s)![1]) };
}

function* valuesOf(batches: BatchTable, metric: string, keep: (i: number) => boolean = () => true): Generator<[number, number]> {
  const column = batches.metrics[metric];
  if (!column) return;
  for (let i = 0; i < batches.length; i++) {
    if (!Number.isNaN(column[i]) && !Number.isNaN(batches.ts[i]) && keep(i)) yield [batches.ts[i], column[i]];
  }
}

function* valuesOfAll(nodes: readonly NodeBatches[], metric: string): Generator<[number, number]> {
  for (const node of nodes) yield* valuesOf(node.batches, metric);
}

/**
 * A metric over time, as the guide's three aggregation modes: every node on its own; one line per
 * DP rank (its TP workers averaged per second); or one line for all nodes, averaged per second.
 */
export function metricSeries(nodes: readonly NodeBatches[], metric: string, mode: Aggregation, t0 = firstTimestamp(nodes)): Series[] {
  if (t0 === null) return [];
  if (mode === "all") {
    const line = averagePerSecond(valuesOfAll(nodes, metric), t0);
    return line.x.length > 0 ? [{ label: "all nodes", ...line }] : [];
  }
  if (mode === "individual") {
    return nodes
      .map((node) => ({ label: `${node.node}-${node.workerType[0]}-${node.workerId}`, ...averagePerSecond(valuesOf(node.batches, metric), t0) }))
      .filter((series) => series.x.length > 0);
  }
  const ranks = new Set<number>();
  for (const { batches } of nodes) for (let i = 0; i < batches.length; i++) ranks.add(batches.dp[i]);
  return [...ranks]
    .sort((a, b) => a - b)
    .map((rank) => {
      const points = nodes.flatMap((node) => [...valuesOf(node.batches, metric, (i) => node.batches.dp[i] === rank)]);
      return { label: `DP${rank}`, ...averagePerSecond(points, t0) };
    })
    .filter((series) => series.x.length > 0);
}

/** Prefill input rate against decode generation rate over time, per node on average. */
export interface RateMatch {
  unit: "tokens/s" | "requests/s";
  prefill: Series;
  decode: Series;
}

/**
 * Rate match of a disaggregated run: prefill `input throughput` and decode `gen throughput`, each
 * averaged over its nodes per second. As requests/s, prefill tokens are divided by ISL and decode
 * tokens by OSL, so balanced capacity shows as two lines on top of each other.
 */
export function rateMatch(nodes: readonly NodeBatches[], unit: RateMatch["unit"] = "tokens/s", isl: number | null = null, osl: number | null = null): RateMatch | null {
  const prefillNodes = nodes.filter((n) => n.workerType === "prefill");
  const decodeNodes = nodes.filter((n) => n.workerType === "decode");
  const t0 = firstTimestamp(nodes);
  if (prefillNodes.length === 0 || decodeNodes.length === 0 || t0 === null) return null;
  if (unit === "requests/s" && (!isl || !osl)) return null;
  const prefill = averagePerSecond(valuesOfAll(prefillNodes, "inputThroughput"), t0);
  const decode = averagePerSecond(valuesOfAll(decodeNodes, "genThroughput"), t0);
  const scale = (y: number[], by: number | null) => (unit === "requests/s" ? y.map((v) => v / by!) : y);
  return {
    unit,
    prefill: { label: "prefill input", x: prefill.x, y: scale(prefill.y, isl) },
    decode: { label: "decode generation", x: decode.x, y: scale(decode.y, osl) },
  };
}
