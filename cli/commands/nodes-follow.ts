import { statSync } from "node:fs";
import { followRows, type FollowRow } from "../../lib/live/follow-rows";
import { NodeAnalyzer } from "../../lib/server/node-analyzer";
import type { NodeState } from "../../lib/server/node-update";
import { textTable } from "../../lib/text-table";
import { SrtlogError } from "../../lib/errors";
import { StopSignal } from "../stop-signal";

const fixed = (v: number | null, digits: number) => (v === null ? "-" : v.toFixed(digits));

function table(rows: FollowRow[], at: Date, bytes: number): string {
  const body = rows.map((r) => [r.worker, r.lastBatch?.slice(11, 19) ?? "-", String(r.batches), fixed(r.runningReq, 0), fixed(r.queueReq, 0), fixed(r.tokenUsage, 2), fixed(r.genThroughput, 0)]);
  const notes = rows.flatMap((r) => r.notes.map((note) => `${r.worker}: ${note}`));
  const head = `following, ${at.toISOString().slice(11, 19)} UTC, last poll parsed ${bytes} bytes (Ctrl-C to stop)`;
  return [head, "", textTable(["Worker", "Last batch", "Batches", "Running", "Queue", "Token usage", "Gen tok/s"], body), ...notes.slice(0, 10)].join("\n");
}

/**
 * `srtlog nodes RUN --follow`: poll the run's worker logs, parsing only appended bytes, and print each
 * worker's latest figures: a table redrawn in place on a terminal, else one JSON line per change.
 * Ctrl-C (or SIGTERM) ends the loop; the state is then saved as the node cache for the next call.
 */
export async function followNodes(runPath: string, intervalMs: number, json: boolean): Promise<number> {
  if (!statSync(runPath, { throwIfNoEntry: false })?.isDirectory()) throw new SrtlogError("bad_input", `--follow needs a run directory: ${runPath}`);
  const tty = !json && process.stdout.isTTY === true;
  const stop = new StopSignal();
  const analyzer = new NodeAnalyzer();
  let state: NodeState | null = null;
  try {
    for (let poll = 0; !stop.stopped; poll++) {
      state = await analyzer.followRun(runPath, state);
      const stats = analyzer.lastStats;
      const rows = followRows(state.nodes);
      const changed = poll === 0 || stats.bytesParsed > 0 || stats.reparsed.length + stats.added.length + stats.gone.length > 0;
      if (tty) process.stdout.write(`\x1b[H\x1b[2J${table(rows, new Date(), stats.bytesParsed)}\n`);
      else if (changed) {
        const { appended, reparsed, added, gone, bytesParsed } = stats;
        process.stdout.write(JSON.stringify({ time: new Date().toISOString(), bytesParsed, appended, reparsed, added, gone, workers: rows }) + "\n");
      }
      await stop.pause(intervalMs);
    }
  } finally {
    stop.dispose();
  }
  // The next `srtlog nodes` (or dashboard) starts from here instead of parsing every log again.
  if (state) await analyzer.saveRunState(runPath, state);
  return 0;
}
