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

/** A run's settings as dotted keys: `metadata.*`, `<role>.server_args.*`, `<role>.flags.*`, `<role>.env.*`, `recipe.*`. */
export function flattenRun(settings: RunSettings): Record<string, string> {
  const out: Record<string, string> = {};
  flattenSettings(settings.metadata, "metadata", out);
  for (const [role, s] of Object.entries(settings.roles)) {
    flattenSettings(s.serverArgs, `${role}.server_args`, out);
    flattenSettings(s.flags, `${role}.flags`, out);
    flattenSettings(s.environment, `${role}.env`, out);
  }
  // Said plainly, rather than leaving the role out or borrowing another role's dump.
  for (const [role, why] of Object.entries(settings.unknownRoles ?? {})) out[`${role}.config`] = `unknown: ${why}`;
  if (settings.recipe) flattenSettings(settings.recipe, "recipe", out);
  return out;
}

/** Every setting of either run, in key order, with whether the two runs differ on it. */
export function diffRuns(a: RunSettings, b: RunSettings): DiffRow[] {
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
