import { IncompleteWarnings } from "@/components/incomplete-warnings";
import { RunHealthPanel } from "@/components/run-health-panel";
import { RunWarnings } from "@/components/run-warnings";
import { SummaryCards } from "@/components/summary-cards";
import { getDashboard } from "@/lib/server/dashboard-data";
import { getRunsHealth } from "@/lib/server/run-health";
import { summarizeRuns } from "@/lib/summary";
import { unknownRunsText } from "@/lib/filters";

/** Warnings for runs loaded despite faults and for incomplete runs, the summary figures of the selected runs, then their health signals. */
export async function SummarySection({ query }: { query: string }) {
  const { selected, unknownRuns, logs } = await getDashboard(query);
  const unknown = unknownRuns.length > 0 && (
    <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="unknown-runs">
      {unknownRunsText(unknownRuns, logs.dir)}
    </p>
  );
  if (selected.length === 0) return unknown || null;
  const health = await getRunsHealth(selected);
  return (
    <>
      {unknown}
      <RunWarnings runs={selected} />
      <IncompleteWarnings runs={selected.filter((run) => !run.isComplete)} />
      <SummaryCards summary={summarizeRuns(selected)} />
      <RunHealthPanel health={health} />
    </>
  );
}
