import { toChartRun } from "../../lib/charts/chart-data";
import { fmt2 } from "../../lib/charts/format";
import { bestMetricLabel, slaBestRows } from "../../lib/charts/sla-groups";
import { SrtlogError } from "../../lib/errors";
import { slaText, type BestRow } from "../../lib/sla";
import { textTable } from "../../lib/text-table";
import { FRONTIER_GROUPS, Y_METRICS, type FrontierGroup, type YMetric } from "../../lib/view-state";
import { cliRunLoader } from "../loader";
import { logsDirOf, parseFlags } from "../args";
import { SLA_FLAG_OPTIONS, slaFromFlags } from "../sla-flags";

/** `4 (p99 TTFT 612 ms > 500 ms)`: a group's nearest miss when nothing passes. */
function missText(row: BestRow): string {
  return row.nearestMiss ? `none passes; nearest: concurrency ${row.nearestMiss.point.concurrency} (${row.nearestMiss.failures.join(", ")})` : "no plottable points";
}

function jsonRow(row: BestRow) {
  const point = (p: NonNullable<BestRow["best"]>) => ({ runDir: p.runDir, concurrency: p.concurrency, tpsPerGpu: p.y, tpsPerUser: p.x });
  return {
    name: row.name,
    points: row.points,
    passing: row.passing,
    best: row.best && point(row.best),
    binding: row.binding,
    nearestMiss: row.nearestMiss && { ...point(row.nearestMiss.point), failures: row.nearestMiss.failures },
  };
}

/**
 * `srtlog best`: per run (or group) the best TPS/GPU point meeting every constraint, the concurrency
 * and what stops the next one - the Pareto tab's SLA table. Exit 1 when no point anywhere passes.
 */
export async function bestCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, {
    logs: { type: "string" }, json: { type: "boolean" }, run: { type: "string", multiple: true }, tag: { type: "string", multiple: true },
    by: { type: "string" }, y: { type: "string" }, ...SLA_FLAG_OPTIONS,
  });
  const sla = slaFromFlags(values);
  const by = (values.by === "run" || values.by === undefined ? "all" : values.by) as FrontierGroup;
  if (!FRONTIER_GROUPS.includes(by)) throw new SrtlogError("bad_input", "--by must be one of run, topology, gpu, container, tag");
  const y = (values.y ?? "output") as YMetric;
  if (!Y_METRICS.includes(y)) throw new SrtlogError("bad_input", `--y must be one of ${Y_METRICS.join(", ")}`);

  let runs = await cliRunLoader(logsDirOf(values.logs)).loadAll();
  if (values.run?.length) {
    const wanted = new Set(values.run);
    const unknown = values.run.filter((name) => !runs.some((run) => run.jobId === name || run.runDir === name));
    if (unknown.length > 0) throw new SrtlogError("bad_input", `--run ${unknown.join(", ")}: no such run`);
    runs = runs.filter((run) => wanted.has(run.jobId) || wanted.has(run.runDir));
  }
  for (const tag of values.tag ?? []) runs = runs.filter((run) => run.metadata.tags.includes(tag));
  const rows = slaBestRows(runs.map(toChartRun), sla, y, by);
  const anyPasses = rows.some((row) => row.best !== null);
  const constraints = slaText(sla) || "none (best throughput per run)";
  if (values.json) {
    process.stdout.write(JSON.stringify({ sla, constraints, metric: bestMetricLabel(y), rows: rows.map(jsonRow) }) + "\n");
    return anyPasses ? 0 : 1;
  }
  console.log(`SLA: ${constraints}\n`);
  const header = [by === "all" ? "Run" : "Group", "Concurrency", bestMetricLabel(y), "TPS/User", "Passing", "Binding constraint"];
  console.log(textTable(header, rows.map((row) => [
    row.name,
    row.best ? String(row.best.concurrency) : "-",
    row.best ? fmt2(row.best.y) : "-",
    row.best ? fmt2(row.best.x) : "-",
    `${row.passing}/${row.points}`,
    row.best ? (row.binding ?? "none (highest throughput point passes)") : missText(row),
  ])));
  if (!anyPasses) console.log(`\nno point of ${runs.length} run(s) meets every constraint`);
  return anyPasses ? 0 : 1;
}
