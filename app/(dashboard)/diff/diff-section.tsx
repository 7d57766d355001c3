import { DiffControls } from "@/components/diff/diff-controls";
import { DiffTable } from "@/components/diff/diff-table";
import { EmptyState } from "@/components/empty-state";
import { runGpuLabel, runPickerLabel } from "@/lib/labels";
import { alignRoles, badge, diffRuns } from "@/lib/run-diff";
import { perfDeltaText, visibleRows } from "@/lib/run-diff-view";
import { getDashboard } from "@/lib/server/dashboard-data";
import { getRunSettings } from "@/lib/server/run-diff";
import { emptyStateFor } from "../empty-states";

/** Run Diff tab: what changed between two runs, setting by setting. */
export async function DiffSection({ query }: { query: string }) {
  const d = await getDashboard(query);
  const a = d.state.diffA ?? d.selected[0]?.runDir ?? "";
  const b = d.state.diffB ?? d.selected[1]?.runDir ?? "";
  const runA = d.runs.find((run) => run.runDir === a);
  const runB = d.runs.find((run) => run.runDir === b);
  // Filters and the sidebar selection only pick the default pair: any two runs of the logs dir can be compared.
  if (!d.logs.ok || d.runs.length === 0) return emptyStateFor(d);
  const options = d.runs.map((run) => ({ runDir: run.runDir, label: runPickerLabel(run) }));
  const settings = runA && runB ? { a: getRunSettings(runA), b: getRunSettings(runB) } : null;
  const rows = settings ? visibleRows(diffRuns(settings.a, settings.b), { same: true, identity: d.state.diffIds }) : null;
  const roleNote = settings ? alignRoles(settings.a, settings.b).note : null;
  return (
    <section className="space-y-4" aria-label="Run Diff">
      <div>
        <h2 className="text-lg font-semibold">Run Diff</h2>
        <p className="text-sm text-slate-600">What changed between two runs: metadata, each role&apos;s server args, flags and environment, and the recipe (config.yaml).</p>
      </div>
      <DiffControls runs={options} a={runA ? a : ""} b={runB ? b : ""} />
      {rows && runA && runB ? (
        <>
          <p className="text-sm font-medium" data-testid="diff-perf">
            {perfDeltaText(runA, runB)}
          </p>
          <p>
            <span className="rounded bg-slate-800 px-2 py-1 text-sm font-semibold text-white" data-testid="diff-badge">{badge(rows)}</span>
            {!d.state.diffIds && <span className="ml-3 text-xs text-slate-500">identity keys (hosts, SLURM_*, job ids, ports) hidden</span>}
          </p>
          {roleNote && (
            <p className="text-sm text-slate-700" data-testid="diff-role-note">
              {roleNote}
            </p>
          )}
          <DiffTable rows={d.state.diffSame ? rows : rows.filter((row) => row.differs)} labelA={runGpuLabel(runA)} labelB={runGpuLabel(runB)} />
        </>
      ) : (
        <EmptyState title="Pick two runs" testId="diff-pick">
          <p>Choose run A and run B above, or select two runs in the sidebar.</p>
        </EmptyState>
      )}
    </section>
  );
}
