import type { Run } from "../model";
import type { Sla } from "../sla";
import { LATENCY_STATS } from "../stats";
import { chartFacets, toChartPoint, type ChartPoint, type ChartRun, type MeasuredPoint } from "./chart-data";
import { legendLabel } from "../labels";
import { axisFields, DEFAULT_AXES, isLegacyPlane, type AxisPair } from "./pareto-metrics";

/**
 * What the Pareto page sends the browser: per run only the measured numbers the chart, its hover and
 * the SLA lens derive their values from (per-GPU and per-user figures are recomputed in the browser
 * by the same formulas), in columns, with repeated facets stated once. At 1,000 runs the page carries
 * ~8,000 points: one object per point with 18 named fields was most of a 5 MB page.
 */

/** A measured field of a point that the payload can carry. */
export type MeasuredField = Exclude<keyof MeasuredPoint, "concurrency">;

/** Sent on the old planes (TPS/User against output, total, goodput or energy): x (from Mean TPOT), both TPS/GPU (from the throughputs and the GPU count) and the hover. */
export const BASE_FIELDS: readonly MeasuredField[] = ["outputTps", "totalTps", "meanTtftMs", "meanTpotMs"];
const LATENCY_METRICS = ["Ttft", "Tpot", "Itl", "E2el"] as const;
/** Every measured field: what small pages send, so any SLA applies at once without a round trip. */
export const ALL_FIELDS: readonly MeasuredField[] = ["outputTps", "totalTps", ...LATENCY_METRICS.flatMap((m) => LATENCY_STATS.map((s) => `${s}${m}Ms` as MeasuredField)), "peakOutputTps", "requestGoodput", "requestThroughput"];
/** Up to this many points a page sends every field (as before); above, only what the view needs. */
export const ALL_FIELDS_UP_TO_POINTS = 2000;

export interface PayloadRun {
  runDir: string;
  jobId: string;
  label: string;
  gpus: number | null;
  /** Index into `ParetoPayload.facets`. */
  facet: number;
  /** Concurrencies, ascending; `columns[i][k]` is field `fields[i]` at `c[k]`. */
  c: number[];
  columns: (number | null)[][];
  /** `extra[i][k]` is `ParetoPayload.extras[i]` at `c[k]`, when the view sent any (goodput, energy). */
  extra?: (number | null)[][];
}

/** Per-point values only some views compute on the server (goodput under the SLA lens, energy from power records). */
export const EXTRA_FIELDS = ["reportedGoodputRps", "goodputRps", "goodputTpsPerGpu", "slaAttainmentPct", "outputTokensPerJ", "meanPowerW"] as const;
export type ExtraField = (typeof EXTRA_FIELDS)[number];

export interface ParetoPayload {
  fields: MeasuredField[];
  facets: NonNullable<ChartRun["facets"]>[];
  runs: PayloadRun[];
  /** Which extra fields the runs' `extra` columns hold. */
  extras?: ExtraField[];
}

/** The field an SLA latency bound reads, e.g. p99 TTFT -> `p99TtftMs`. */
export function boundField(bound: Sla["bounds"][number]): MeasuredField {
  return `${bound.stat}${bound.metric[0].toUpperCase()}${bound.metric.slice(1)}Ms` as MeasuredField;
}

const pointCount = (runs: readonly Run[]) => runs.reduce((n, run) => n + run.points.length, 0);

/**
 * The fields a page must send: all of them for small selections, else the base ones plus the chosen
 * axes' and the SLA's. Off the old planes Total TPS is sent only when an axis plots it: each field is
 * ~90 KB at 1,000 runs, and two latency axes with it would take the page past 1 MB.
 */
export function fieldsFor(runs: readonly Run[], sla: Sla, axes: AxisPair = DEFAULT_AXES): MeasuredField[] {
  if (pointCount(runs) <= ALL_FIELDS_UP_TO_POINTS) return [...ALL_FIELDS];
  const base = isLegacyPlane(axes) ? BASE_FIELDS : BASE_FIELDS.filter((field) => field !== "totalTps");
  const wanted = new Set([...base, ...axisFields(axes), ...sla.bounds.map(boundField)]);
  return ALL_FIELDS.filter((field) => wanted.has(field));
}

/**
 * Whether the payload carries every value `sla` checks and the axes plot (a lens or axis changed in the
 * browser may wait for the server). Goodput and energy arrive as extras, only when an axis asked the server.
 */
