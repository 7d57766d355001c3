import { z } from "zod";
import type { ChartPoint } from "./charts/chart-data";
import { LATENCY_STATS, type LatencyStat } from "./stats";

/**
 * The SLA lens: upper bounds on latencies (at a chosen statistic) and a lower bound on Output
 * TPS/User; which points meet them, and per run or group the best throughput point that does - the
 * guide's "find optimal concurrency" pandas example, for the dashboard and `srtlog best`.
 */

export const SLA_METRICS = ["ttft", "tpot", "itl", "e2el"] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];
export const SLA_METRIC_NAME: Record<SlaMetric, string> = { ttft: "TTFT", tpot: "TPOT", itl: "ITL", e2el: "E2EL" };
const STAT_NAME: Record<LatencyStat, string> = { mean: "mean", median: "median", p99: "p99" };

export const latencyBoundSchema = z.object({ metric: z.enum(SLA_METRICS), stat: z.enum(LATENCY_STATS), maxMs: z.number().finite().positive() });
export type LatencyBound = z.infer<typeof latencyBoundSchema>;

export const slaSchema = z.object({
  /** At most one bound per (metric, statistic); several statistics of one metric may be bounded. */
  bounds: z.array(latencyBoundSchema),
  minTpsUser: z.number().finite().positive().nullable(),
});
export type Sla = z.infer<typeof slaSchema>;

export const NO_SLA: Sla = { bounds: [], minTpsUser: null };

export function hasSla(sla: Sla): boolean {
  return sla.bounds.length > 0 || sla.minTpsUser !== null;
}

/** The URL key and CLI flag of a bound: `max-ttft-p99`. */
export const boundKey = (metric: SlaMetric, stat: LatencyStat) => `max-${metric}-${stat}`;
export const MIN_TPS_USER_KEY = "min-tps-user";

/** Every `max-<metric>-<stat>` key, in a fixed order (metric, then statistic). */
export const BOUND_KEYS = SLA_METRICS.flatMap((metric) => LATENCY_STATS.map((stat) => ({ key: boundKey(metric, stat), metric, stat })));

const positive = (text: string | undefined): number | null => {
  if (text === undefined || text.trim() === "") return null;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : null;
};

/** Constraints from `max-ttft-p99=500`-style values (URL or CLI); unusable values are left out. */
export function slaFromValues(get: (key: string) => string | undefined): Sla {
  const bounds: LatencyBound[] = [];
  for (const { key, metric, stat } of BOUND_KEYS) {
    const maxMs = positive(get(key));
    if (maxMs !== null) bounds.push({ metric, stat, maxMs });
  }
  return { bounds, minTpsUser: positive(get(MIN_TPS_USER_KEY)) };
}

/** The constraints as `[key, value]` pairs, in BOUND_KEYS order. */
export function slaEntries(sla: Sla): [string, string][] {
  const out: [string, string][] = [];
  for (const { key, metric, stat } of BOUND_KEYS) {
    const bound = sla.bounds.find((b) => b.metric === metric && b.stat === stat);
    if (bound) out.push([key, String(bound.maxMs)]);
  }
  if (sla.minTpsUser !== null) out.push([MIN_TPS_USER_KEY, String(sla.minTpsUser)]);
  return out;
}

/** The guide's "what good metrics look like" thresholds, as one-click constraint sets. */
export const SLA_PRESETS: { id: string; name: string; sla: Sla }[] = [
  { id: "good", name: "Good", sla: { bounds: [{ metric: "ttft", stat: "p99", maxMs: 500 }, { metric: "tpot", stat: "mean", maxMs: 30 }], minTpsUser: null } },
  { id: "acceptable", name: "Acceptable", sla: { bounds: [{ metric: "ttft", stat: "p99", maxMs: 1000 }, { metric: "tpot", stat: "mean", maxMs: 50 }], minTpsUser: null } },
];

/** One constraint, as a check of one point. */
export type Constraint = { kind: "max"; bound: LatencyBound } | { kind: "min-tps-user"; min: number };

export function constraintsOf(sla: Sla): Constraint[] {
  return [...sla.bounds.map((bound): Constraint => ({ kind: "max", bound })), ...(sla.minTpsUser !== null ? [{ kind: "min-tps-user" as const, min: sla.minTpsUser }] : [])];
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2));

/** `p99 TTFT ≤ 500 ms`, `TPS/User ≥ 30`. */
export function constraintText(c: Constraint): string {
  return c.kind === "max" ? `${STAT_NAME[c.bound.stat]} ${SLA_METRIC_NAME[c.bound.metric]} ≤ ${fmt(c.bound.maxMs)} ms` : `TPS/User ≥ ${fmt(c.min)}`;
}

/** The whole set, e.g. `p99 TTFT ≤ 500 ms, TPS/User ≥ 30`. */
export function slaText(sla: Sla): string {
  return constraintsOf(sla).map(constraintText).join(", ");
}

