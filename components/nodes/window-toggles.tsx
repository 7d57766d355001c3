"use client";

import { useView } from "../view-state-provider";
import type { NodeRunLines } from "@/lib/charts/node-figure";
import { toggled } from "@/lib/view-state";

function windowsText(r: NodeRunLines): string {
  const n = r.windows?.windows.length ?? 0;
  if (n > 0) return `${n} window${n === 1 ? "" : "s"}`;
  return r.windows?.note ? "windows not placed" : "no windows";
}

/**
 * With several runs, each run's concurrency windows are off until switched on here (URL `wins`): every
 * run's bands on one chart are a wall. A chart draws the windows of the runs it plots only.
 */
export function WindowToggles({ runs }: { runs: NodeRunLines[] }) {
  const { state, update } = useView();
  if (runs.length <= 1) return null;
  return (
    <fieldset className="flex flex-wrap items-center gap-x-5 gap-y-1 text-sm" data-testid="window-toggles">
      <legend className="sr-only">Concurrency windows</legend>
      <span className="font-medium">Concurrency windows:</span>
      {runs.map((r) => (
        <label key={r.run.runDir} className="flex items-center gap-1.5" title={r.run.label}>
          <input
            type="checkbox"
            checked={state.windowRuns.includes(r.run.runDir)}
            onChange={() => update((s) => ({ ...s, windowRuns: toggled(s.windowRuns, r.run.runDir) }), { replace: true })}
            data-testid="window-toggle"
            data-run-dir={r.run.runDir}
          />
          {/* The job id leads every line name of the run; the whole label is the tooltip, so three runs fit one row at 1024 px. */}
          <span>
            {r.run.jobId} <span className="text-xs text-slate-500">({windowsText(r)})</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
