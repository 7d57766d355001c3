import { describe, expect, it } from "vitest";
import { toChartRun, type ChartRun } from "../../../../lib/charts/chart-data";
import { buildLatencyLayout, buildLatencyTraces, LATENCY_METRICS, type LatencySla } from "../../../../lib/charts/latency-figure";
import { buildParetoFigure } from "../../../../lib/charts/pareto-figure";
import { fieldsFor, fromParetoPayload, toParetoPayload } from "../../../../lib/charts/pareto-payload";
import { livePicks, pickRoles } from "../../../../lib/charts/point-compare";
import { slaBestRows } from "../../../../lib/charts/sla-groups";
import type { Run } from "../../../../lib/model";
import { buildReportFigures } from "../../../../lib/report/report-figures";
import { hasSla } from "../../../../lib/sla";
import { cutoffLine, parseViewState, yChoice, type ViewState } from "../../../../lib/view-state";
import { blankMetadata, blankPoint } from "../../../helpers/model-builders";

/** A run of `gpus` GPUs; per point [concurrency, output TPS, mean TPOT ms, p99 TTFT ms]. */
function makeRun(jobId: string, gpuType: string, tags: string[], points: [number, number, number, number][]): Run {
  return {
    jobId, runPath: `/logs/${jobId}_run`, runDir: `${jobId}_run`, metadataFile: `${jobId}.json`,
    metadata: blankMetadata({ jobId, tags, gpuType, gpusPerNode: 8, container: "c", profiler: { type: "sa-bench", isl: 1024, osl: 1024, concurrencies: null, requestRate: null } }),
    topology: "1P/1D", totalGpus: 8, resultDirs: [], expectedConcurrencies: [], missingConcurrencies: [], missing: [], isComplete: true, notes: [], warnings: [],
    // Points listed out of concurrency order, as a loader may hand them over.
    points: [...points].reverse().map(([concurrency, outputTps, meanTpotMs, p99TtftMs]) =>
      blankPoint({ concurrency, outputTps, totalTps: outputTps * 2, meanTpotMs, p99TtftMs, meanTtftMs: p99TtftMs / 2, medianTtftMs: p99TtftMs / 3, meanItlMs: meanTpotMs, p99ItlMs: meanTpotMs * 2, requestThroughput: outputTps / 1000 })),
  };
}

const RUNS: Run[] = [
  makeRun("100", "NVIDIA H100 80GB HBM3", ["fast"], [[4, 400, 10, 100], [8, 800, 20, 200], [16, 1600, 40, 450]]),
  makeRun("200", "NVIDIA B200", ["fast", "fp8"], [[4, 500, 12, 90], [8, 900, 25, 300], [32, 2000, 80, 900]]),
  makeRun("300", "NVIDIA B200", [], [[8, 700, 15, 150], [64, 2400, 120, 1500]]),
];

/** What the Pareto tab draws: its runs come through the page's payload, its options as components/pareto/pareto-panel.tsx sets them. */
function paretoAsThePanelDraws(runs: readonly Run[], state: ViewState) {
  const axes = { x: state.x, y: state.y };
  const chartRuns = fromParetoPayload(toParetoPayload(runs, fieldsFor(runs, state.sla, axes)));
  const live = livePicks(chartRuns, state.points, axes);
  const marked = pickRoles(live, state.swap && live.length === 2);
  const slaBy = state.frontier ? state.frontierBy : "all";
  const slaRows = hasSla(state.sla) ? slaBestRows(chartRuns, state.sla, yChoice(state.y), slaBy) : [];
  return buildParetoFigure(chartRuns, {
    x: axes.x, y: axes.y, logX: state.paretoLogX, logY: state.paretoLogY, colorBy: state.colorBy,
    cutoff: cutoffLine(state), frontier: state.frontier, frontierBy: state.frontierBy, marked,
    sla: state.sla, best: slaRows.flatMap((row) => (row.best ? [row.best] : [])),
  });
}

/** What the Latency tab draws (components/latency/latency-panel.tsx on the page's d.selected.map(toChartRun)). */
function latencyAsThePanelDraws(chartRuns: readonly ChartRun[], state: ViewState) {
  const rows = hasSla(state.sla) ? slaBestRows(chartRuns, state.sla, yChoice(state.y)) : [];
  const lens: LatencySla | undefined = hasSla(state.sla) ? { sla: state.sla, best: new Set(rows.flatMap((r) => (r.best ? [`${r.best.runDir}@${r.best.concurrency}`] : []))) } : undefined;
  const axes = { x: state.latencyX, logY: state.latencyLogY, median: state.latencyMedian, clipP99: state.latencyClip };
  return LATENCY_METRICS.map(({ key }) => ({ data: buildLatencyTraces(chartRuns, key, state.stat, lens, axes, state.colorBy), layout: buildLatencyLayout(chartRuns, key, state.stat, lens?.sla, axes) }));
}

const VIEWS = [
  "",
  "x=ttft-p99&y=output&xlog=1&ylog=1&color=gpu&frontierBy=gpu",
  "x=output&y=tps-user&cutoff=1&min-tps-user=30&max-ttft-p99=500&pt=100_run@8&pt=200_run@8&swap=1",
  "y=ttft-p99&x=req-rate&color=tag&frontierBy=tag&max-ttft-p99=400",
  "y=total&x=concurrency&frontierBy=topology&stat=p99&latx=tps&logy=1&med=1&clip=1&max-itl-p99=60",
];

describe("a report draws what the dashboard draws for the same URL", () => {
  for (const query of VIEWS) {
    it(`Pareto and Latency figures agree for ?${query || "(default)"}`, () => {
      // A report always draws the frontier: compare with the page where it is ticked.
      const state = { ...parseViewState(new URLSearchParams(query)), frontier: true };
      const report = buildReportFigures(RUNS.map(toChartRun), state);
      const pareto = paretoAsThePanelDraws(RUNS, state);
      expect(report.figures[0].data).toEqual(pareto.data);
      expect(report.figures[0].layout).toEqual(pareto.layout);
      expect(report.frontier).toEqual(pareto.frontier);
      const latency = latencyAsThePanelDraws(RUNS.map(toChartRun), state);
      expect(report.figures.slice(1).map(({ data, layout }) => ({ data, layout }))).toEqual(latency);
    });
  }

  it("gives a run the same colour on the Pareto and every Latency chart", () => {
    const state = { ...parseViewState(new URLSearchParams("")), frontier: true };
    const report = buildReportFigures(RUNS.map(toChartRun), state);
    const colourOf = (data: { name?: string; line?: { color?: string } }[], name: string) => data.find((t) => t.name === name)?.line?.color;
    for (const run of RUNS.map(toChartRun)) {
      const colour = colourOf(report.figures[0].data as never, run.label);
      expect(colour).toMatch(/^#[0-9A-F]{6}$/i);
      for (const figure of report.figures.slice(1)) expect(colourOf(figure.data as never, run.label)).toBe(colour);
    }
  });
});
