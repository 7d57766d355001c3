import type { RunSummary } from "@/lib/run-summary";
import type { SkippedRun } from "@/lib/model";

/** Loaded runs, one line each, then the skipped ones with their reasons. */
export function RunTable({ runs, skipped }: { runs: RunSummary[]; skipped: SkippedRun[] }) {
  return (
    <>
      <table className="mt-4 w-full text-left text-sm" data-testid="run-table">
        <thead>
          <tr className="border-b">
            {["Job", "Topology", "GPUs", "GPU type", "Profiler", "ISL/OSL", "Points", "Complete", "Tags"].map((title) => (
              <th key={title} className="py-1 pr-3">{title}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.runDir} className="border-b" data-testid="run-row">
              <td className="py-1 pr-3">{run.jobId}</td>
              <td className="pr-3">{run.topology}</td>
              <td className="pr-3">{run.totalGpus ?? "?"}</td>
              <td className="pr-3">{run.gpuType ?? "?"}</td>
              <td className="pr-3">{run.profiler}</td>
              <td className="pr-3">{run.isl ?? "?"}/{run.osl ?? "?"}</td>
              <td className="pr-3">{run.points.length}</td>
              <td className="pr-3">{run.isComplete ? "yes" : `missing ${run.missingConcurrencies.join(", ")}`}</td>
              <td>{run.tags.join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {skipped.length > 0 && (
        <details className="mt-4 text-sm" data-testid="skipped">
          <summary>{skipped.length} skipped</summary>
          <ul className="list-disc pl-6">
            {skipped.map((skip) => (
              <li key={skip.runDir}>
                {skip.runDir}: {skip.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
