import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { toChartRun, type ChartRun } from "../charts/chart-data";
import { withEnergy, withGoodput } from "../charts/goodput-points";
import { axesNeed } from "../charts/pareto-metrics";
import { SrtlogError } from "../errors";
import type { Run } from "../model";
import { buildReportDoc, type ReportDoc } from "../report/report-doc";
import { renderReportHtml } from "../report/report-html";
import type { ReportFormat } from "../report/report-view";
import type { RowExtras } from "../rows";
import type { ViewState } from "../view-state";
import { goodputOfRuns } from "./goodput";
import { energyByPoint } from "./power";
import { getRunHealth } from "./run-health";

const PLOTLY_FILE = path.join("node_modules", "plotly.js-basic-dist-min", "plotly-basic.min.js");
let plotlySource: string | undefined;

/** The Plotly bundle the dashboard draws with, read once; a report inlines it so it never fetches one. */
export function readPlotlySource(): string {
  if (plotlySource !== undefined) return plotlySource;
  // SRTLOG_ROOT is set by bin/srtlog.mjs; the dashboard and tests run from the project root.
  const file = path.join(/*turbopackIgnore: true*/ process.env.SRTLOG_ROOT || process.cwd(), PLOTLY_FILE);
  try {
    plotlySource = readFileSync(/*turbopackIgnore: true*/ file, "utf8");
  } catch (error) {
    throw new SrtlogError("unreadable", `cannot read Plotly for the report at ${file}: ${(error as Error).message}`);
  }
  return plotlySource;
}

/**
 * Chart runs and CSV extras as the Pareto tab computes them: goodput or energy only when an axis (x or y)
 * asks for them, both when both do.
 */
async function chartDataOf(runs: readonly Run[], state: ViewState): Promise<{ chartRuns: ChartRun[]; extras: RowExtras }> {
  const axes = { x: state.x, y: state.y };
  let chartRuns = runs.map(toChartRun);
  const extras: RowExtras = {};
  if (axesNeed(axes, "goodput")) {
    extras.goodput = (await goodputOfRuns(runs, state.sla)).byPoint;
    chartRuns = withGoodput(chartRuns, extras.goodput);
  }
  if (axesNeed(axes, "energy")) {
    extras.energy = energyByPoint(runs);
    chartRuns = withEnergy(chartRuns, extras.energy);
  }
  return { chartRuns, extras };
}

export interface ReportRequest {
  /** The selected runs (dashboard order). */
  runs: readonly Run[];
  state: ViewState;
  logsDir: string;
  origin: string;
  format: ReportFormat;
}

/** The report of a view: each run's full health scan (waited for: a report is read later), charts, rows. */
export async function buildReport(request: ReportRequest): Promise<ReportDoc> {
  if (request.runs.length === 0) throw new SrtlogError("bad_input", "no runs selected: nothing to report");
  // A report always draws the frontier, as the dashboard draws it with "Pareto frontier" ticked.
  const state = { ...request.state, frontier: true };
  const [health, { chartRuns, extras }] = await Promise.all([Promise.all(request.runs.map(getRunHealth)), chartDataOf(request.runs, state)]);
  return buildReportDoc({ ...request, state, chartRuns, extras, health, generatedAt: new Date() });
}

/** The self-contained HTML report of a view. */
export async function buildReportHtml(request: Omit<ReportRequest, "format">): Promise<string> {
  return renderReportHtml(await buildReport({ ...request, format: "html" }), readPlotlySource());
}
