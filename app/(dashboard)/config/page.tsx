import { ComingSoon } from "../coming-soon";
import { DashboardShell } from "../dashboard-shell";
import { viewOf, type TabPageProps } from "../tab-props";

export default async function ConfigPage(props: TabPageProps) {
  const { state, query } = await viewOf(props);
  return (
    <DashboardShell state={state} query={query}>
      <ComingSoon title="Configuration" purpose="The exact configuration of each run: overview, topology, each worker's command line and environment variables." />
    </DashboardShell>
  );
}
