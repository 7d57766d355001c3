import type { RequestTable } from "../parsers/per-request/request-table";
import type { LatencyBound, SlaMetric } from "./sla";

/**
 * Goodput under the SLA lens: which requests of a point met every latency bound. A bound is read per
 * request (its statistic is for points, not requests), so "p99 TTFT ≤ 500 ms" asks each request for
 * TTFT ≤ 500 ms; two bounds on one metric mean the tighter one.
 */
export interface Goodput {
  /** Requests counted: the measured ones (warmup left out). */
  requests: number;
  good: number;
  failed: number;
  /** good / requests × 100; null with no requests. */
  attainmentPct: number | null;
  /** Good requests per second of the point's duration; null without a duration. */
  goodputRps: number | null;
  /** Output tokens of good requests per second per GPU; null without duration or GPU count. */
  goodOutputTpsPerGpu: number | null;
  warmupExcluded: number;
}

/** The table column a bound on `metric` reads; ITL is each request's mean gap. */
const COLUMN: Record<SlaMetric, "ttftMs" | "tpotMs" | "meanItlMs" | "e2eMs"> = { ttft: "ttftMs", tpot: "tpotMs", itl: "meanItlMs", e2el: "e2eMs" };

/** The tightest bound per metric. */
export function requestLimits(bounds: readonly LatencyBound[]): Partial<Record<SlaMetric, number>> {
  const limits: Partial<Record<SlaMetric, number>> = {};
  for (const bound of bounds) limits[bound.metric] = Math.min(limits[bound.metric] ?? Infinity, bound.maxMs);
  return limits;
}

/** A phase that is not the measured one: AIPerf names it (`warmup`...); no phase or `profiling` is measured. */
export const isWarmupPhase = (phase: string | null): boolean => phase !== null && phase !== "profiling";

/**
 * Whether request `i` met every limit. A failed request never does. A missing TTFT or E2E cannot be
 * shown to hold, so it fails; TPOT and ITL do not exist for a one-token answer, which has nothing to violate.
 */
export function requestMeets(table: RequestTable, i: number, limits: Partial<Record<SlaMetric, number>>): boolean {
  if (table.error[i] !== "") return false;
  for (const [metric, max] of Object.entries(limits) as [SlaMetric, number][]) {
    const value = table[COLUMN[metric]][i];
    if (value === null) {
      if (metric === "ttft" || metric === "e2el") return false;
      continue;
    }
    if (value > max) return false;
  }
  return true;
}

/** Goodput of one point from its request table. */
export function computeGoodput(table: RequestTable, bounds: readonly LatencyBound[], durationS: number | null, totalGpus: number | null, skip?: (i: number) => boolean): Goodput {
  const limits = requestLimits(bounds);
  let requests = 0;
  let good = 0;
  let failed = 0;
  let goodTokens = 0;
  let warmupExcluded = 0;
  for (let i = 0; i < table.index.length; i++) {
    if (isWarmupPhase(table.phase[i]) || skip?.(i)) {
      warmupExcluded++;
      continue;
    }
    requests++;
    if (table.error[i] !== "") failed++;
    if (!requestMeets(table, i, limits)) continue;
    good++;
    goodTokens += table.outputLen[i] ?? 0;
  }
  const seconds = durationS !== null && durationS > 0 ? durationS : null;
  return {
    requests,
    good,
    failed,
    attainmentPct: requests > 0 ? (good / requests) * 100 : null,
    goodputRps: seconds === null ? null : good / seconds,
    goodOutputTpsPerGpu: seconds === null || totalGpus === null || totalGpus <= 0 ? null : goodTokens / seconds / totalGpus,
    warmupExcluded,
  };
}
