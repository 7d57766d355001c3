/** One line per fault of a selected run that still loaded (metadata missing or unreadable, unknown version). */
export function RunWarnings({ runs }: { runs: { runDir: string; warnings: string[] }[] }) {
  const warned = runs.filter((run) => run.warnings.length > 0);
  if (warned.length === 0) return null;
  return (
    <ul className="space-y-1" data-testid="run-warnings">
      {warned.flatMap((run) =>
        run.warnings.map((warning) => (
          <li key={`${run.runDir}:${warning}`} role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900" data-testid="run-warning" data-run-dir={run.runDir}>
            <strong>{run.runDir}</strong>: {warning}
          </li>
        )),
      )}
    </ul>
  );
}
