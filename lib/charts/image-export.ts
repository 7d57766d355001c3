/**
 * File names and options for a chart's PNG/SVG download (Plotly's modebar). Pure: the chart component
 * passes in where the user is (tab path, selected runs) and the date, so the name says what the image shows.
 */

/** Run ids named in a file name before the rest are counted ("+5"): names stay short enough for any OS. */
const MAX_NAMED_RUNS = 4;
/** Export at twice the drawn size: sharp on a retina screen and in a slide. */
export const IMAGE_SCALE = 2;

export interface ImageNameInput {
  /** The page path, e.g. "/pareto"; "/" is the default tab. */
  pathname: string;
  /** The chart's test id, telling apart the charts of one tab (e.g. "node-chart-agg-kv-cache"). */
  chart?: string;
  /** The `run` URL values: run directories like "3667_1P_4D_20251110_192145", or "all". */
  runs: readonly string[];
  date: Date;
}

/** Letters, digits and dashes only (no dots: no hidden or ".." names): safe in every file system and in a Slack upload. */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/** A run directory starts with its Slurm job id: that id is what people quote. */
function runPart(runs: readonly string[]): string {
  if (runs.includes("all")) return "all-runs";
  const ids = [...new Set(runs.map((run) => slug(run.split("_")[0])).filter(Boolean))];
  if (ids.length === 0) return "";
  const named = ids.slice(0, MAX_NAMED_RUNS).join("-");
  return ids.length > MAX_NAMED_RUNS ? `${named}-plus${ids.length - MAX_NAMED_RUNS}` : named;
}

/** `srtlog_<tab>[_<chart>]_<run ids>_<YYYY-MM-DD>`, without extension (Plotly adds ".png"/".svg"). */
export function imageFileName({ pathname, chart, runs, date }: ImageNameInput): string {
  const tab = slug(pathname) || "pareto";
  // Chart ids often repeat the tab ("pareto-chart"): keep only what tells the chart apart.
  const chartPart = chart ? slug(chart).replace(new RegExp(`^${tab}-?`), "").replace(/-?chart-?/, "-").replace(/^-+|-+$/g, "") : "";
  const day = date.toISOString().slice(0, 10);
  return ["srtlog", tab, chartPart, runPart(runs), day].filter(Boolean).join("_");
}
