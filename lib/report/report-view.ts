import { COLOR_BY_TITLES } from "../charts/pareto-colors";
import { AXIS_METRIC_INFO, type AxisMetric } from "../charts/pareto-metrics";
import { csvFileName } from "../labels";
import type { Run } from "../model";
import { slaEntries, slaText, NO_SLA } from "../sla";
import { ALL_RUNS, DEFAULT_SELECTED_RUNS, DEFAULT_VIEW_STATE, toQueryString, type ViewState } from "../view-state";

export type ReportFormat = "html" | "md";

/** A shell word: left bare when it is plainly safe, else single-quoted (a tag can hold anything). */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The view minus what `srtlog report` has its own flags for (runs, tags, SLA bounds, y) and what a report
 * always does (frontier on): the rest goes to `--view` as a dashboard query string.
 */
export function restOfView(state: ViewState): string {
  return toQueryString({ ...state, logs: undefined, runs: undefined, tags: [], sla: NO_SLA, y: DEFAULT_VIEW_STATE.y, frontier: false });
}

/** The `srtlog report` command line that writes this view's report again. */
export function reproduceCommand(state: ViewState, logsDir: string, format: ReportFormat): string {
  const words = ["srtlog", "report"];
  if (state.runs === ALL_RUNS) words.push("--all");
  else if (state.runs) words.push(...state.runs);
  // A tag starting with "-" goes as --tag=VALUE: Node's parser refuses `--tag -fp8` as ambiguous.
  for (const tag of state.tags) words.push(...(tag.startsWith("-") ? [`--tag=${tag}`] : ["--tag", tag]));
  for (const [key, value] of slaEntries(state.sla)) words.push(`--${key}`, value);
  if (state.y !== DEFAULT_VIEW_STATE.y) words.push("--y", state.y);
  const rest = restOfView(state);
  if (rest) words.push("--view", rest);
  words.push("--logs", logsDir);
  if (format === "md") words.push("--format", "md");
  words.push("--out", format === "md" ? "report.md" : "report.html");
  return words.map((word, i) => (i < 2 ? word : shellWord(word))).join(" ");
}

/** The dashboard link showing the same view (the Pareto tab; the other tabs take the same query). */
export function dashboardUrl(origin: string, state: ViewState): string {
  const query = toQueryString(state);
  return `${origin.replace(/\/$/, "")}/pareto${query ? `?${query}` : ""}`;
}

function runsText(state: ViewState, count: number): string {
  if (state.runs === ALL_RUNS) return `all ${count} runs passing the filters`;
  if (state.runs) return `${state.runs.join(", ")} (${count} run${count === 1 ? "" : "s"})`;
  return `the newest ${DEFAULT_SELECTED_RUNS} passing the filters (the dashboard's default): ${count} run${count === 1 ? "" : "s"}`;
}

/** What produced the report: runs, filters, SLA bounds and chart options, as [what, value] lines. */
export function selectionLines(state: ViewState, count: number): [string, string][] {
  const filters: [string, string[]][] = [["GPU", state.gpu], ["Topology", state.topology], ["ISL/OSL", state.islOsl], ["Container", state.container], ["Tags (all of)", state.tags]];
  const lines: [string, string][] = [["Runs", runsText(state, count)]];
  for (const [name, values] of filters) if (values.length > 0) lines.push([name, values.join(", ")]);
  lines.push(["SLA bounds", slaText(state.sla) || "none"]);
  // By the labels the chart's axes carry (not the URL keys), with the scale and colouring the chart has.
  const axis = (metric: AxisMetric, log: boolean) => `${AXIS_METRIC_INFO[metric].label}${log ? ", log scale" : ""}`;
  lines.push(["Pareto y axis", axis(state.y, state.paretoLogY)], ["Pareto x axis", axis(state.x, state.paretoLogX)], ["Colour by", COLOR_BY_TITLES[state.colorBy]]);
  lines.push(["Frontier", state.frontierBy === "all" ? "over all runs" : `per ${state.frontierBy}`]);
  const axes = [`${state.stat}`, state.latencyX === "tps" ? "vs Output TPS/GPU" : "vs concurrency", state.latencyLogY ? "log y" : "", state.latencyMedian ? "median dashed" : "", state.latencyClip ? "y capped at p99" : ""];
  lines.push(["Latency charts", axes.filter(Boolean).join(", ")]);
  return lines;
}

/**
 * Download name of a report, named like the CSV (`srtlog-report-jobs-3667-12045.html`); anything but
 * letters, digits, `.`, `_` and `-` becomes `_`, so a job id cannot break the Content-Disposition header.
 */
export function reportFileName(runs: readonly Pick<Run, "jobId">[]): string {
  return csvFileName(runs).replace(/^srtlog-benchmark-data/, "srtlog-report").replace(/\.csv$/, ".html").replace(/[^\w.-]/g, "_");
}
