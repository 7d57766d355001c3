import type { ConfigRole } from "../parsers/node-config";

/**
 * Whose config dump is it? srt-slurm names a dump after its node only (`<node>_config.json`), so when
 * one node hosts workers of two roles the file belongs to one of them (the last to start wins) and
 * nothing in its name says which. A dump is given to a worker only when something proves it is that
 * worker's role; otherwise the worker's config is unknown, and the note says why in words.
 */

/** A config dump found for a worker's node. */
export interface ConfigClaim {
  /** Relative to the run dir, as shown to people. */
  file: string;
  /** The role in the file name (`<node>_<role>_config.json`), else null. */
  fileRole: ConfigRole | null;
  /** The role the dump's content states (disaggregation mode); null: it does not say; undefined: not read. */
  contentRole: ConfigRole | null | undefined;
}

export type ConfigOwnership = { owned: true } | { owned: false; note: string };

const roleName = (role: ConfigRole) => (role === "agg" ? "aggregated" : role);

function listRoles(roles: readonly ConfigRole[]): string {
  const order: ConfigRole[] = ["prefill", "decode", "agg"];
  const names = order.filter((r) => roles.includes(r)).map(roleName);
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * Whether `claim` is the config of a `role` worker on a node whose workers have `nodeRoles`: yes when
 * the file name or the dump's own disaggregation mode says that role, or when every worker of the
 * node has that role (then whichever wrote it was one); no when the dump names another role; unknown
 * (not owned, with a note) when the dump is silent and the node mixes roles.
 */
export function configOwnership(role: ConfigRole, node: string, nodeRoles: readonly ConfigRole[], claim: ConfigClaim): ConfigOwnership {
  if (claim.fileRole !== null) {
    return claim.fileRole === role ? { owned: true } : { owned: false, note: `config unknown: ${claim.file} is named for the ${roleName(claim.fileRole)} worker` };
  }
  if (claim.contentRole) {
    if (claim.contentRole === role) return { owned: true };
    return { owned: false, note: `config unknown: ${claim.file} is the ${roleName(claim.contentRole)} worker's dump (its disaggregation mode says ${claim.contentRole}), and no dump of this ${roleName(role)} worker was found` };
  }
  if (nodeRoles.every((r) => r === role)) return { owned: true };
  return { owned: false, note: `config unknown: ${claim.file} does not say which role wrote it (no disaggregation mode), and ${node} runs ${listRoles(nodeRoles)} workers` };
}
