import type { SkippedRun } from "@/lib/model";

/** Directories that looked like runs but could not be loaded, each with the reason. */
export function SkippedRuns({ skipped }: { skipped: SkippedRun[] }) {
  if (skipped.length === 0) return null;
  return (
    <details className="rounded border border-amber-300 bg-amber-50 text-xs" data-testid="skipped-runs">
      <summary className="cursor-pointer px-2 py-1 font-medium text-amber-900">
        {skipped.length} run{skipped.length === 1 ? "" : "s"} skipped
      </summary>
      <ul className="space-y-1 px-2 pb-2">
        {skipped.map((skip) => (
          <li key={skip.runDir} data-testid="skipped-run">
            <span className="font-mono">{skip.runDir}</span>: {skip.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}
