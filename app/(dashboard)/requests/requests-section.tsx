import { RequestsPanel } from "@/components/requests/requests-panel";
import type { RequestsParams } from "@/lib/requests-view";
import { getDashboard } from "@/lib/server/dashboard-data";
import { getRequestsData } from "@/lib/server/requests-data";
import { emptyStateFor } from "../empty-states";

/** Requests tab: per-request latency distributions of one run (or one of its points). */
export async function RequestsSection({ query, params }: { query: string; params: RequestsParams }) {
  const d = await getDashboard(query);
  const empty = emptyStateFor(d);
  if (empty) return empty;
  const data = await getRequestsData(d.selected, params);
  return (
    <section className="space-y-4" aria-label="Requests">
      <div>
        <h2 className="text-lg font-semibold">Requests</h2>
        <p className="text-sm text-slate-600">
          What each request saw, not the average: distributions of TTFT, TPOT, ITL and E2E per concurrency, from the result files&apos; per-request arrays
          (sa-bench) or AIPerf&apos;s profile_export.jsonl.
        </p>
      </div>
      {data ? <RequestsPanel data={data} params={params} /> : <p className="text-sm">Select a run in the sidebar.</p>}
    </section>
  );
}
