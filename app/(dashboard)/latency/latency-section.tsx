import { LatencyPanel } from "@/components/latency/latency-panel";
import { toChartRun } from "@/lib/charts/chart-data";
import { getDashboard } from "@/lib/server/dashboard-data";
import { emptyStateFor } from "../empty-states";

/** Latency Analysis tab: TTFT, TPOT and ITL of the selected runs against concurrency. */
export async function LatencySection({ query }: { query: string }) {
  const d = await getDashboard(query);
  const empty = emptyStateFor(d);
  if (empty) return empty;
  return (
    <section className="space-y-4" aria-label="Latency Analysis">
      <div>
        <h2 className="text-lg font-semibold">Latency Analysis</h2>
        <p className="text-sm text-slate-600">
          TTFT (time to first token), TPOT (time per output token) and ITL (inter-token latency) at each concurrency, or against Output TPS/GPU to see what each level of throughput costs in latency. Use p99 for SLAs, the median for the typical user.
        </p>
      </div>
      <LatencyPanel runs={d.selected.map(toChartRun)} />
    </section>
  );
}
