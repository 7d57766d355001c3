import "server-only";
import { findNodeFiles } from "./node-files";
import { processState } from "./process-state";
import { getRunActivity } from "./run-activity";
import { fingerprintOf, scanRunFiles } from "./scan-runs";
import type { Run } from "../model";
import type { RunActivity } from "../live/run-activity";

/** What subscribers hear: the run's files changed (version), or it finished / vanished (the last event). */
export type LiveEvent = { type: "change"; version: string; activity: RunActivity } | { type: "finished"; activity: RunActivity } | { type: "gone" };
type Listener = (event: LiveEvent) => void;
type WatchedRun = Pick<Run, "runPath" | "jobId" | "metadata">;

interface Watcher {
  run: WatchedRun;
  listeners: Set<Listener>;
  timer: NodeJS.Timeout;
  version: string;
}

/** One watcher per run path for the whole server process, however many pages subscribe. */
const watchers = processState("run-watchers", () => new Map<string, Watcher>());

/** How often a watched run's files are stat'ed ($SRTLOG_WATCH_MS, default 1 s). It only stats: pages parse, deduplicated. */
function pollMs(): number {
  const ms = Number(process.env.SRTLOG_WATCH_MS);
  return Number.isFinite(ms) && ms >= 100 ? ms : 1000;
}

/** Sizes and mtimes of everything a live page draws from: worker logs and result files. */
export function runVersion(run: WatchedRun): string | null {
  const workers = findNodeFiles(run.runPath).workers;
  const results = scanRunFiles(run.runPath, run.jobId, run.metadata.profiler.isl, run.metadata.profiler.osl).resultFiles;
  if (workers.length === 0 && results.length === 0) return null;
  return fingerprintOf([...workers.flatMap((w) => w.logs), ...results]);
}

/** Tell every listener; one that throws (a stream closed meanwhile) must not stop the others or the server. */
function tell(watcher: Watcher, event: LiveEvent): void {
  for (const listener of watcher.listeners) {
    try {
      listener(event);
    } catch (error) {
      console.error(`srtlog: live listener of ${watcher.run.runPath}: ${error instanceof Error ? error.message : error}`);
    }
  }
}

function stop(watcher: Watcher, last: LiveEvent): void {
  clearInterval(watcher.timer);
  watchers.delete(watcher.run.runPath);
  tell(watcher, last);
  watcher.listeners.clear();
}

function tick(watcher: Watcher): void {
  try {
    check(watcher);
  } catch (error) {
    // A timer callback that throws would take the whole server down: report it and try again next tick.
    console.error(`srtlog: watching ${watcher.run.runPath}: ${error instanceof Error ? error.message : error}`);
  }
}

function check(watcher: Watcher): void {
  const version = runVersion(watcher.run);
  if (version === null) return stop(watcher, { type: "gone" });
  const activity = getRunActivity(watcher.run);
  if (version !== watcher.version) {
    watcher.version = version;
    tell(watcher, { type: "change", version, activity });
  }
  if (activity === "finished") stop(watcher, { type: "finished", activity });
}

/**
 * Hear about changes to a run's files until it finishes; returns the unsubscribe. The first
 * subscriber starts the run's watcher, the last one to leave stops it.
 */
export function watchRun(run: WatchedRun, listener: Listener): () => void {
  let watcher = watchers.get(run.runPath);
  if (!watcher) {
    const created: Watcher = { run, listeners: new Set(), version: runVersion(run) ?? "", timer: setInterval(() => tick(created), pollMs()) };
    created.timer.unref();
    watchers.set(run.runPath, created);
    watcher = created;
  }
  watcher.listeners.add(listener);
  const own = watcher;
  return () => {
    own.listeners.delete(listener);
    if (own.listeners.size === 0) {
      clearInterval(own.timer);
      if (watchers.get(run.runPath) === own) watchers.delete(run.runPath);
    }
  };
}

/** Runs watched now and their subscriber counts (for tests and diagnostics). */
export function watchedRuns(): { runPath: string; subscribers: number }[] {
  return [...watchers.values()].map((w) => ({ runPath: w.run.runPath, subscribers: w.listeners.size }));
}
