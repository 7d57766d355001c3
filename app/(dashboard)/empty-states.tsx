import type { ReactNode } from "react";
import { EmptyState } from "@/components/empty-state";
import { ClearFiltersButton, SelectNewestButton } from "@/components/view-buttons";
import type { Dashboard } from "@/lib/server/dashboard-data";

const code = (text: string) => <code className="rounded bg-slate-200 px-1 font-mono text-xs">{text}</code>;

/** What to show instead of charts when there is nothing to chart, or null when there is. */
export function emptyStateFor(d: Dashboard): ReactNode | null {
  if (!d.logs.ok) {
    return (
      <EmptyState title={d.logs.isDefault ? "No logs directory" : "Cannot open this logs directory"} testId="empty-no-logs">
        <p>{d.logs.message}</p>
        <p>Enter the path of your srt-slurm outputs directory in the sidebar, or start the dashboard on it: {code("make dashboard LOGS_DIR=/path/to/outputs")}.</p>
      </EmptyState>
    );
  }
  if (d.runs.length === 0) {
    return (
      <EmptyState title="No runs found" testId="empty-no-runs">
        <p>No benchmark runs in {code(d.logs.dir)}{d.skipped.length > 0 ? ` (${d.skipped.length} skipped; the sidebar says why)` : ""}.</p>
        <p>A run is a directory such as {code("3667_1P_4D_20251110_192145/")} holding {code("3667.json")} and profiler results like {code("sa-bench_isl_1024_osl_1024/concurrency_64.json")}. New runs appear on reload or with Sync Now.</p>
      </EmptyState>
    );
  }
  if (d.filtered.length === 0) {
    return (
      <EmptyState title="No runs match the filters" testId="empty-filtered">
        <p>None of the {d.runs.length} runs passes every filter in the sidebar.</p>
        <ClearFiltersButton />
      </EmptyState>
    );
  }
  if (d.selected.length === 0) {
    return (
      <EmptyState title="No run selected" testId="empty-no-selection">
        <p>Pick one or more runs under “Select runs to compare” in the sidebar.</p>
        <SelectNewestButton />
      </EmptyState>
    );
  }
  return null;
}
