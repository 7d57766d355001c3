import { IncompleteWarnings } from "@/components/incomplete-warnings";
import { SummaryCards } from "@/components/summary-cards";
import { getDashboard } from "@/lib/server/dashboard-data";
import { summarizeRuns } from "@/lib/summary";

/** Warnings for incomplete runs, then the summary figures of the selected runs. */
export async function SummarySection({ query }: { query: string }) {
  const { selected } = await getDashboard(query);
  if (selected.length === 0) return null;
  return (
    <>
      <IncompleteWarnings runs={selected.filter((run) => !run.isComplete)} />
      <SummaryCards summary={summarizeRuns(selected)} />
    </>
  );
}
