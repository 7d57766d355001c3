// Usage and help text of every subcommand. It lives apart from the commands so `srtlog --help` and
// `srtlog <command> --help` print it without loading a command (and with it zod, the loader, Parquet):
// that keeps help at the cost of starting Node. Imports nothing.

export const RUNS_USAGE = "srtlog runs [--logs DIR] [--json] [--watch [--interval SECONDS]]";
export const EXPORT_USAGE = "srtlog export [--logs DIR] --format csv|json|parquet [--out FILE]";
export const NODES_USAGE = "srtlog nodes PATH [--json] [--no-cache] [--follow [--interval SECONDS]]   (PATH: a run directory or one worker log)";
export const COMPARE_USAGE = "srtlog compare [--logs DIR] --baseline TAG|JOBID --current TAG|JOBID [--metric output_tps_per_gpu] [--threshold PCT] [--json]";
export const BEST_USAGE =
  "srtlog best [--logs DIR] [--max-<ttft|tpot|itl|e2el>-<mean|median|p99> MS ...] [--min-tps-user N] [--run JOBID ...] [--tag TAG ...] [--by run|topology|gpu|container|tag] [--y output|total] [--json]";

export const INGEST_USAGE = "srtlog ingest LOGS_DIR... --to DATASET_DIR [--cluster NAME]";
export const QUERY_USAGE = 'srtlog query "SQL" [--dataset DIR | --logs DIR] [--format table|csv|json]';
export const REPORT_USAGE =
  "srtlog report [RUNS...|--all] [--logs DIR] [--out FILE] [--format html|md] [--tag TAG ...] [--max-<ttft|tpot|itl|e2el>-<mean|median|p99> MS ...] [--min-tps-user N] [--y METRIC] [--view QUERY]";

const LOGS = "  --logs DIR       the runs' directory (default $SRTLOG_LOGS_DIR, else ./outputs, else ./logs)";

/** Per command: its usage line, then what it does and its flags, as `srtlog <command> --help` prints them. */
export const COMMAND_HELP = {
  runs: [RUNS_USAGE, "", "Lists the runs that load, and every run skipped with the reason.", "", LOGS, "  --json           one JSON object: { runs, skipped } (with --watch: one JSON line per change)",
    "  --watch          keep listing the runs and their state (running, stalled, finished) as it changes; Ctrl-C ends",
    "  --interval S     seconds between looks with --watch or --follow (default 2)"],
  export: [
    EXPORT_USAGE, "", "Writes the data-frame rows of every run (one row per benchmark point).", "",
    LOGS, "  --format F       csv, json (records) or parquet", "  --out FILE       write FILE (atomically) instead of stdout",
  ],
  nodes: [
    NODES_USAGE, "", "Parses the worker logs of a run (or one log): batches, memory snapshots, parallelism, parse issues.", "",
    "  --json           one JSON object: { nodes, issues }", "  --no-cache       parse again, ignoring and not writing .cache/node_metrics.parquet",
    "  --follow         follow a running job: parse only appended bytes, a table redrawn in place (JSON lines when piped)",
    "  --interval S     seconds between looks with --follow (default 2)",
  ],
  compare: [
    COMPARE_USAGE, "",
    "Regression check: % change per common concurrency and of the Pareto frontiers at equal TPS/User.",
    "Exit 1 when a drop exceeds the threshold, 0 otherwise, 2 on bad input.", "",
    LOGS, "  --baseline NAME  a job id, run directory or tag", "  --current NAME   a job id, run directory or tag",
    "  --metric M       output_tps_per_gpu (default), total_tps_per_gpu, output_tps or total_tps",
    "  --threshold PCT  the drop in percent that counts as a regression (default 5)", "  --json           one JSON object",
  ],
  best: [
    BEST_USAGE, "",
    "Per run (or group) the best TPS/GPU point meeting every constraint, and what binds it. Exit 1 when no point passes.", "",
    LOGS, "  --max-<metric>-<stat> MS  upper bound on a latency, e.g. --max-ttft-p99 500",
    "  --min-tps-user N lower bound on output TPS per user", "  --run JOBID      only these runs (repeatable)",
    "  --tag TAG        only runs with every given tag (repeatable)", "  --by G           one row per run (default) or per topology, gpu, container, tag",
    "  --y output|total the throughput maximised (default output)", "  --json           one JSON object",
  ],
  ingest: [
    INGEST_USAGE, "",
    "Adds runs to a hive-partitioned Parquet dataset (tables runs, points, requests, node_batches). Unchanged runs write nothing; a changed",
    "run replaces only its rows. Progress on stderr, a summary (added/updated/unchanged/skipped) on stdout.", "",
    "  --to DIR         the dataset directory (created when new)",
    "  --cluster NAME   the partition these logs dirs belong to (default 'default')",
  ],
  query: [
    QUERY_USAGE, "",
    "Runs SQL with embedded DuckDB over the views runs, points, requests and node_batches. SQL errors are DuckDB's message, exit 2.", "",
    "  --dataset DIR    a dataset written by srtlog ingest (default $SRTLOG_DATASET)",
    "  --logs DIR       query a logs dir directly (ingested into a temporary dataset first)",
    "  --format F       table (default), csv or json (records)",
  ],
  report: [
    REPORT_USAGE, "",
    "Writes one self-contained HTML file (Plotly and the data inlined, nothing fetched; tables readable without",
    "scripts): the Pareto chart with its frontier, TTFT/TPOT/ITL charts, the summary table, each run's config",
    "essentials and health notes, the selection and SLA bounds, and the command and dashboard link that reproduce it.", "",
    LOGS,
    "  RUNS             run directories or job ids (default: the newest 3 passing the filters, as the dashboard)",
    "  --all            every run passing the filters", "  --out FILE       where to write (default report.html, or report.md); written atomically",
    "  --format F       html (default) or md: report.md plus PNG charts in <name>-files/ (needs Chromium and Playwright)",
    "  --tag TAG        only runs with every given tag (repeatable)",
    "  --max-<metric>-<stat> MS  SLA upper bound on a latency, e.g. --max-ttft-p99 500", "  --min-tps-user N SLA lower bound on output TPS per user",
    "  --y METRIC       the Pareto chart's y axis: output (default), total, goodput, energy, tps-user, req-rate, concurrency or a latency such as ttft-p99 (x: --view 'x=...')",
    "  --view QUERY     any other dashboard view setting, as its URL query (e.g. 'gpu=H100&stat=p99&logy=1')",
  ],
} satisfies Record<string, string[]>;

export type CommandName = keyof typeof COMMAND_HELP;

/** `srtlog <command> --help`. */
export const commandHelp = (name: CommandName): string => [`usage: ${COMMAND_HELP[name][0]}`, ...COMMAND_HELP[name].slice(1)].join("\n");

export const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMAND_HELP, name);

/** `srtlog --help`: one usage line per command. */
export function topUsage(): string {
  return ["usage:", ...Object.values(COMMAND_HELP).map((lines) => `  ${lines[0]}`), "", "srtlog <command> --help shows a command's flags."].join("\n");
}