/** The value a constraint looks at; null when the result did not measure it. */
export function constraintValue(point: ChartPoint, c: Constraint): number | null {
  const value = c.kind === "max" ? point[`${c.bound.stat}${c.bound.metric[0].toUpperCase()}${c.bound.metric.slice(1)}Ms` as keyof ChartPoint] : point.outputTpsPerUser;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export interface Check {
  constraint: Constraint;
  value: number | null;
  pass: boolean;
  /** Share of the bound left (0.2 = 20% under a max, or 20% over a min); negative when failing; null when unmeasured. */
  headroom: number | null;
}

/** A point checked against every constraint. A constraint on a value the result lacks fails: it cannot be shown to hold. */
export function checkPoint(point: ChartPoint, sla: Sla): Check[] {
  return constraintsOf(sla).map((constraint) => {
    const value = constraintValue(point, constraint);
    if (value === null) return { constraint, value, pass: false, headroom: null };
    const headroom = constraint.kind === "max" ? 1 - value / constraint.bound.maxMs : value / constraint.min - 1;
    return { constraint, value, pass: headroom >= 0, headroom };
  });
}

export const meetsSla = (point: ChartPoint, sla: Sla): boolean => checkPoint(point, sla).every((c) => c.pass);

/** `p99 TTFT 742 ms > 500 ms`, `TPS/User 21.3 < 30`, `mean E2EL not measured`. */
export function failureText(check: Check): string {
  const c = check.constraint;
  const name = c.kind === "max" ? `${STAT_NAME[c.bound.stat]} ${SLA_METRIC_NAME[c.bound.metric]}` : "TPS/User";
  if (check.value === null) return `${name} not measured`;
  return c.kind === "max" ? `${name} ${fmt(check.value)} ms > ${fmt(c.bound.maxMs)} ms` : `${name} ${fmt(check.value)} < ${fmt(c.min)}`;
}

/** Why a point fails the SLA, as one hover line; null when it passes or there is no SLA. */
export function slaFailure(point: ChartPoint, sla: Sla | undefined): string | null {
  if (!sla || !hasSla(sla)) return null;
  const failed = checkPoint(point, sla).filter((c) => !c.pass);
  return failed.length > 0 ? `Fails SLA: ${failed.map(failureText).join(", ")}` : null;
}

/** A point the lens ranks: where it comes from and its two Pareto coordinates (y: the throughput ranked). */
export interface RankedPoint {
  runDir: string;
  label: string;
  concurrency: number;
  /** Output TPS/User. */
  x: number;
  /** Output (or Total) TPS/GPU. */
  y: number;
  point: ChartPoint;
}

/** One row of the best-point table: a run or group, and its best point meeting every constraint. */
export interface BestRow {
  /** Run label, or group name. */
  name: string;
  points: number;
  passing: number;
  best: RankedPoint | null;
  /**
   * What stops a better point: the constraints failed by the next point with higher throughput,
   * e.g. `p99 TTFT 742 ms > 500 ms (concurrency 128)`; null when the best is already the highest.
   */
  binding: string | null;
  /** With no point passing: the nearest miss (fewest failed constraints, then least over) and why it fails. */
  nearestMiss: { point: RankedPoint; failures: string[] } | null;
}

/** Higher throughput first; ties: higher TPS/User, then lower concurrency (fewer resources for the same result). */
function better(a: RankedPoint, b: RankedPoint): number {
  return b.y - a.y || b.x - a.x || a.concurrency - b.concurrency;
}

/** How far a failing point is from passing: failed count, then the worst shortfall. */
function missScore(checks: Check[]): [number, number] {
  const failed = checks.filter((c) => !c.pass);
  return [failed.length, Math.max(0, ...failed.map((c) => (c.headroom === null ? Infinity : -c.headroom)))];
}

/** The best passing point of one run or group of points (see BestRow). */
export function bestOf(name: string, points: readonly RankedPoint[], sla: Sla): BestRow {
  const sorted = [...points].sort(better);
  const checks = sorted.map((p) => checkPoint(p.point, sla));
  const passIndex = checks.findIndex((cs) => cs.every((c) => c.pass));
  const passing = checks.filter((cs) => cs.every((c) => c.pass)).length;
  if (passIndex < 0) {
    // The first (so highest-throughput) of the points that fail the fewest constraints by the least.
    let miss = -1;
    for (let i = 0; i < sorted.length; i++) {
      const [failed, worst] = missScore(checks[i]);
      const [bestFailed, bestWorst] = miss < 0 ? [Infinity, Infinity] : missScore(checks[miss]);
      if (failed < bestFailed || (failed === bestFailed && worst < bestWorst)) miss = i;
    }
    const nearestMiss = miss < 0 ? null : { point: sorted[miss], failures: checks[miss].filter((c) => !c.pass).map(failureText) };
    return { name, points: points.length, passing: 0, best: null, binding: null, nearestMiss };
  }
  // The next better point is the closest one above in throughput, not counting equal throughput.
  const best = sorted[passIndex];
  let next = -1;
  for (let i = passIndex - 1; i >= 0; i--) {
    if (sorted[i].y > best.y) {
      next = i;
      break;
    }
  }
  const binding = next < 0 ? null : `${checks[next].filter((c) => !c.pass).map(failureText).join(", ")} (concurrency ${sorted[next].concurrency})`;
  return { name, points: points.length, passing, best, binding, nearestMiss: null };
}

/** Best rows for named groups of points, the best throughput first; groups without passing points last. */
export function bestRows(groups: readonly { name: string; points: readonly RankedPoint[] }[], sla: Sla): BestRow[] {
  const rows = groups.map((g) => bestOf(g.name, g.points, sla));
  return rows.sort((a, b) => (b.best?.y ?? -Infinity) - (a.best?.y ?? -Infinity));
}
