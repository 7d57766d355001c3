import { SrtlogError } from "../lib/errors";
import { BOUND_KEYS, MIN_TPS_USER_KEY, slaFromValues, type Sla } from "../lib/sla";

/** parseArgs options for the SLA lens flags: `--max-<metric>-<stat> MS` and `--min-tps-user N`. */
export const SLA_FLAG_OPTIONS = Object.fromEntries([...BOUND_KEYS.map(({ key }) => key), MIN_TPS_USER_KEY].map((key) => [key, { type: "string" as const }]));

/** The given SLA flags (as the URL spells them, without `--`), each checked: a value that is not a positive number is bad input. */
export function slaFlagValues(values: Record<string, unknown>): Map<string, string> {
  const given = new Map<string, string>();
  for (const key of [...BOUND_KEYS.map((b) => b.key), MIN_TPS_USER_KEY]) {
    const value = values[key];
    if (typeof value !== "string") continue;
    const sla = slaFromValues((k) => (k === key ? value : undefined));
    if (sla.bounds.length === 0 && sla.minTpsUser === null) throw new SrtlogError("bad_input", `--${key} ${value}: must be a positive number`);
    given.set(key, value);
  }
  return given;
}

/** The SLA of the given flags. */
export function slaFromFlags(values: Record<string, unknown>): Sla {
  const given = slaFlagValues(values);
  return slaFromValues((key) => given.get(key));
}
