import { HEALTH_SIGNALS, type HealthOccurrence, type HealthScan, type HealthSignalId } from "../parsers/health-signals";
import type { Run } from "./model";

/** A run's health: worker-log signals plus what its result files say. Plain data for the client. */
export interface RunHealth {
  runDir: string;
  counts: Record<HealthSignalId, number>;
  retractedRequests: number;
  /** Points with completed < num_prompts or failed > 0. */
  failedPoints: number;
  incompleteConcurrencies: number;
  first: HealthOccurrence[];
  /** "3 OOM, 1 traceback"; empty when nothing is wrong. */
  badge: string;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Result-file signals of a run: failed points (completed < num_prompts, or failed > 0) and missing concurrencies. */
export function resultSignals(run: Run): { failedPoints: number; incompleteConcurrencies: number } {
  const failedPoints = run.points.filter(
    (p) => (p.failed ?? 0) > 0 || (p.completed !== null && p.numPrompts !== null && p.completed < p.numPrompts),
  ).length;
  return { failedPoints, incompleteConcurrencies: run.missingConcurrencies.length };
}

/** Badge text listing the non-zero signals in table order, then the result-file ones. */
export function healthBadge(h: Omit<RunHealth, "badge" | "runDir" | "first">): string {
  const parts = HEALTH_SIGNALS.filter((s) => h.counts[s.id] > 0).map((s) => plural(h.counts[s.id], s.label, s.plural));
  if (h.failedPoints > 0) parts.push(plural(h.failedPoints, "failed point"));
  if (h.incompleteConcurrencies > 0) parts.push(plural(h.incompleteConcurrencies, "missing concurrency", "missing concurrencies"));
  return parts.join(", ");
}

/** Combine a run's log scan with its result-file signals. */
export function toRunHealth(run: Run, scan: HealthScan): RunHealth {
  const base = { counts: scan.counts, retractedRequests: scan.retractedRequests, ...resultSignals(run) };
  return { runDir: run.runDir, ...base, first: scan.first, badge: healthBadge(base) };
}
