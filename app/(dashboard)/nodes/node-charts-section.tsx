import { DownsampleNote } from "@/components/nodes/downsample-note";
import { NodeMetricsPanel } from "@/components/nodes/node-metrics-panel";
import { RunNotices, type RunNotice } from "@/components/nodes/run-notices";
import { WindowZoomBar } from "@/components/nodes/window-zoom-bar";
import { addStats, emptyStats, foundNodesText, tallyWorkers, type RunNodeView } from "@/lib/node-view";
import { getDashboard } from "@/lib/server/dashboard-data";
import { nodeViewOf } from "@/lib/server/node-view";
import { shownWindowRuns } from "@/lib/view-state";
import { shownWindowNotes } from "@/lib/windows";

type Ready = Extract<RunNodeView, { state: "ready" }>;

function noticeOf(view: Exclude<RunNodeView, Ready>): RunNotice {
  const label = view.run.label;
  return view.state === "loading" ? { state: "loading", label, loadId: view.loadId } : { state: view.state, label, message: view.message };
}

/** The selected runs' node charts in the URL's aggregation mode; runs still parsing show their progress. */
export async function NodeChartsSection({ query }: { query: string }) {
  const d = await getDashboard(query);
  const views = await Promise.all(d.selected.map((run) => nodeViewOf(run, d.state.agg)));
  const ready = views.filter((view): view is Ready => view.state === "ready");
  const tally = tallyWorkers(ready);
  const shown = shownWindowRuns(d.state.windowRuns, ready.map((view) => view.run.runDir));
  return (
    <div className="space-y-3 xl:space-y-4">
      {ready.length > 0 && (
        <p className="text-sm text-slate-600" data-testid="node-counts">
          {foundNodesText(tally, ready.length)}
        </p>
      )}
      <WindowZoomBar state={d.state} pathname="/nodes" />
      <RunNotices
        notices={views.filter((view): view is Exclude<RunNodeView, Ready> => view.state !== "ready").map(noticeOf)}
        notes={[...shownWindowNotes(ready, shown, d.state.win), ...ready.flatMap((view) => view.notes.map((note) => `${view.run.label}: ${note}`))]}
      />
      {ready.length > 0 && <NodeMetricsPanel runs={ready.map(({ run, lines, windows }) => ({ run, lines, windows }))} tally={tally} mode={d.state.agg} />}
      <DownsampleNote stats={ready.map((view) => view.stats).reduce(addStats, emptyStats())} />
    </div>
  );
}