export function payloadCovers(payload: Pick<ParetoPayload, "fields" | "extras">, sla: Sla, axes: AxisPair = DEFAULT_AXES): boolean {
  const extra = (field: ExtraField) => payload.extras?.includes(field) ?? false;
  const axisOk = [axes.x, axes.y].every((m) => (m === "goodput" ? extra("goodputTpsPerGpu") : m === "energy" ? extra("outputTokensPerJ") : true));
  return axisOk && axisFields(axes).every((field) => payload.fields.includes(field)) && sla.bounds.every((bound) => payload.fields.includes(boundField(bound)));
}

/**
 * Decimals kept in a large payload. Results are written with 17 significant digits ("3151.4960785451785"):
 * six decimals halve the bytes and change no value the page shows (two decimals, or a % to one).
 */
export const LARGE_PAYLOAD_DECIMALS = 6;
const SCALE = 10 ** LARGE_PAYLOAD_DECIMALS;

/** `value` to LARGE_PAYLOAD_DECIMALS decimals (null stays null). */
export function trimDecimals(value: number | null): number | null {
  // Past 1e9 the scaled value would lose integer precision; no throughput or latency gets there.
  return value === null || !Number.isFinite(value) || Math.abs(value) >= 1e9 ? value : Math.round(value * SCALE) / SCALE;
}

/** Runs -> payload carrying `fields` (see fieldsFor); above ALL_FIELDS_UP_TO_POINTS values keep 6 decimals. */
export function toParetoPayload(runs: readonly Run[], fields: readonly MeasuredField[]): ParetoPayload {
  const value = pointCount(runs) > ALL_FIELDS_UP_TO_POINTS ? trimDecimals : (v: number | null) => v;
  const facets: ParetoPayload["facets"] = [];
  const facetIndex = new Map<string, number>();
  const payloadRuns = runs.map((run): PayloadRun => {
    const facet = chartFacets(run);
    const key = JSON.stringify(facet);
    if (!facetIndex.has(key)) facetIndex.set(key, facets.push(facet) - 1);
    const points = [...run.points].sort((a, b) => a.concurrency - b.concurrency);
    return {
      runDir: run.runDir, jobId: run.jobId, label: legendLabel(run), gpus: run.totalGpus, facet: facetIndex.get(key) as number,
      c: points.map((p) => p.concurrency),
      columns: fields.map((field) => points.map((p) => value(p[field]))),
    };
  });
  return { fields: [...fields], facets, runs: payloadRuns };
}

/** The payload with `fields` of `runs` (chart runs a view enriched on the server) added per point, matched by run and concurrency. */
export function withPayloadExtras(payload: ParetoPayload, runs: readonly ChartRun[], fields: readonly ExtraField[]): ParetoPayload {
  const byDir = new Map(runs.map((run) => [run.runDir, run]));
  return {
    ...payload,
    extras: [...fields],
    runs: payload.runs.map((run) => {
      const points = new Map((byDir.get(run.runDir)?.points ?? []).map((p) => [p.concurrency, p]));
      return { ...run, extra: fields.map((field) => run.c.map((c) => points.get(c)?.[field] ?? null)) };
    }),
  };
}

/** Payload -> the chart runs the Pareto components take; fields not sent are null. */
export function fromParetoPayload(payload: ParetoPayload): ChartRun[] {
  return payload.runs.map((run) => {
    const points: ChartPoint[] = run.c.map((concurrency, k) => {
      const measured = emptyMeasured(concurrency);
      payload.fields.forEach((field, i) => (measured[field] = run.columns[i][k] ?? null));
      const point = toChartPoint(measured, run.gpus);
      payload.extras?.forEach((field, i) => (point[field] = run.extra?.[i]?.[k] ?? null));
      return point;
    });
    return { runDir: run.runDir, jobId: run.jobId, label: run.label, points, facets: payload.facets[run.facet] };
  });
}

function emptyMeasured(concurrency: number): MeasuredPoint {
  // A literal, not keys added in a loop: 8,000 points then share one object shape (the loop made each a
  // slow dictionary object, ~40% of building a 1,000-run chart's runs). `satisfies` keeps it complete.
  return {
    concurrency, outputTps: null, totalTps: null,
    meanTtftMs: null, medianTtftMs: null, p99TtftMs: null, meanTpotMs: null, medianTpotMs: null, p99TpotMs: null,
    meanItlMs: null, medianItlMs: null, p99ItlMs: null, meanE2elMs: null, medianE2elMs: null, p99E2elMs: null,
    peakOutputTps: null, requestGoodput: null, requestThroughput: null,
  } satisfies Record<keyof MeasuredPoint, number | null>;
}
