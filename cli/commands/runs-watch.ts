import { cliRunLoader } from "../loader";
import type { RunActivity } from "../../lib/live/run-activity";
import type { Run } from "../../lib/model";
import { getRunActivity } from "../../lib/server/run-activity";
import { textTable } from "../../lib/text-table";
import { StopSignal } from "../stop-signal";

/** One run's state change (or first sighting: `from` null), as a JSON line says it. */
interface StateChange {
  time: string;
  runDir: string;
  jobId: string;
  from: RunActivity | "gone" | null;
  to: RunActivity | "gone";
  points: number;
}

function changesOf(runs: Run[], known: Map<string, RunActivity | "gone">, now: Date): StateChange[] {
  const changes: StateChange[] = [];
  const seen = new Set<string>();
  for (const run of runs) {
    seen.add(run.runDir);
    const to = getRunActivity(run, now.getTime());
    const from = known.get(run.runDir) ?? null;
    if (from !== to) changes.push({ time: now.toISOString(), runDir: run.runDir, jobId: run.jobId, from, to, points: run.points.length });
    known.set(run.runDir, to);
  }
  for (const [runDir, from] of known) {
    if (seen.has(runDir) || from === "gone") continue;
    changes.push({ time: now.toISOString(), runDir, jobId: runDir.split("_")[0], from, to: "gone", points: 0 });
    known.set(runDir, "gone");
  }
  return changes;
}

/**
 * `srtlog runs --watch`: list the runs and their state (running, stalled, finished) and follow it:
 * a table redrawn in place on a terminal, else a JSON line per run whose state changed (the first
 * poll reports every run). Ctrl-C ends it with exit code 0.
 */
export async function watchRuns(logsDir: string, intervalMs: number, json: boolean): Promise<number> {
  const loader = cliRunLoader(logsDir);
  loader.checkLogsDir();
  const tty = !json && process.stdout.isTTY === true;
  const stop = new StopSignal();
  const known = new Map<string, RunActivity | "gone">();
  try {
    while (!stop.stopped) {
      const { runs } = await loader.loadAllWithSkipped().catch(() => ({ runs: [] as Run[] }));
      const now = new Date();
      const changes = changesOf(runs, known, now);
      if (tty) {
        const rows = runs.map((run) => [run.jobId, run.runDir, known.get(run.runDir) ?? "?", String(run.points.length), run.missingConcurrencies.join(",")]);
        process.stdout.write(`\x1b[H\x1b[2Jruns in ${loader.logsDir}, ${now.toISOString().slice(11, 19)} UTC (Ctrl-C to stop)\n\n${textTable(["Job", "Run dir", "State", "Points", "Missing"], rows)}\n`);
      } else for (const change of changes) process.stdout.write(JSON.stringify(change) + "\n");
      await stop.pause(intervalMs);
    }
  } finally {
    stop.dispose();
  }
  return 0;
}
