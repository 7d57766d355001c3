import { islOslLabel, roleGpus } from "./labels";
import type { Run } from "./model";
import type { RoleCounts } from "./log-topology";
import type { WorkerType } from "./node-metrics";

/** A labelled figure on a run's Rate Match card. */
export interface Fact {
  title: string;
  value: string;
}

function nodesAndWorkers({ nodes, workers }: RoleCounts): string {
  const base = String(nodes ?? workers ?? "?");
  return nodes !== null && workers !== null && workers > 0 && workers !== nodes ? `${base} (${workers} worker${workers === 1 ? "" : "s"})` : base;
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

/**
 * The cards above a run's rate match chart: prefill nodes, decode nodes (as reconciled with the worker
 * logs, lib/log-topology), GPU split, ISL/OSL.
 */
export function rateMatchFacts(run: Pick<Run, "metadata">, roles: { prefill: RoleCounts; decode: RoleCounts }): Fact[] {
  const { prefill, decode } = roleGpus(run);
  return [
    { title: "Prefill Nodes", value: nodesAndWorkers(roles.prefill) },
    { title: "Decode Nodes", value: nodesAndWorkers(roles.decode) },
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

/** What the two lines are: per-node averages, or totals over how many nodes (worker logs) of each role. */
export function rateCombineNote(how: "mean" | "sum", nodes: Pick<Record<WorkerType, number>, "prefill" | "decode">): string {
  const plural = (n: number, role: string) => `${n} ${role} node${n === 1 ? "" : "s"}`;
  if (how === "mean") return "Each line is the per-second average over its role's nodes: compare capacity per node.";
  return `Totals: prefill input summed over ${plural(nodes.prefill, "prefill")}, decode generation over ${plural(nodes.decode, "decode")}; their ratio is the cluster's.`;
}
