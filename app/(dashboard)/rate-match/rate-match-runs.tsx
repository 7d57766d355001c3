import { DownsampleNote } from "@/components/nodes/downsample-note";
import { RunNotices } from "@/components/nodes/run-notices";
import { Facts, TopologyConflict } from "@/components/rate-match/rate-facts";
import { RateMatchChart } from "@/components/rate-match/rate-match-chart";
import type { Run } from "@/lib/model";
import type { Combine } from "@/lib/node-aggregate";
import { addStats, emptyStats } from "@/lib/node-view";
import { reconcileTopology } from "@/lib/log-topology";
import { rateCombineNote, rateMatchFacts } from "@/lib/rate-match";
import { logTopologyOf } from "@/lib/server/node-files";
import { rateViewOf } from "@/lib/server/node-view";
import { windowNotes } from "@/lib/windows";

/** One card per disaggregated run: its figures and its rate match chart, or why there is none. */
export async function RateMatchRuns({ runs, zoom, how }: { runs: Run[]; zoom?: number; how: Combine }) {
  const views = await Promise.all(runs.map(async (run) => ({ run, view: await rateViewOf(run, how), topo: reconcileTopology(run.metadata, logTopologyOf(run.runPath)) })));
  const stats = views.map(({ view }) => (view.state === "ready" && view.rate ? view.rate.stats : emptyStats())).reduce(addStats, emptyStats());
  return (
    <div className="space-y-6">
      {views.map(({ run, view, topo }) => (
        <section key={run.runDir} className="space-y-3 rounded border border-slate-200 p-4" aria-label={`Rate match of ${view.run.label}`} data-testid="rate-run" data-run-dir={run.runDir}>
          <h3 className="font-semibold">{view.run.label}</h3>
          {view.state === "ready" && <Facts facts={rateMatchFacts(run, topo.roles)} testId="rate-facts" />}
          {topo.conflict && <TopologyConflict text={topo.conflict} />}
          {view.state !== "ready" ? (
            <RunNotices notices={[view.state === "loading" ? { state: "loading", label: view.run.label, loadId: view.loadId } : { state: view.state, label: view.run.label, message: view.message }]} notes={[]} />
          ) : view.rate ? (
            <>
              <RateMatchChart rate={view.rate} run={view.run} windows={view.windows} />
              <p className="text-xs text-slate-600" data-testid="rate-combine-note">
                {rateCombineNote(how, view.counts)}
              </p>
            </>
          ) : (
            <p className="text-sm text-slate-600" data-testid="rate-no-data">
              No prefill input throughput or decode generation throughput in this run&apos;s worker logs.
            </p>
          )}
          {view.state === "ready" && <RunNotices notices={[]} notes={[...windowNotes(view.windows, zoom), ...view.notes]} />}
        </section>
      ))}
      <DownsampleNote stats={stats} />
    </div>
  );
}
