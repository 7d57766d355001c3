import { Suspense } from "react";
import { ChartSkeleton } from "@/components/chart";
import { DashboardShell } from "../dashboard-shell";
import { viewOf, type TabPageProps } from "../tab-props";
import { CompareSection } from "./compare-section";

export default async function ComparePage(props: TabPageProps) {
  const { state, query } = await viewOf(props);
  return (
    <DashboardShell state={state} query={query}>
      <Suspense fallback={<ChartSkeleton label="Loading runs…" />}>
        <CompareSection query={query} />
      </Suspense>
    </DashboardShell>
  );
}
