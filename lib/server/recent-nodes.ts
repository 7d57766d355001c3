import "server-only";
import type { NodeMetrics } from "../node-metrics";
import { processState } from "./process-state";

/**
 * Parsed nodes of the runs used last, so switching the aggregation mode or tab does not read a
 * 3M-row cache again. Bounded by rows (about 120 bytes each in memory) and dropped when idle.
 */
const MAX_ROWS = 6_000_000;
const IDLE_MS = 3 * 60_000;

const state = processState("recent-nodes", () => ({ recent: [] as { key: string; nodes: NodeMetrics[]; rows: number }[], idleTimer: undefined as NodeJS.Timeout | undefined }));

function extendLife(): void {
  clearTimeout(state.idleTimer);
  state.idleTimer = setTimeout(() => (state.recent = []), IDLE_MS);
  state.idleTimer.unref();
}

/** Keep `nodes` under `key` (the newest always stays, even alone over the budget); returns them. */
export function rememberNodes(key: string, nodes: NodeMetrics[]): NodeMetrics[] {
  const rows = nodes.reduce((n, node) => n + node.batches.length, 0);
  let total = 0;
  state.recent = [{ key, nodes, rows }, ...state.recent.filter((e) => e.key !== key)].filter((e, i) => i === 0 || (total += e.rows) + rows <= MAX_ROWS);
  extendLife();
  return nodes;
}

/** The nodes kept under `key`, now the most recent; null when not kept. */
export function recallNodes(key: string): NodeMetrics[] | null {
  const hit = state.recent.find((e) => e.key === key);
  if (!hit) return null;
  state.recent = [hit, ...state.recent.filter((e) => e !== hit)];
  extendLife();
  return hit.nodes;
}
