import "server-only";
import { cache } from "react";
import type { Run, SkippedRun } from "../model";
import { applyView, filterOptionsOf, type FilterOptions } from "../filters";
import { SrtlogError } from "../errors";
import { parseViewState, type ViewState } from "../view-state";
import { checkLogsDir } from "./dashboard-logs";
import { getRunLoader } from "./logs-dir";
import { pickedLogsDirs } from "./picked-logs";

export type LogsLoad =
  | { ok: true; dir: string; isDefault: boolean; runs: Run[]; skipped: SkippedRun[] }
  | { ok: false; dir: string; isDefault: boolean; message: string };

/** Runs of a logs directory, once per request however many server components ask. */
export const loadLogs = cache(async (requested: string | undefined): Promise<LogsLoad> => {
  const check = checkLogsDir(requested, await pickedLogsDirs());
  if (!check.ok) return check;
  try {
    const { runs, skipped } = await getRunLoader(check.dir).loadAllWithSkipped();
    return { ...check, runs, skipped };
  } catch (error) {
    if (error instanceof SrtlogError) return { ok: false, dir: check.dir, isDefault: check.isDefault, message: error.message };
    throw error;
  }
});

/** What every dashboard route renders from: the URL's view applied to the logs dir's runs. */
export interface Dashboard {
  state: ViewState;
  logs: LogsLoad;
  runs: Run[];
  skipped: SkippedRun[];
  options: FilterOptions;
  filtered: Run[];
  selected: Run[];
  /** `?run=` values naming no run of the logs dir: said on the page, never silently dropped. */
  unknownRuns: string[];
}

async function buildDashboard(query: string): Promise<Dashboard> {
  const state = parseViewState(new URLSearchParams(query));
  const logs = await loadLogs(state.logs);
  const runs = logs.ok ? logs.runs : [];
  const { filtered, selected, unknownRuns } = applyView(runs, state);
  return { state, logs, runs, skipped: logs.ok ? logs.skipped : [], options: filterOptionsOf(runs), filtered, selected, unknownRuns: logs.ok ? unknownRuns : [] };
}

/** The dashboard for a URL query (keyed by its text, so sibling components share one load). */
export const getDashboard = cache(buildDashboard);
