/**
 * Whether a run is still being written: running, stalled (a job that hangs) or finished. Pure: the
 * caller observes the files (lib/server/run-activity.ts) and keeps the previous state.
 */
export type RunActivity = "running" | "stalled" | "finished";

export interface ActivitySettings {
  /** A run whose logs changed within this window (and is not done) is running. Default 5 min. */
  liveWindowMs: number;
  /** A followed run with no new bytes for this long is stalled. Default 1 h. */
  stallAfterMs: number;
}

export const DEFAULT_ACTIVITY_SETTINGS: ActivitySettings = { liveWindowMs: 5 * 60_000, stallAfterMs: 60 * 60_000 };

/** What the files of a run say right now. */
export interface ActivityObservation {
  /** Newest mtime (ms) among worker logs, the orchestrator log and result files; null when none exist. */
  newestMtimeMs: number | null;
  /** Every expected concurrency has a result (false when the expected list is unknown). */
  resultsComplete: boolean;
  /** The orchestrator log has its end line ("Sweep completed" / "End: ..."). */
  orchestratorEnded: boolean;
}

/**
 * The next state of a run. A run not seen running before counts as running only when its files
 * changed within the live window: an old run that died half-way is finished, not stalled. A run
 * already seen running stays running through quiet spells (model loading, a long concurrency) and
 * becomes stalled after `stallAfterMs` without new bytes; new bytes make it running again.
 */
export function nextRunActivity(previous: RunActivity | null, obs: ActivityObservation, nowMs: number, settings: ActivitySettings = DEFAULT_ACTIVITY_SETTINGS): RunActivity {
  if (obs.resultsComplete || obs.orchestratorEnded || obs.newestMtimeMs === null) return "finished";
  const quietMs = Math.max(0, nowMs - obs.newestMtimeMs);
  if (quietMs <= settings.liveWindowMs) return "running";
  if (previous === "running" || previous === "stalled") return quietMs >= settings.stallAfterMs ? "stalled" : "running";
  return "finished";
}

/** True when every expected concurrency has a point; an unknown (empty) expected list says nothing. */
export function resultsComplete(expected: readonly number[], found: readonly number[]): boolean {
  if (expected.length === 0) return false;
  const have = new Set(found);
  return expected.every((c) => have.has(c));
}

/** srt-slurm's orchestrator ends its log with "✓ Sweep completed ..." then "End: <date>". */
const END_LINE = /^(?:\S+\s+)?Sweep (?:completed|failed)\b|^End: \S/m;

/** Whether the tail of an orchestrator log holds its end line. */
export function orchestratorEnded(tail: string): boolean {
  return END_LINE.test(tail);
}

/** Settings from the environment (minutes), falling back to the defaults on anything unreadable. */
export function activitySettingsFrom(env: Record<string, string | undefined>): ActivitySettings {
  const minutes = (value: string | undefined, fallback: number) => {
    const n = Number(value);
    return value !== undefined && value !== "" && Number.isFinite(n) && n > 0 ? n * 60_000 : fallback;
  };
  return {
    liveWindowMs: minutes(env.SRTLOG_LIVE_WINDOW_MIN, DEFAULT_ACTIVITY_SETTINGS.liveWindowMs),
    stallAfterMs: minutes(env.SRTLOG_STALL_AFTER_MIN, DEFAULT_ACTIVITY_SETTINGS.stallAfterMs),
  };
}
