import { Suspense } from "react";
import { ChartSkeleton } from "@/components/chart";
import { requestsParamsSchema } from "@/lib/requests-view";
import { DashboardShell } from "../dashboard-shell";
import { viewOf, type TabPageProps } from "../tab-props";
import { RequestsSection } from "./requests-section";

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function RequestsPage(props: TabPageProps) {
  const { state, query } = await viewOf(props);
  const raw = await props.searchParams;
  const params = requestsParamsSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, first(v)])));
  return (
    <DashboardShell state={state} query={query}>
      <Suspense fallback={<ChartSkeleton label="Reading per-request data…" />}>
        <RequestsSection query={query} params={params} />
      </Suspense>
    </DashboardShell>
  );
}
