import { healthBadge, type RunHealth } from "@/lib/health";
import { HEALTH_SIGNALS } from "@/parsers/health-signals";
import { CollapseWhenMany, plural } from "./collapse-when-many";

const LABELS = new Map(HEALTH_SIGNALS.map((s) => [s.id, s.label]));

/** The signals of several runs added up, as one badge ("3 OOM, 12 tracebacks"). */
function totalBadge(health: readonly RunHealth[]): string {
  const counts = Object.fromEntries(HEALTH_SIGNALS.map((s) => [s.id, health.reduce((n, h) => n + (h.counts[s.id] ?? 0), 0)])) as RunHealth["counts"];
  const sum = (pick: (h: RunHealth) => number) => health.reduce((n, h) => n + pick(h), 0);
  return healthBadge({ counts, retractedRequests: sum((h) => h.retractedRequests), failedPoints: sum((h) => h.failedPoints), incompleteConcurrencies: sum((h) => h.incompleteConcurrencies) });
}

/**
 * Per selected run with trouble: its badge and a collapsible list of first occurrences (file:line, text).
 * With many troubled runs the run lines fold under one line of totals.
 */
export function RunHealthPanel({ health }: { health: RunHealth[] }) {
  const troubled = health.filter((h) => h.badge);
  if (troubled.length === 0) return null;
  return (
    // Compact: one line per run until opened, and scrolled past a few runs so the charts stay on the first screen.
    <section className="max-h-40 space-y-1 overflow-y-auto rounded border border-red-200 bg-red-50 px-2 py-1 text-xs xl:max-h-none" data-testid="run-health">
      <h2 className="text-sm font-semibold text-red-900">Run health</h2>
      <CollapseWhenMany runs={troubled.length} summary={`${plural(troubled.length, "run")} with trouble signals: ${totalBadge(troubled)}`} testId="run-health-collapsed">
        {troubled.map((h) => (
          <details key={h.runDir} data-testid="run-health-run" data-run-dir={h.runDir}>
            <summary className="cursor-pointer">
              <span className="font-mono">{h.runDir}</span>{" "}
              <span className="rounded bg-red-100 px-1 text-red-800" data-testid="run-health-summary-badge">
                {h.badge}
              </span>
              {h.retractedRequests > 0 && <span className="ml-1 text-slate-600">({h.retractedRequests} requests retracted)</span>}
            </summary>
            <ul className="ml-4 mt-1 space-y-0.5">
              {h.first.map((o) => (
                <li key={`${o.file}:${o.line}:${o.signal}`} data-testid="run-health-occurrence">
                  <span className="font-semibold">{LABELS.get(o.signal)}</span>{" "}
                  <span className="font-mono text-slate-600">
                    {o.file}:{o.line}
                  </span>{" "}
                  <code className="break-all">{o.text}</code>
                </li>
              ))}
            </ul>
          </details>
        ))}
      </CollapseWhenMany>
    </section>
  );
}
