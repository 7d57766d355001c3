import { ComingSoon } from "../coming-soon";
import { DashboardShell } from "../dashboard-shell";
import { viewOf, type TabPageProps } from "../tab-props";

export default async function NodesPage(props: TabPageProps) {
  const { state, query } = await viewOf(props);
  return (
    <DashboardShell state={state} query={query}>
      <ComingSoon title="Node Metrics" purpose="Runtime behaviour of each prefill and decode worker: throughput, running and queued requests, KV cache utilisation, by node, by DP rank or all nodes together." />
    </DashboardShell>
  );
}
