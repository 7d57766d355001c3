import { cliRunLoader } from "../loader";
import { toRunSummary } from "../../lib/run-summary";
import { loadRunEnergy } from "../../lib/server/power";
import { textTable } from "../../lib/text-table";
import { intervalMs, logsDirOf, parseFlags } from "../args";
import { watchRuns } from "./runs-watch";

/** `srtlog runs`: what loads, what was skipped and why. */
export async function runsCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { logs: { type: "string" }, json: { type: "boolean" }, watch: { type: "boolean" }, interval: { type: "string" } });
  if (values.watch) return watchRuns(logsDirOf(values.logs), intervalMs(values.interval), values.json === true);
  const loader = cliRunLoader(logsDirOf(values.logs));
  const { runs, skipped } = await loader.loadAllWithSkipped();
  if (values.json) {
    // energy: {status: "no power data"} or {status: "ok", points, warnings}: never zeros for a run without records.
    process.stdout.write(JSON.stringify({ runs: runs.map((run) => ({ ...toRunSummary(run), energy: loadRunEnergy(run) })), skipped }) + "\n");
    return 0;
  }
  const rows = runs.map((run) => [
    run.jobId,
    run.topology,
    String(run.totalGpus ?? "?"),
    run.metadata.gpuType ?? "?",
    run.metadata.profiler.type,
    `${run.metadata.profiler.isl ?? "?"}/${run.metadata.profiler.osl ?? "?"}`,
    String(run.points.length),
    run.isComplete ? "yes" : `missing ${run.missingConcurrencies.join(",")}`,
    run.metadata.tags.join(","),
  ]);
  console.log(textTable(["Job", "Topology", "GPUs", "GPU type", "Profiler", "ISL/OSL", "Points", "Complete", "Tags"], rows));
  console.log(`\n${runs.length} runs loaded from ${loader.logsDir}`);
  // Faults in a run that still loaded (metadata missing or unreadable, unknown version): said as plainly as skips.
  for (const run of runs) for (const warning of run.warnings) console.log(`warning ${run.runDir}: ${warning}`);
  for (const run of runs) {
    const energy = loadRunEnergy(run);
    if (energy.status === "ok") for (const warning of energy.warnings) console.log(`warning ${run.runDir}: ${warning}`);
  }
  for (const skip of skipped) console.log(`skipped ${skip.runDir}: ${skip.reason}`);
  return 0;
}
