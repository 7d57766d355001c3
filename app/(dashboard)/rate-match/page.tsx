import { ComingSoon } from "../coming-soon";
import { DashboardShell } from "../dashboard-shell";
import { viewOf, type TabPageProps } from "../tab-props";

export default async function RateMatchPage(props: TabPageProps) {
  const { state, query } = await viewOf(props);
  return (
    <DashboardShell state={state} query={query}>
      <ComingSoon title="Rate Match" purpose="Whether prefill and decode capacity are balanced, in tokens/s or requests/s (disaggregated runs only)." />
    </DashboardShell>
  );
}
