import { islOslLabel, roleGpus } from "./labels";
import type { Run } from "./model";
import type { WorkerType } from "./node-metrics";

/** A labelled figure on a run's Rate Match card. */
export interface Fact {
  title: string;
  value: string;
}

function nodesAndWorkers(nodes: number | null, workers: number): string {
  const base = nodes === null ? String(workers) : String(nodes);
  return nodes !== null && workers > 0 && workers !== nodes ? `${base} (${workers} workers)` : base;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** `8 prefill / 32 decode GPUs (1 : 4)`: prefill against decode GPUs, and their ratio; a bare `8 / 32` read like a topology. */
export function gpuSplit(prefill: number | null, decode: number | null): string {
  const split = `${prefill ?? "?"} prefill / ${decode ?? "?"} decode GPUs`;
  if (prefill === null || decode === null) return split;
  const d = gcd(prefill, decode) || 1;
  return `${split} (${prefill / d} : ${decode / d})`;
}

/** The cards above a run's rate match chart: prefill nodes, decode nodes, GPU split, ISL/OSL. */
export function rateMatchFacts(run: Pick<Run, "metadata">, workers: Record<WorkerType, number>): Fact[] {
  const { prefill, decode } = roleGpus(run);
  return [
    { title: "Prefill Nodes", value: nodesAndWorkers(run.metadata.prefillNodes, workers.prefill) },
    { title: "Decode Nodes", value: nodesAndWorkers(run.metadata.decodeNodes, workers.decode) },
    { title: "GPU Split", value: gpuSplit(prefill, decode) },
    { title: "ISL/OSL", value: islOslLabel(run) },
  ];
}

/** The guide's reading of the chart. */
export const RATE_MATCH_GUIDE: { when: string; means: string }[] = [
  { when: "Lines should align", means: "System is balanced" },
  { when: "Decode consistently below prefill", means: "Need more decode nodes" },
  { when: "Decode above prefill", means: "Prefill is the bottleneck, decode underutilized" },
];
