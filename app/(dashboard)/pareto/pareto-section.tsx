import { MetricFormulas } from "@/components/metric-formulas";
import { ParetoPanel } from "@/components/pareto/pareto-panel";
import { fieldsFor, toParetoPayload } from "@/lib/charts/pareto-payload";
import Link from "next/link";
import { getDashboard } from "@/lib/server/dashboard-data";
import { hrefFor } from "@/lib/view-state";
import { emptyStateFor } from "../empty-states";

/** Pareto Graph tab: the selected runs' chart data, CSV download and the metric formulas. */
export async function ParetoSection({ query }: { query: string }) {
  const d = await getDashboard(query);
  const empty = emptyStateFor(d);
  if (empty) return empty;
  return (
    <section className="space-y-4" aria-label="Pareto Graph">
      <div>
        <h2 className="text-lg font-semibold">Pareto Frontier Analysis</h2>
        <p className="text-sm text-slate-600">
          The trade-off between throughput per GPU and throughput per user: points up and to the right are better.{" "}
          <Link href={hrefFor("/compare", d.state)} className="underline" data-testid="pareto-compare-link">
            Compare two frontiers (runs or tag groups)
          </Link>
        </p>
      </div>
      <ParetoPanel payload={toParetoPayload(d.selected, fieldsFor(d.selected, d.state.sla))} sentSla={d.state.sla} />
      <div className="flex justify-center">
        <a href={query ? `/api/export?${query}` : "/api/export"} download className="btn px-4 py-2 text-sm" data-testid="download-csv">
          Download Data as CSV
        </a>
      </div>
      <MetricFormulas />
    </section>
  );
}
