import { DownloadReport } from "@/components/download-report";
import { MetricFormulas } from "@/components/metric-formulas";
import { ParetoPanel } from "@/components/pareto/pareto-panel";
import { toChartRun } from "@/lib/charts/chart-data";
import { fieldsFor, toParetoPayload, withPayloadExtras } from "@/lib/charts/pareto-payload";
import Link from "next/link";
import { getDashboard } from "@/lib/server/dashboard-data";
import { goodputOfRuns } from "@/lib/server/goodput";
import { withEnergy, withGoodput } from "@/lib/charts/goodput-points";
import { axesNeed, AXIS_METRIC_INFO, isLegacyPlane, type AxisPair } from "@/lib/charts/pareto-metrics";
import { energyByPoint, loadRunEnergy } from "@/lib/server/power";
import { slaText } from "@/lib/sla";
import { hrefFor } from "@/lib/view-state";
import { emptyStateFor } from "../empty-states";

/** Pareto Graph tab: the selected runs' chart data, CSV download and the metric formulas. */
export async function ParetoSection({ query }: { query: string }) {
  const d = await getDashboard(query);
  const empty = emptyStateFor(d);
  if (empty) return empty;
  const axes: AxisPair = { x: d.state.x, y: d.state.y };
  let payload = toParetoPayload(d.selected, fieldsFor(d.selected, d.state.sla, axes));
  let goodputNote: React.ReactNode = null;
  // Per-request data is read only when goodput is on an axis: the usual page stays as fast as before.
  if (axesNeed(axes, "goodput")) {
    const { byPoint, problems } = await goodputOfRuns(d.selected, d.state.sla);
    payload = withPayloadExtras(payload, withGoodput(d.selected.map(toChartRun), byPoint), ["reportedGoodputRps", "goodputRps", "goodputTpsPerGpu", "slaAttainmentPct"]);
    goodputNote = <GoodputNote bounds={d.state.sla.bounds.length > 0 ? slaText({ ...d.state.sla, minTpsUser: null }) : null} problems={problems} />;
  }
  if (axesNeed(axes, "energy")) {
    payload = withPayloadExtras(payload, withEnergy(d.selected.map(toChartRun), energyByPoint(d.selected)), ["outputTokensPerJ", "meanPowerW"]);
    const loads = d.selected.map((run) => ({ run, energy: loadRunEnergy(run) }));
    const without = loads.filter((l) => l.energy.status === "no power data").map((l) => l.run.runDir);
    // Damaged records are said on the page with their counts, as `srtlog runs` says them.
    const warnings = loads.flatMap((l) => (l.energy.status === "ok" ? l.energy.warnings.map((w) => `${l.run.runDir}: ${w}`) : []));
    goodputNote = (
      <p className="rounded border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700" data-testid="energy-note">
        <b>Energy</b>: output tokens per joule of GPU board power (DCGM) over each point&apos;s measurement window, all the job&apos;s GPUs summed.
        {without.length > 0 && <> No power data for {without.join(", ")}: not plotted.</>}
        {warnings.map((w) => (
          <span key={w} className="block text-amber-700" data-testid="energy-warning">
            {w}
          </span>
        ))}
      </p>
    );
  }
  return (
    <section className="space-y-4" aria-label="Pareto Graph">
      <div>
        <h2 className="text-lg font-semibold">Pareto Frontier Analysis</h2>
        <p className="text-sm text-slate-600">
          <BetterText axes={axes} />{" "}
          <Link prefetch={false} href={hrefFor("/compare", d.state)} className="underline" data-testid="pareto-compare-link">
            Compare two frontiers (runs or tag groups)
          </Link>
        </p>
      </div>
      {goodputNote}
      <ParetoPanel payloadJson={JSON.stringify(payload)} sent={{ sla: d.state.sla, x: d.state.x, y: d.state.y }} />
      <div className="flex justify-center gap-3">
        <a href={query ? `/api/export?${query}` : "/api/export"} download className="btn px-4 py-2 text-sm" data-testid="download-csv">
          Download Data as CSV
        </a>
        <DownloadReport inline />
      </div>
      <MetricFormulas />
    </section>
  );
}

/** Which way is better on this chart: today's sentence for the default axes, else per axis. */
function BetterText({ axes }: { axes: AxisPair }) {
  if (isLegacyPlane(axes)) return <>The trade-off between throughput per GPU and throughput per user: points up and to the right are better.</>;
  const way = (m: AxisPair["x"], up: string, down: string) => (AXIS_METRIC_INFO[m].better === "higher" ? up : down);
  return (
    <>
      {AXIS_METRIC_INFO[axes.y].label} against {AXIS_METRIC_INFO[axes.x].label}: points {way(axes.y, "higher", "lower")} and further {way(axes.x, "right", "left")} are better, and the frontier is taken that way.
    </>
  );
}

/** Says what goodput counts here, and how it differs from the benchmark's own `request_goodput`. */
function GoodputNote({ bounds, problems }: { bounds: string | null; problems: string[] }) {
  return (
    <div className="rounded border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700" data-testid="goodput-note">
      <p>
        <b>Goodput</b> (srtlog, per request): requests that did not fail and met{" "}
        {bounds ? <>every latency bound of the SLA lens, each read per request ({bounds})</> : <>no bound yet (set latency bounds in the SLA lens); every successful request counts</>},
        divided by the point&apos;s duration; y is their output tokens/s per GPU. Warmup requests are left out. The hover also shows{" "}
        <code>request_goodput</code> where the result file has it: the benchmark&apos;s own figure under the SLOs it was run with.
      </p>
      {problems.length > 0 && (
        <p className="mt-1 text-amber-700" data-testid="goodput-problems">
          No per-request data for {problems.length} point(s): {problems.slice(0, 3).join("; ")}
        </p>
      )}
    </div>
  );
}
