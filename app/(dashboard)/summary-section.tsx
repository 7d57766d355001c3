import { IncompleteWarnings } from "@/components/incomplete-warnings";
import { RunHealthPanel } from "@/components/run-health-panel";
import { RunWarnings } from "@/components/run-warnings";
import { SummaryCards } from "@/components/summary-cards";
import { getDashboard } from "@/lib/server/dashboard-data";
import { getRunsHealth } from "@/lib/server/run-health";
import { summarizeRuns } from "@/lib/summary";

/** Warnings for runs loaded despite faults and for incomplete runs, the summary figures of the selected runs, then their health signals. */
export async function SummarySection({ query }: { query: string }) {
  const { selected } = await getDashboard(query);
  if (selected.length === 0) return null;
  const health = await getRunsHealth(selected);
  return (
    <>
      <RunWarnings runs={selected} />
      <IncompleteWarnings runs={selected.filter((run) => !run.isComplete)} />
      <SummaryCards summary={summarizeRuns(selected)} />
      <RunHealthPanel health={health} />
    </>
  );
}
