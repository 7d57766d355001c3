import { incompleteWarning } from "@/lib/labels";
import { CollapseWhenMany, plural } from "./collapse-when-many";

const WARNING = "rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900";

/** One warning per selected run that lacks some of its concurrencies; many runs fold into one summary line. */
export function IncompleteWarnings({ runs }: { runs: { jobId: string; runDir: string; missingConcurrencies: number[] }[] }) {
  if (runs.length === 0) return null;
  const missing = runs.reduce((n, run) => n + run.missingConcurrencies.length, 0);
  return (
    <CollapseWhenMany runs={runs.length} summary={`${plural(runs.length, "run")} incomplete (${plural(missing, "missing concurrency", "missing concurrencies")} in all)`} testId="incomplete-collapsed" className={WARNING}>
      <ul className="space-y-1" data-testid="incomplete-warnings">
        {runs.map((run) => (
          <li key={run.runDir} role="status" className={WARNING}>
            <strong>{incompleteWarning(run)}</strong>. The job may have failed or timed out before completing all benchmarks.
          </li>
        ))}
      </ul>
    </CollapseWhenMany>
  );
}
