import type { RunMetadata } from "./model";
import type { WorkerType } from "./node-metrics";

/**
 * What the worker log files prove about a run's layout, against what its metadata says. Logs name
 * each worker and the node it ran on, so they prove a lower bound on nodes (a worker spanning nodes
 * logs on its leader only) and the exact worker count; where the metadata says less, or another
 * worker count, the logs win and one line says so.
 */

export const ROLES: readonly WorkerType[] = ["prefill", "decode", "agg"];

/** Workers of a role and the nodes their log files name. */
export interface RolePlacement {
  workers: number;
  nodes: string[];
}
export type LogTopology = Record<WorkerType, RolePlacement>;

/** Per role: workers and distinct nodes, from the worker log files. */
export function logTopology(workers: readonly { node: string; workerType: WorkerType }[]): LogTopology {
  const topo: LogTopology = { prefill: { workers: 0, nodes: [] }, decode: { workers: 0, nodes: [] }, agg: { workers: 0, nodes: [] } };
  for (const { node, workerType } of workers) {
    const role = topo[workerType];
    role.workers++;
    if (!role.nodes.includes(node)) role.nodes.push(node);
  }
  for (const role of ROLES) topo[role].nodes.sort();
  return topo;
}

/** A role's node and worker counts as shown: the metadata's unless the logs contradict them. */
export interface RoleCounts {
  nodes: number | null;
  workers: number | null;
}

export interface ReconciledTopology {
  roles: Record<WorkerType, RoleCounts>;
  /** Nodes that the logs show running workers of two roles. */
  sharedNodes: string[];
  /** One line naming each disagreement with the metadata; null when they agree (or there are no logs). */
  conflict: string | null;
}

const META: Record<WorkerType, { nodes: keyof RunMetadata; workers: keyof RunMetadata; name: string }> = {
  prefill: { nodes: "prefillNodes", workers: "prefillWorkers", name: "prefill" },
  decode: { nodes: "decodeNodes", workers: "decodeWorkers", name: "decode" },
  agg: { nodes: "aggNodes", workers: "aggWorkers", name: "aggregated" },
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Metadata counts checked against the logs: worker counts must match, node counts may not be below what the logs show. */
export function reconcileTopology(m: RunMetadata, logs: LogTopology): ReconciledTopology {
  const seen = ROLES.some((role) => logs[role].workers > 0);
  const said: string[] = [];
  const shown: string[] = [];
  const roles = {} as Record<WorkerType, RoleCounts>;
  for (const role of ROLES) {
    const metaNodes = m[META[role].nodes] as number | null;
    const metaWorkers = m[META[role].workers] as number | null;
    const log = logs[role];
    const name = META[role].name;
    const badWorkers = seen && metaWorkers !== null && metaWorkers !== log.workers;
    const badNodes = seen && metaNodes !== null && log.nodes.length > metaNodes;
    roles[role] = { nodes: badNodes || (seen && metaNodes === null && log.workers > 0) ? log.nodes.length : metaNodes, workers: seen ? log.workers : metaWorkers };
    if (badWorkers) said.push(plural(metaWorkers, `${name} worker`));
    if (badNodes) said.push(plural(metaNodes, `${name} node`));
    if (badWorkers || badNodes) shown.push(`${plural(log.workers, `${name} worker`)} on ${plural(log.nodes.length, "node")} (${log.nodes.join(", ")})`);
  }
  const sharedNodes = [...new Set(logs.prefill.nodes.concat(logs.agg.nodes))].filter((node) => logs.decode.nodes.includes(node)).sort();
  const conflict = said.length > 0 ? `Metadata says ${said.join(", ")}; the worker logs show ${shown.join(" and ")}. Counts here follow the logs.` : null;
  return { roles, sharedNodes, conflict };
}
