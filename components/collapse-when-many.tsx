/** Up to this many runs a warning list or the health panel shows every run's line as before; above, it folds. */
export const COLLAPSE_ABOVE_RUNS = 5;

/**
 * A list of per-run lines that stays open for a few runs and, for more (a whole sweep selected), folds
 * into one closed line saying how many and what in total, so the charts stay on the first screen and
 * the details are a click away.
 */
export function CollapseWhenMany({ runs, summary, testId, className, children }: { runs: number; summary: React.ReactNode; testId: string; className?: string; children: React.ReactNode }) {
  if (runs <= COLLAPSE_ABOVE_RUNS) return <>{children}</>;
  return (
    <details className={className} data-testid={testId}>
      <summary className="cursor-pointer" data-testid={`${testId}-summary`}>
        {summary}
      </summary>
      {children}
    </details>
  );
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
