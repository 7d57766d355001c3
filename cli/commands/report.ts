import { mkdir } from "node:fs/promises";
import path from "node:path";
import { SrtlogError } from "../../lib/errors";
import { applyView, unknownRunsText } from "../../lib/filters";
import { renderReportHtml } from "../../lib/report/report-html";
import { renderReportMarkdown, type ChartImage } from "../../lib/report/report-markdown";
import type { ReportFormat } from "../../lib/report/report-view";
import { slaEntries, slaFromValues } from "../../lib/sla";
import { writeFileAtomic } from "../../lib/server/parquet";
import { buildReport, readPlotlySource } from "../../lib/server/report";
import { loadChromium, renderChartPngs } from "../../lib/server/report-png";
import { AXIS_METRICS, type AxisMetric } from "../../lib/charts/pareto-metrics";
import { ALL_RUNS, parseViewState, type ViewState } from "../../lib/view-state";
import { cliRunLoader } from "../loader";
import { logsDirOf, parseFlags } from "../args";
import { slaFlagValues, SLA_FLAG_OPTIONS } from "../sla-flags";

/** Where the dashboard listens by default (`make dashboard`): the report's dashboard link points there. */
const DASHBOARD_ORIGIN = "http://127.0.0.1:8501";

type Values = Record<string, unknown> & { view?: string; all?: boolean; tag?: string[]; y?: string };

/** The view a report shows: `--view` (a dashboard query string), then RUNS / --all, --tag, SLA flags and --y on top. */
export function reportState(values: Values, names: string[], logsDir: string): ViewState {
  const base = parseViewState(new URLSearchParams(values.view ?? ""));
  if (values.all && names.length > 0) throw new SrtlogError("bad_input", "give RUNS or --all, not both");
  const entries = new Map([...slaEntries(base.sla), ...slaFlagValues(values)]);
  // Any Pareto axis metric: the reproduce command writes `--y ttft-p99` for such a view and must read it back.
  const y = (values.y ?? base.y) as AxisMetric;
  if (!AXIS_METRICS.includes(y)) throw new SrtlogError("bad_input", `--y must be one of ${AXIS_METRICS.join(", ")}`);
  return {
    ...base,
    logs: path.resolve(logsDir),
    runs: values.all ? ALL_RUNS : names.length > 0 ? names : base.runs,
    tags: [...new Set([...base.tags, ...(values.tag ?? [])])],
    sla: slaFromValues((key) => entries.get(key)),
    y,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

/** report.md plus its charts as PNGs in `<stem>-files/` beside it. */
async function writeMarkdown(out: string, doc: Awaited<ReturnType<typeof buildReport>>): Promise<string> {
  const pngs = await renderChartPngs(doc, readPlotlySource());
  const dirName = `${path.basename(out, path.extname(out))}-files`;
  await mkdir(path.join(path.dirname(out), dirName), { recursive: true });
  const images: ChartImage[] = [];
  for (const figure of doc.figures) {
    const name = `${figure.id.replace(/^chart-/, "")}.png`;
    await writeFileAtomic(path.join(path.dirname(out), dirName, name), pngs.get(figure.id)!);
    images.push({ title: figure.title, path: `${dirName}/${name}` });
  }
  await writeFileAtomic(out, renderReportMarkdown(doc, images));
  return `wrote ${out} and ${images.length} charts in ${path.join(path.dirname(out), dirName)}/`;
}

/** `srtlog report`: the view's charts, summary table, config, health and reproduce command in one file. */
export async function reportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    logs: { type: "string" }, out: { type: "string" }, format: { type: "string" }, all: { type: "boolean" },
    tag: { type: "string", multiple: true }, y: { type: "string" }, view: { type: "string" }, ...SLA_FLAG_OPTIONS,
  }, true);
  const format = (values.format ?? "html") as ReportFormat;
  if (format !== "html" && format !== "md") throw new SrtlogError("bad_input", "--format must be html or md");
  if (format === "md") await loadChromium();
  const logsDir = logsDirOf(values.logs);
  const state = reportState(values, positionals, logsDir);
  const runs = await cliRunLoader(logsDir).loadAll();
  const { filtered, selected, unknownRuns } = applyView(runs, state);
  if (unknownRuns.length > 0) throw new SrtlogError("bad_input", unknownRunsText(unknownRuns, logsDir));
  if (selected.length === 0) throw new SrtlogError("bad_input", `no runs selected: ${runs.length} runs in ${logsDir}, ${filtered.length} pass the filters`);
  const out = values.out ?? (format === "md" ? "report.md" : "report.html");
  const doc = await buildReport({ runs: selected, state, logsDir: path.resolve(logsDir), origin: DASHBOARD_ORIGIN, format });
  if (format === "md") {
    console.log(await writeMarkdown(out, doc));
    return 0;
  }
  const html = renderReportHtml(doc, readPlotlySource());
  await writeFileAtomic(out, html);
  console.log(`wrote ${out} (${megabytes(Buffer.byteLength(html))}, ${plural(selected.length, "run")}, ${plural(doc.rows.length, "point")})`);
  return 0;
}
