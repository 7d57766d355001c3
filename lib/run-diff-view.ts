import { compareFrontiers } from "./compare";
import type { Run } from "./model";
import type { DiffRow } from "./run-diff";

/**
 * What the Run Diff tab shows of a diff: identity keys (what names a run rather than configures it)
 * only on request, a text filter, and the performance change between the two runs at the top.
 */

/**
 * Settings that name where and when a run ran, not how it was configured: host names, SLURM
 * variables, job ids, addresses and ports, node ranks, the config dump path (it holds the node name).
 * Matched on the last segment of a key (`decode.env.SLURM_JOB_ID`, `prefill.flags.dist-init-addr`).
 */
const IDENTITY = [
  /^(HOSTNAME|HOST|HOST_?IP|NODE_?NAME|SLURMD_NODENAME)$/i,
  /^SLURM_/i,
  /(^|[-_])job[-_]?id$/i,
  /(^|[-_])(port|ports)$/i,
  /(^|[-_])(addr|address|ip|host)$/i,
  /^(master|dist)[-_]init[-_]addr$/i,
  /^node[-_]rank$/i,
  /^dump[-_]config[-_]to$/i,
  /^(ETCD|NATS)_/i,
];

/** Whether a diff key is a run-identity key (hidden unless asked for). */
export function isIdentityKey(key: string): boolean {
  const last = key.slice(key.lastIndexOf(".") + 1).replace(/\[\d+\]$/, "");
  return IDENTITY.some((pattern) => pattern.test(last));
}

/** The rows to list: differing ones only unless `same`, identity keys only with `identity`. */
export function visibleRows(rows: readonly DiffRow[], { same, identity }: { same: boolean; identity: boolean }): DiffRow[] {
  return rows.filter((row) => (same || row.differs) && (identity || !isIdentityKey(row.key)));
}

/** Rows whose key or either value contains `text` (case-insensitive); all rows for blank text. */
export function filterRows(rows: readonly DiffRow[], text: string): DiffRow[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...rows];
  return rows.filter((row) => [row.key, row.a ?? "", row.b ?? ""].some((cell) => cell.toLowerCase().includes(needle)));
}

const pct = (value: number) => `${value >= 0 ? "+" : ""}${value.toFixed(1)}%`;
const level = (x: number) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3).replace(/\.?0+$/, ""));

/**
 * One line on how B performs against A: Δ Output TPS/GPU at matched TPS/User, read off both Pareto
 * frontiers (lib/compare) at three levels across the TPS/User range they share.
 */
export function perfDeltaText(a: Run, b: Run): string {
  const { overlap, levels } = compareFrontiers([a], [b], "output_tps_per_gpu");
  if (!overlap || levels.length === 0) return "Δ Output TPS/GPU: no TPS/User range both runs cover, so no like-for-like throughput comparison.";
  const parts = levels.filter((l) => l.changePct !== null).map((l) => `${pct(l.changePct!)} at ${level(l.tpsPerUser)}`);
  if (parts.length === 0) return "Δ Output TPS/GPU: run A's frontier is zero where the runs overlap, so no percentage can be given.";
  return `Δ Output TPS/GPU of B against A at matched TPS/User: ${parts.join(", ")} TPS/User.`;
}
