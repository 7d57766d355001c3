import { incompleteWarning } from "@/lib/labels";

/** One warning per selected run that lacks some of its concurrencies. */
export function IncompleteWarnings({ runs }: { runs: { jobId: string; runDir: string; missingConcurrencies: number[] }[] }) {
  if (runs.length === 0) return null;
  return (
    <ul className="space-y-1" data-testid="incomplete-warnings">
      {runs.map((run) => (
        <li key={run.runDir} role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900">
          <strong>{incompleteWarning(run)}</strong>. The job may have failed or timed out before completing all benchmarks.
        </li>
      ))}
    </ul>
  );
}
