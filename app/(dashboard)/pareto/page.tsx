import { Suspense } from "react";
import { ChartSkeleton } from "@/components/chart";
import { DashboardShell } from "../dashboard-shell";
import { viewOf, type TabPageProps } from "../tab-props";
import { ParetoSection } from "./pareto-section";

export default async function ParetoPage(props: TabPageProps) {
  const { state, query } = await viewOf(props);
  return (
    <DashboardShell state={state} query={query}>
      <Suspense fallback={<ChartSkeleton height={600} label="Loading runs…" />}>
        <ParetoSection query={query} />
      </Suspense>
    </DashboardShell>
  );
}
