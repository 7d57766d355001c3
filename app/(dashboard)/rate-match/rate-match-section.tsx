import { Suspense } from "react";
import { ChartSkeleton } from "@/components/chart";
import { WindowZoomBar } from "@/components/nodes/window-zoom-bar";
import { RateCombineToggle } from "@/components/rate-match/rate-combine-toggle";
import { RateUnitToggle } from "@/components/rate-match/rate-unit-toggle";
import { runGpuLabel } from "@/lib/labels";
import { RATE_MATCH_GUIDE } from "@/lib/rate-match";
import { getDashboard } from "@/lib/server/dashboard-data";
import { emptyStateFor } from "../empty-states";
import { RateMatchRuns } from "./rate-match-runs";

/** Rate Match tab: whether prefill and decode capacity are balanced, per disaggregated run. */
export async function RateMatchSection({ query }: { query: string }) {
  const d = await getDashboard(query);
  const empty = emptyStateFor(d);
  if (empty) return empty;
  const disaggregated = d.selected.filter((run) => run.metadata.mode !== "aggregated");
  const aggregated = d.selected.filter((run) => run.metadata.mode === "aggregated");
  const how = d.state.agg === "sum" ? "sum" : "mean";
  return (
    <section className="space-y-4" aria-label="Rate Match">
      <div className="space-y-1">
        <h2 className="text-lg font-semibold">Rate Match</h2>
        <p className="text-sm text-slate-600">
          Is prefill balanced with decode? Prefill input rate against decode generation rate (how to read it: below the charts).
        </p>
      </div>
      {aggregated.length > 0 && (
        <div className="rounded border border-slate-200 bg-slate-50 px-3 py-2 text-sm" data-testid="rate-not-applicable">
          Not applicable to aggregated runs (no prefill/decode split): {aggregated.map(runGpuLabel).join("; ")}
        </div>
      )}
      {disaggregated.length > 0 && (
        <>
          <div className="flex flex-wrap gap-x-8 gap-y-2">
            <RateCombineToggle />
            <RateUnitToggle />
          </div>
          <WindowZoomBar state={d.state} pathname="/rate-match" />
          <Suspense fallback={<ChartSkeleton label="Reading node metrics…" />}>
            <RateMatchRuns runs={disaggregated} zoom={d.state.win} how={how} />
          </Suspense>
        </>
      )}
      <div className="space-y-1" data-testid="rate-reading">
        <h3 className="text-sm font-semibold">Reading the chart</h3>
        <ul className="list-disc pl-5 text-sm text-slate-700" data-testid="rate-guide">
          {RATE_MATCH_GUIDE.map((item) => (
            <li key={item.when}>
              <strong>{item.when}</strong>: {item.means}
            </li>
          ))}
        </ul>
        <p className="text-xs text-slate-500">Convert from tokens/s to requests/s using ISL/OSL for clearer comparison. This tab only applies to disaggregated runs (prefill/decode split).</p>
      </div>
    </section>
  );
}
