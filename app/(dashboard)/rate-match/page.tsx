import { Suspense } from "react";
import { ChartSkeleton } from "@/components/chart";
import { DashboardShell } from "../dashboard-shell";
import { viewOf, type TabPageProps } from "../tab-props";
import { RateMatchSection } from "./rate-match-section";

export default async function RateMatchPage(props: TabPageProps) {
  const { state, query } = await viewOf(props);
  return (
    <DashboardShell state={state} query={query}>
      <Suspense fallback={<ChartSkeleton label="Loading runs…" />}>
        <RateMatchSection query={query} />
      </Suspense>
    </DashboardShell>
  );
}
