import { LatencyPanel } from "@/components/latency/latency-panel";
import { toChartRun } from "@/lib/charts/chart-data";
import { getDashboard } from "@/lib/server/dashboard-data";
import { viewChartData } from "@/lib/server/view-chart-data";
import { hasSla } from "@/lib/sla";
import { emptyStateFor } from "../empty-states";

/** Latency Analysis tab: TTFT, TPOT and ITL of the selected runs against concurrency. */
export async function LatencySection({ query }: { query: string }) {
  const d = await getDashboard(query);
  const empty = emptyStateFor(d);
  if (empty) return empty;
  // The best point under the SLA ranks by the Pareto y choice: with goodput or energy there, those values are
  // read as the Pareto tab reads them (only then: x is the tab's own), else no point could be ranked.
  const runs = hasSla(d.state.sla) ? (await viewChartData(d.selected, { ...d.state, x: d.state.y })).chartRuns : d.selected.map(toChartRun);
  return (
    <section className="space-y-4" aria-label="Latency Analysis">
      <div>
        <h2 className="text-lg font-semibold">Latency Analysis</h2>
        <p className="text-sm text-slate-600">
          TTFT (time to first token), TPOT (time per output token) and ITL (inter-token latency) at each concurrency, or against Output TPS/GPU to see what each level of throughput costs in latency. Use p99 for SLAs, the median for the typical user.
        </p>
      </div>
      <LatencyPanel runs={runs} />
    </section>
  );
}
