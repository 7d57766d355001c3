import { Suspense } from "react";
import { ChartSkeleton } from "@/components/chart";
import { AggregationSelector } from "@/components/nodes/aggregation-selector";
import { getDashboard } from "@/lib/server/dashboard-data";
import { emptyStateFor } from "../empty-states";
import { NodeChartsSection } from "./node-charts-section";
import { PowerSection } from "./power-section";

/** Node Metrics tab: the aggregation selector at once, the charts when the runs' worker logs are read. */
export async function NodesSection({ query }: { query: string }) {
  const d = await getDashboard(query);
  const empty = emptyStateFor(d);
  if (empty) return empty;
  return (
    <section className="space-y-4" aria-label="Node Metrics">
      <div>
        <h2 className="text-lg font-semibold">Node-Level Metrics</h2>
        <p className="text-sm text-slate-600">
          Each worker&apos;s throughput, requests and KV cache over the run, from its logs; time is seconds since the run&apos;s first batch.
        </p>
      </div>
      <AggregationSelector />
      <Suspense fallback={<ChartSkeleton label="Reading node metrics…" />}>
        <NodeChartsSection query={query} />
      </Suspense>
      <Suspense fallback={null}>
        <PowerSection query={query} />
      </Suspense>
    </section>
  );
}
