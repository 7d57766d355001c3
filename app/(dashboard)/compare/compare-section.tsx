import { CompareCharts } from "@/components/compare/compare-charts";
import { CompareControls } from "@/components/compare/compare-controls";
import { DeltaTable } from "@/components/compare/delta-table";
import { EmptyState } from "@/components/empty-state";
import { Y_METRIC_INFO } from "@/lib/charts/pareto-figure";
import { floorNote } from "@/lib/compare";
import { buildCompareView, formatCompareSide, parseCompareSide, sideLabel, sideRuns, type CompareSide } from "@/lib/compare-view";
import { fmt2 } from "@/lib/charts/format";
import { runPickerLabel } from "@/lib/labels";
import { getDashboard } from "@/lib/server/dashboard-data";
import { yChoice } from "@/lib/view-state";
import { emptyStateFor } from "../empty-states";

const asRun = (runDir: string | undefined): CompareSide | null => (runDir ? { kind: "run", value: runDir } : null);

/** Compare tab: the frontiers of a baseline and a candidate (a run or a tag group each), Δ% at equal interactivity. */
export async function CompareSection({ query }: { query: string }) {
  const d = await getDashboard(query);
  // Filters and the sidebar selection only pick the default sides: any run or tag of the logs dir can be compared.
  if (!d.logs.ok || d.runs.length === 0) return emptyStateFor(d);
  const base = (d.state.compareBase ? parseCompareSide(d.state.compareBase) : null) ?? asRun(d.selected[0]?.runDir);
  const cand = (d.state.compareCand ? parseCompareSide(d.state.compareCand) : null) ?? asRun(d.selected[1]?.runDir);
  const baseRuns = base ? sideRuns(d.runs, base) : [];
  const candRuns = cand ? sideRuns(d.runs, cand) : [];
  const options = {
    tags: d.options.tags.map((tag) => ({ value: `tag:${tag}`, label: `tag: ${tag}` })),
    runs: d.runs.map((run) => ({ value: `run:${run.runDir}`, label: runPickerLabel(run) })),
  };
  // The Pareto tab's y may be any metric; Compare ranks frontiers by TPS/GPU only (output, total, goodput, energy).
  const y = yChoice(d.state.y);
  const yLabel = Y_METRIC_INFO[y].label;
  const ready = base && cand && baseRuns.length > 0 && candRuns.length > 0;
  const view = ready ? buildCompareView(baseRuns, candRuns, y, d.state.levels) : null;
  return (
    <section className="space-y-4" aria-label="Compare">
      <div>
        <h2 className="text-lg font-semibold">Frontier Comparison</h2>
        <p className="text-sm text-slate-600">How a candidate&apos;s Pareto frontier compares with a baseline&apos;s at equal interactivity (Output TPS/User), over the range both cover.</p>
      </div>
      <CompareControls base={base ? formatCompareSide(base) : ""} cand={cand ? formatCompareSide(cand) : ""} options={options} />
      {!view || !base || !cand ? (
        <EmptyState title="Pick a baseline and a candidate" testId="compare-pick">
          <p>Choose a run or a tag group for each side above, or select two runs in the sidebar.</p>
        </EmptyState>
      ) : (
        <>
          <CompareCharts baseline={view.baseline} candidate={view.candidate} names={[`Baseline: ${sideLabel(base, baseRuns.length)}`, `Candidate: ${sideLabel(cand, candRuns.length)}`]} y={y} overlap={view.overlap} cutAt={view.cutAt} samples={view.samples} />
          {view.overlap ? (
            <div className="space-y-2">
              <p className="text-sm" data-testid="compare-summary">
                Overlap {fmt2(view.overlap[0])}–{fmt2(view.overlap[1])} TPS/User. Area under the candidate&apos;s frontier / baseline&apos;s:{" "}
                <span className="font-semibold" data-testid="compare-area-ratio">{view.areaRatio === null ? "n/a" : view.areaRatio.toFixed(3)}</span>
                {view.cutAt !== null && view.range && <> (over {fmt2(view.range[0])}–{fmt2(view.range[1])}, where Δ% is given)</>}
              </p>
              {floorNote(view) && (
                <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="compare-floor-note">
                  {floorNote(view)}
                </p>
              )}
              <DeltaTable levels={view.levels} yLabel={yLabel} />
            </div>
          ) : (
            <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="compare-no-overlap">
              The two frontiers do not overlap in Output TPS/User: there is no interactivity level both reach, so nothing to compare.
            </p>
          )}
        </>
      )}
    </section>
  );
}
