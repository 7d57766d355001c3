import "server-only";
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { activitySettingsFrom, nextRunActivity, orchestratorEnded, resultsComplete, type ActivityObservation, type RunActivity } from "../live/run-activity";
import type { Run } from "../model";
import { concurrencyFromFileName } from "../../parsers/bench-result";
import { findNodeFiles } from "./node-files";
import { processState } from "./process-state";
import { scanRunFiles } from "./scan-runs";

const TAIL_BYTES = 4096;
/**
 * Last state per run path: a run seen running stays running through quiet spells (see
 * nextRunActivity). Shared by pages and route handlers of this process.
 */
const previous = processState("run-activity", () => new Map<string, RunActivity>());

/** The last few KB of a file as text; "" when it is gone or unreadable. */
export function readTail(file: string, bytes = TAIL_BYTES): string {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return "";
  }
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.min(bytes, size));
    readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    return buffer.toString("utf8");
  } catch {
    return "";
  } finally {
    closeSync(fd);
  }
}

/** Orchestrator logs: `sweep_<jobid>.log` (srtctl) or `log.out` (legacy templates), in the run dir or its logs/. */
function orchestratorLogs(runPath: string, jobId: string): string[] {
  const out: string[] = [];
  for (const dir of [runPath, path.join(/*turbopackIgnore: true*/ runPath, "logs")]) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) if (name === `sweep_${jobId}.log` || name === "log.out" || /^orchestrator_\d+\.log$/.test(name)) out.push(path.join(dir, name));
  }
  return out;
}

function mtimeOf(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** What a run's files say now: newest mtime, results present, orchestrator end line. */
export function observeRun(run: Pick<Run, "runPath" | "jobId" | "metadata">): ActivityObservation {
  const workerLogs = findNodeFiles(run.runPath).workers.flatMap((w) => w.logs);
  const files = scanRunFiles(run.runPath, run.jobId, run.metadata.profiler.isl, run.metadata.profiler.osl);
  const orchestrators = orchestratorLogs(run.runPath, run.jobId);
  const mtimes = [...workerLogs.map((f) => f.mtimeMs), ...files.resultFiles.map((f) => f.mtimeMs), ...orchestrators.map(mtimeOf)].filter((m): m is number => m !== null);
  const found = files.resultFiles.map((f) => concurrencyFromFileName(path.basename(f.rel))).filter((c): c is number => c !== null);
  return {
    newestMtimeMs: mtimes.length > 0 ? Math.max(...mtimes) : null,
    resultsComplete: resultsComplete(run.metadata.profiler.concurrencies ?? [], found),
    orchestratorEnded: orchestrators.some((file) => orchestratorEnded(readTail(file))),
  };
}

/**
 * A run's state now, remembering it for the next call (one server process shares the memory). A run
 * read from a dataset is the snapshot its last ingest took: nothing to follow live. A run whose loaded
 * points already cover every expected concurrency is finished without looking at its files: the loader
 * re-reads a run whose result files change, and observing 1,000 runs' logs (or 5,000 ingested runs'
 * sources) on every page was most of a warm page's server time.
 */
export function getRunActivity(run: Pick<Run, "runPath" | "jobId" | "metadata" | "origin"> & { points?: Run["points"] }, nowMs = Date.now()): RunActivity {
  if (run.origin) return "finished";
  const done = run.points !== undefined && resultsComplete(run.metadata.profiler.concurrencies ?? [], run.points.map((p) => p.concurrency));
  const state = done ? "finished" : nextRunActivity(previous.get(run.runPath) ?? null, observeRun(run), nowMs, activitySettingsFrom(process.env));
  previous.set(run.runPath, state);
  return state;
}

/** runDir -> "running" | "stalled" for the runs that are not finished. */
export function getRunsActivity(runs: readonly Run[]): Map<string, Exclude<RunActivity, "finished">> {
  const out = new Map<string, Exclude<RunActivity, "finished">>();
  for (const run of runs) {
    const state = getRunActivity(run);
    if (state !== "finished") out.set(run.runDir, state);
  }
  return out;
}
