import { BASELINE_FLOOR_SHARE, COMPARE_METRICS, compareByConcurrency, compareFrontiers, floorNote, type CompareMetric } from "../../lib/compare";
import type { Run } from "../../lib/model";
import { textTable } from "../../lib/text-table";
import { SrtlogError } from "../../lib/errors";
import { cliRunLoader } from "../loader";
import { logsDirOf, parseFlags } from "../args";
import { COMPARE_USAGE } from "../usage";

/** Runs named by a job id (or run dir), else every run carrying the tag. */
function pick(runs: readonly Run[], name: string, flag: string): Run[] {
  const byId = runs.filter((run) => run.jobId === name || run.runDir === name);
  const chosen = byId.length > 0 ? byId : runs.filter((run) => run.metadata.tags.includes(name));
  if (chosen.length === 0) throw new SrtlogError("bad_input", `--${flag} ${name}: no run has that job id or tag`);
  return chosen;
}

const fmt = (value: number) => value.toFixed(2);
const pct = (value: number | null) => (value === null ? "n/a" : `${value >= 0 ? "+" : ""}${value.toFixed(1)}%`);
/** The change column: no % where the baseline is below its floor, said so rather than "n/a". */
const change = (c: { changePct: number | null; belowFloor: boolean }) => (c.belowFloor ? "baseline < floor" : pct(c.changePct));

/**
 * `srtlog compare`: the guide's regression check for CI. % change per common concurrency and of the
 * Pareto frontiers at equal interactivity; exit 1 when a drop exceeds the threshold.
 */
export async function compareCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, {
    logs: { type: "string" }, baseline: { type: "string" }, current: { type: "string" },
    metric: { type: "string" }, threshold: { type: "string" }, json: { type: "boolean" },
  });
  if (!values.baseline || !values.current) throw new SrtlogError("bad_input", `--baseline and --current are required: ${COMPARE_USAGE}`);
  const metric = (values.metric ?? "output_tps_per_gpu") as CompareMetric;
  if (!COMPARE_METRICS.includes(metric)) throw new SrtlogError("bad_input", `--metric must be one of ${COMPARE_METRICS.join(", ")}`);
  const threshold = Number(values.threshold ?? 5);
  if (!Number.isFinite(threshold) || threshold < 0) throw new SrtlogError("bad_input", "--threshold must be a non-negative number (percent)");
  const runs = await cliRunLoader(logsDirOf(values.logs)).loadAll();
  const baseline = pick(runs, values.baseline, "baseline");
  const current = pick(runs, values.current, "current");
  const byConcurrency = compareByConcurrency(baseline, current, metric);
  const frontier = compareFrontiers(baseline, current, metric);
  if (byConcurrency.length === 0 && frontier.levels.length === 0) {
    throw new SrtlogError("bad_input", "nothing to compare: no concurrency in common and no overlap of the Pareto frontiers");
  }
  const drops = [...byConcurrency, ...frontier.levels].filter((change) => change.changePct !== null && change.changePct < -threshold);
  if (values.json) {
    process.stdout.write(JSON.stringify({ metric, threshold, baseline: baseline.map((r) => r.runDir), current: current.map((r) => r.runDir), byConcurrency, frontier, regression: drops.length > 0 }) + "\n");
  } else {
    console.log(`${metric}: ${baseline.map((r) => r.jobId).join(",")} (baseline) -> ${current.map((r) => r.jobId).join(",")} (current)\n`);
    console.log(textTable(["Concurrency", "Baseline", "Current", "Change"], byConcurrency.map((c) => [String(c.concurrency), fmt(c.baseline), fmt(c.current), change(c)])));
    if (byConcurrency.some((c) => c.belowFloor)) console.log(`(baseline < floor: below ${BASELINE_FLOOR_SHARE * 100}% of the baseline's largest value, where a % change means nothing)`);
    if (frontier.overlap) {
      console.log(`\nPareto frontier at equal Output TPS/User (overlap ${fmt(frontier.overlap[0])}-${fmt(frontier.overlap[1])}):`);
      console.log(textTable(["TPS/User", "Baseline TPS/GPU", "Current TPS/GPU", "Change"], frontier.levels.map((l) => [fmt(l.tpsPerUser), fmt(l.baseline), fmt(l.current), change(l)])));
      const note = floorNote(frontier);
      if (note) console.log(note);
    } else console.log("\nPareto frontiers do not overlap in Output TPS/User: no equal-interactivity comparison.");
    console.log(drops.length > 0 ? `\nREGRESSION: ${drops.length} drop(s) beyond ${threshold}%` : `\nno drop beyond ${threshold}%`);
  }
  return drops.length > 0 ? 1 : 0;
}
