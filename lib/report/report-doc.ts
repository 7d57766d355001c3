import type { ChartRun } from "../charts/chart-data";
import { fmt2 } from "../charts/format";
import { Y_METRIC_INFO } from "../charts/pareto-figure";
import { HEALTH_SIGNALS } from "../../parsers/health-signals";
import type { RunHealth } from "../health";
import { islOslLabel, legendLabel } from "../labels";
import type { Run } from "../model";
import { ROW_COLUMNS, toRows, type Row, type RowColumn, type RowExtras } from "../rows";
import type { BestRow } from "../sla";
import { yChoice, type ViewState } from "../view-state";
import { buildReportFigures, type ReportFigure } from "./report-figures";
import { reproduceCommand, dashboardUrl, selectionLines, type ReportFormat } from "./report-view";

/**
 * The summary table's columns: the guide's data-frame columns (the Python `to_dataframe`, then median,
 * p99 and std latencies), taken from lib/rows.ts so the report, the CSV and `srtlog export` agree.
 */
export const REPORT_COLUMNS: readonly RowColumn[] = ROW_COLUMNS.slice(0, ROW_COLUMNS.indexOf("Std ITL (ms)") + 1);

export interface RunEssentials {
  runDir: string;
  label: string;
  /** [what, value] pairs: GPU, topology, container, model, ISL/OSL ... */
  facts: [string, string][];
}

export interface RunHealthNote {
  runDir: string;
  label: string;
  /** "1 OOM, 2 tracebacks", or "no trouble signals". */
  badge: string;
  /** First occurrences (file:line text), loader warnings and missing concurrencies, one line each. */
  notes: string[];
}

/** Everything a report shows, as plain data; the HTML and Markdown renderers only lay it out. */
export interface ReportDoc {
  title: string;
  generatedAt: string;
  logsDir: string;
  command: string;
  dashboardUrl: string;
  selection: [string, string][];
  figures: ReportFigure[];
  slaRows: BestRow[];
  /** The Pareto y axis's name, e.g. Output TPS/GPU (the SLA table's throughput column). */
  yLabel: string;
  columns: readonly RowColumn[];
  rows: Row[];
  essentials: RunEssentials[];
  health: RunHealthNote[];
}

export interface ReportInput {
  /** The selected runs, in dashboard order (newest first). */
  runs: readonly Run[];
  /** Chart data of the same runs (with goodput or energy filled when the y metric needs them). */
  chartRuns: readonly ChartRun[];
  state: ViewState;
  health: readonly RunHealth[];
  logsDir: string;
  /** Where the dashboard runs, e.g. `http://127.0.0.1:8501`. */
  origin: string;
  format: ReportFormat;
  generatedAt: Date;
  extras?: RowExtras;
}

const orNa = (value: string | number | null | undefined) => (value === null || value === undefined || value === "" ? "N/A" : String(value));

function essentialsOf(run: Run): RunEssentials {
  const m = run.metadata;
  const facts: [string, string][] = [
    ["Run directory", run.runDir],
    ["Job", `${run.jobId}${m.jobName ? ` (${m.jobName})` : ""}`],
    ["Date", orNa(m.runDate)],
    ["GPU", `${orNa(m.gpuType)}, ${orNa(run.totalGpus)} GPUs (${orNa(m.gpusPerNode)} per node)`],
    ["Topology", `${run.topology} (${m.mode})`],
    ["Container", orNa(m.container)],
    ["Backend", orNa(m.backendType)],
    ["Model", orNa(m.modelPath ?? run.points.find((p) => p.modelId)?.modelId)],
    ["Precision", orNa(m.precision)],
    ["ISL/OSL", islOslLabel(run)],
    ["Benchmark", `${m.profiler.type}, concurrencies ${run.points.map((p) => p.concurrency).sort((a, b) => a - b).join(", ") || "none"}`],
    ["Tags", m.tags.length > 0 ? m.tags.join(", ") : "none"],
  ];
  return { runDir: run.runDir, label: legendLabel(run), facts };
}

function healthOf(run: Run, health: RunHealth | undefined): RunHealthNote {
  const label = (id: string) => HEALTH_SIGNALS.find((s) => s.id === id)?.label ?? id;
  const notes = [
    ...(health?.first ?? []).map((o) => `${label(o.signal)} at ${o.file}:${o.line}: ${o.text}`),
    ...run.warnings.map((w) => `warning: ${w}`),
    ...(run.missingConcurrencies.length > 0 ? [`missing concurrencies: ${run.missingConcurrencies.join(", ")}`] : []),
  ];
  return { runDir: run.runDir, label: legendLabel(run), badge: health?.badge || "no trouble signals", notes };
}

/** `srtlog report: 3667, 12045 (2 runs)`. */
function titleOf(runs: readonly Run[]): string {
  const ids = [...new Set(runs.map((run) => run.jobId))];
  const shown = ids.length > 6 ? `${ids.slice(0, 6).join(", ")} +${ids.length - 6}` : ids.join(", ");
  return `srtlog report: ${shown} (${runs.length} run${runs.length === 1 ? "" : "s"})`;
}

/** The report of a view: figures by the dashboard's builders, rows by lib/rows.ts, health and config per run. */
export function buildReportDoc(input: ReportInput): ReportDoc {
  const { figures, slaRows } = buildReportFigures(input.chartRuns, input.state);
  const byRun = new Map(input.health.map((h) => [h.runDir, h]));
  return {
    title: titleOf(input.runs),
    generatedAt: input.generatedAt.toISOString().replace(/\.\d+Z$/, "Z"),
    logsDir: input.logsDir,
    command: reproduceCommand(input.state, input.logsDir, input.format),
    dashboardUrl: dashboardUrl(input.origin, input.state),
    selection: selectionLines(input.state, input.runs.length),
    figures,
    slaRows,
    yLabel: Y_METRIC_INFO[yChoice(input.state.y)].label,
    columns: REPORT_COLUMNS,
    rows: toRows(input.runs, input.extras),
    essentials: input.runs.map(essentialsOf),
    health: input.runs.map((run) => healthOf(run, byRun.get(run.runDir))),
  };
}

/** A table cell: numbers with two decimals (integers as they are), missing as N/A, like the dashboard. */
export function cellText(value: string | number | null): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : fmt2(value);
  return orNa(value);
}

/** The SLA lens's best-point table as text cells (header first), as the Pareto tab and `srtlog best` show it. */
export function slaTable(doc: Pick<ReportDoc, "slaRows" | "yLabel">): string[][] {
  const header = ["Run / group", "Concurrency", doc.yLabel, "TPS/User", "Passing", "Binding constraint"];
  const rows = doc.slaRows.map((row) => [
    row.name,
    row.best ? String(row.best.concurrency) : "-",
    row.best ? fmt2(row.best.y) : "-",
    row.best ? fmt2(row.best.x) : "-",
    `${row.passing}/${row.points}`,
    row.best ? (row.binding ?? "none (highest throughput point passes)") : row.nearestMiss ? `none passes; nearest: concurrency ${row.nearestMiss.point.concurrency} (${row.nearestMiss.failures.join(", ")})` : "no plottable points",
  ]);
  return [header, ...rows];
}
