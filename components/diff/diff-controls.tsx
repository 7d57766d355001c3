"use client";

import { useView } from "../view-state-provider";

export interface DiffRunOption {
  runDir: string;
  label: string;
}

function RunSelect({ side, value, runs }: { side: "a" | "b"; value: string; runs: readonly DiffRunOption[] }) {
  const { update } = useView();
  const field = side === "a" ? "diffA" : "diffB";
  return (
    <label className="flex items-center gap-2">
      <span className="font-medium">Run {side.toUpperCase()}</span>
      <select
        value={value}
        onChange={(e) => update((s) => ({ ...s, [field]: e.target.value || undefined }))}
        className="max-w-md rounded border border-slate-300 px-1 py-0.5"
        data-testid={`diff-run-${side}`}
      >
        <option value="">(pick a run)</option>
        {runs.map((run) => (
          <option key={run.runDir} value={run.runDir}>
            {run.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The two runs of the diff, whether settings both share are listed too, and whether identity keys are. */
export function DiffControls({ runs, a, b }: { runs: readonly DiffRunOption[]; a: string; b: string }) {
  const { state, update } = useView();
  return (
    <div className="flex flex-wrap items-center gap-x-8 gap-y-3 text-sm" data-testid="diff-controls">
      <RunSelect side="a" value={a} runs={runs} />
      <RunSelect side="b" value={b} runs={runs} />
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={!state.diffSame} onChange={(e) => update((s) => ({ ...s, diffSame: !e.target.checked }))} data-testid="diff-only-toggle" />
        Only differences
      </label>
      <label className="flex items-center gap-2" title="Host names, SLURM_* variables, job ids, addresses and ports: they name a run rather than configure it">
        <input type="checkbox" checked={state.diffIds} onChange={(e) => update((s) => ({ ...s, diffIds: e.target.checked }))} data-testid="diff-identity-toggle" />
        Show identity keys
      </label>
    </div>
  );
}
