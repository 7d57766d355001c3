import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { SrtlogError } from "../errors";
import type { Run } from "../model";
import { buildReportDoc, type ReportDoc } from "../report/report-doc";
import { renderReportHtml } from "../report/report-html";
import type { ReportFormat } from "../report/report-view";
import type { ViewState } from "../view-state";
import { getRunHealth } from "./run-health";
import { viewChartData } from "./view-chart-data";

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
  const [health, { chartRuns, extras }] = await Promise.all([Promise.all(request.runs.map(getRunHealth)), viewChartData(request.runs, state)]);
  return buildReportDoc({ ...request, state, chartRuns, extras, health, generatedAt: new Date() });
}

/** The self-contained HTML report of a view. */
export async function buildReportHtml(request: Omit<ReportRequest, "format">): Promise<string> {
  return renderReportHtml(await buildReport({ ...request, format: "html" }), readPlotlySource());
}
