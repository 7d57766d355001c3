import "server-only";
import type { NodeMetrics } from "../node-metrics";
import type { ParseProgress } from "./log-pool";
import { NodeAnalyzer } from "./node-analyzer";
import type { NodeState } from "./node-update";
import { processState } from "./process-state";

/** Runs whose parse state is kept for the next update: the ones pages look at now. */
const MAX_HELD = 4;
/** A followed run's node cache is rewritten at most this often: a big run's Parquet takes seconds to write. */
const SAVE_EVERY_MS = 60_000;

const held = processState("live-nodes", () => new Map<string, { state: NodeState; savedAt: number }>());

function hold(runPath: string, state: NodeState, savedAt: number): void {
  held.delete(runPath);
  held.set(runPath, { state, savedAt });
  for (const old of held.keys()) if (held.size > MAX_HELD) held.delete(old);
}

/**
 * A run's nodes for a page. The first time from the cache (brought up to date with only the bytes
 * appended since it was written) or a full parse; after that, from the state kept in memory plus the
 * bytes appended since, so a page following a growing run never re-reads what it has.
 */
export async function loadRunNodes(runPath: string, onProgress?: ParseProgress): Promise<NodeMetrics[]> {
  // An analyzer per call: its last* fields belong to this load, and loads of two runs overlap.
  const analyzer = new NodeAnalyzer();
  const kept = held.get(runPath);
  if (!kept) {
    const nodes = await analyzer.parseRunLogs(runPath, { onProgress });
    if (analyzer.lastState) hold(runPath, analyzer.lastState, Date.now());
    return nodes;
  }
  const state = await analyzer.followRun(runPath, kept.state);
  const now = Date.now();
  const save = now - kept.savedAt >= SAVE_EVERY_MS;
  hold(runPath, state, save ? now : kept.savedAt);
  if (save) void analyzer.saveRunState(runPath, state);
  return state.nodes;
}
