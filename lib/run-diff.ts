import type { Run } from "./model";

/** One worker role's settings, as its config dump has them. */
export interface RoleSettings {
  serverArgs: Record<string, unknown>;
  flags: Record<string, unknown>;
  /** Every environment variable, whatever its group. */
  environment: Record<string, string>;
}

/** Everything a run diff compares, before flattening. */
export interface RunSettings {
  metadata: Record<string, unknown>;
  /** By role (prefill, decode, agg): the first worker of the role that has a config dump. */
  roles: Record<string, RoleSettings>;
  /** Roles that ran workers but have no config dump proven to be theirs: role -> why, in words. */
  unknownRoles?: Record<string, string>;
  /** The run's `config.yaml` (srtctl recipe); null when it has none. */
  recipe: Record<string, unknown> | null;
}

export interface DiffRow {
  key: string;
  /** The setting in run A (or B) as text; null when that run does not have it. */
  a: string | null;
  b: string | null;
  differs: boolean;
}

function leafText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
}

/**
 * A nested value as `dotted.key -> text`: objects by key, arrays by index (`list[0]`), empty ones as
 * `{}`/`[]` so a setting that became empty still shows.
 */
export function flattenSettings(value: unknown, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(value)) {
    if (value.length === 0 && prefix) out[prefix] = "[]";
    value.forEach((item, i) => flattenSettings(item, `${prefix}[${i}]`, out));
  } else if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix) out[prefix] = "{}";
    for (const [key, item] of entries) flattenSettings(item, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== undefined && prefix) {
    out[prefix] = leafText(value);
  }
  return out;
}

/** What a run says about itself, minus what always differs between two runs (job id, name, date, tags). */
export function metadataSettings(run: Pick<Run, "metadata" | "topology" | "totalGpus">): Record<string, unknown> {
  const { jobId: _jobId, jobName: _jobName, runDate: _runDate, tags: _tags, ...rest } = run.metadata;
  return { topology: run.topology, totalGpus: run.totalGpus, ...rest };
}

/** `--tp-size` and `server_args.tp_size` are one setting: the flag's name as a server arg. */
const argName = (flag: string) => flag.replace(/-/g, "_");

/** The flags a server arg does not already say: SGLang dumps both, and one setting should show once. */
function flagsNotInArgs(flags: Record<string, unknown>, serverArgs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(flags).filter(([flag]) => !(argName(flag) in serverArgs)));
}

/**
 * A run's settings as dotted keys: `metadata.*`, `<role>.server_args.*`, `<role>.flags.*` (those no
 * server arg already holds), `<role>.env.*`, `recipe.*`.
 */
export function flattenRun(settings: RunSettings): Record<string, string> {
  const out: Record<string, string> = {};
  flattenSettings(settings.metadata, "metadata", out);
  for (const [role, s] of Object.entries(settings.roles)) {
    flattenSettings(s.serverArgs, `${role}.server_args`, out);
    flattenSettings(flagsNotInArgs(s.flags, s.serverArgs), `${role}.flags`, out);
    flattenSettings(s.environment, `${role}.env`, out);
  }
  // Said plainly, rather than leaving the role out or borrowing another role's dump.
  for (const [role, why] of Object.entries(settings.unknownRoles ?? {})) out[`${role}.config`] = `unknown: ${why}`;
  if (settings.recipe) flattenSettings(settings.recipe, "recipe", out);
  return out;
}

const workerRoles = (s: RunSettings) => [...new Set([...Object.keys(s.roles), ...Object.keys(s.unknownRoles ?? {})])];

/** An aggregated run's settings filed under each of the other run's roles. */
function aggAs(s: RunSettings, roles: readonly string[]): RunSettings {
  const pick = <T>(record: Record<string, T> | undefined) => Object.fromEntries(roles.flatMap((role) => (record?.agg !== undefined ? [[role, record.agg]] : [])));
  return { ...s, roles: pick(s.roles), unknownRoles: pick(s.unknownRoles) };
}

/**
 * Roles put face to face. Runs with the same roles compare role to role. When one run is aggregated
 * and the other disaggregated, the aggregated workers do the work of both prefill and decode, so
 * their settings are compared with the prefill workers' and again with the decode workers' (instead
 * of every setting showing as missing on one side); `note` says so.
 */
export function alignRoles(a: RunSettings, b: RunSettings): { a: RunSettings; b: RunSettings; note: string | null } {
  const [ra, rb] = [workerRoles(a), workerRoles(b)];
  const split = (r: string[]) => r.length > 0 && r.every((role) => role === "prefill" || role === "decode");
  const note = (agg: string, other: string, roles: string[]) => `Run ${agg} is aggregated and run ${other} is not: ${agg}'s agg settings are compared with ${other}'s ${roles.join(" and ")} settings.`;
  if (ra.length === 1 && ra[0] === "agg" && split(rb)) return { a: aggAs(a, rb), b, note: note("A", "B", rb) };
  if (rb.length === 1 && rb[0] === "agg" && split(ra)) return { a, b: aggAs(b, ra), note: note("B", "A", ra) };
  return { a, b, note: null };
}

/** Every setting of either run, in key order, with whether the two runs differ on it (roles aligned by `alignRoles`). */
export function diffRuns(runA: RunSettings, runB: RunSettings): DiffRow[] {
  const { a, b } = alignRoles(runA, runB);
  const left = flattenRun(a);
  const right = flattenRun(b);
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
  return keys.map((key) => {
    const va = left[key] ?? null;
    const vb = right[key] ?? null;
    return { key, a: va, b: vb, differs: va !== vb };
  });
}

/** "identical", "single variable" (the clean A/B experiment) or "N settings differ". */
export function badge(rows: readonly DiffRow[]): string {
  const n = rows.filter((row) => row.differs).length;
  if (n === 0) return "identical";
  if (n === 1) return "single variable";
  return `${n} settings differ`;
}
