import { CollapseWhenMany, COLLAPSE_ABOVE_RUNS, plural } from "./collapse-when-many";

const WARNING = "rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900";

/**
 * One line per fault of a selected run that still loaded (metadata missing or unreadable, unknown
 * version). With many runs: one line per run with its count, its warnings on demand, all folded into
 * one summary line.
 */
export function RunWarnings({ runs }: { runs: { runDir: string; warnings: string[] }[] }) {
  const warned = runs.filter((run) => run.warnings.length > 0);
  if (warned.length === 0) return null;
  const lines = (run: (typeof warned)[number]) =>
    run.warnings.map((warning) => (
      <li key={`${run.runDir}:${warning}`} role="status" className={WARNING} data-testid="run-warning" data-run-dir={run.runDir}>
        <strong>{run.runDir}</strong>: {warning}
      </li>
    ));
  if (warned.length <= COLLAPSE_ABOVE_RUNS) {
    return (
      <ul className="space-y-1" data-testid="run-warnings">
        {warned.flatMap(lines)}
      </ul>
    );
  }
  const total = warned.reduce((n, run) => n + run.warnings.length, 0);
  return (
    <CollapseWhenMany runs={warned.length} summary={`${plural(warned.length, "run")} loaded with warnings (${plural(total, "warning")})`} testId="run-warnings-collapsed" className={WARNING}>
      <ul className="mt-1 space-y-1" data-testid="run-warnings">
        {warned.map((run) => (
          <li key={run.runDir} data-testid="run-warnings-run">
            <details>
              <summary className="cursor-pointer">
                <strong>{run.runDir}</strong>: {plural(run.warnings.length, "warning")}
              </summary>
              <ul className="ml-4 space-y-1">{lines(run)}</ul>
            </details>
          </li>
        ))}
      </ul>
    </CollapseWhenMany>
  );
}
