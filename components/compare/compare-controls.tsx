"use client";

import { useEffect, useState } from "react";
import { useView } from "../view-state-provider";
import { Y_METRIC_INFO } from "@/lib/charts/pareto-figure";
import { Y_METRICS } from "@/lib/view-state";

export interface CompareOptions {
  runs: { value: string; label: string }[];
  tags: { value: string; label: string }[];
}

function SideSelect({ side, value, options }: { side: "base" | "cand"; value: string; options: CompareOptions }) {
  const { update } = useView();
  const field = side === "base" ? "compareBase" : "compareCand";
  return (
    <label className="flex items-center gap-2">
      <span className="font-medium">{side === "base" ? "Baseline" : "Candidate"}</span>
      <select value={value} onChange={(e) => update((s) => ({ ...s, [field]: e.target.value || undefined }))} className="max-w-md rounded border border-slate-300 px-1 py-0.5" data-testid={`compare-${side}`}>
        <option value="">(pick a run or tag)</option>
        <optgroup label="Tags">
          {options.tags.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </optgroup>
        <optgroup label="Runs">
          {options.runs.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </optgroup>
      </select>
    </label>
  );
}

/** Levels typed as "20, 40.5"; anything not a positive number is dropped. */
function parseLevels(text: string): number[] {
  return text.split(/[\s,]+/).filter(Boolean).map(Number).filter((v) => Number.isFinite(v) && v > 0);
}

function LevelsInput() {
  const { state, update } = useView();
  const [text, setText] = useState(state.levels.join(", "));
  useEffect(() => setText(state.levels.join(", ")), [state.levels]);
  const commit = () => update((s) => ({ ...s, levels: [...new Set(parseLevels(text))].sort((a, b) => a - b) }));
  return (
    <label className="flex items-center gap-2">
      <span className="font-medium">Levels (TPS/User)</span>
      <input value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === "Enter" && commit()} placeholder="defaults" className="w-40 rounded border border-slate-300 px-1 py-0.5" data-testid="compare-levels" />
    </label>
  );
}

/** Baseline, candidate, y metric and the Δ table's interactivity levels. */
export function CompareControls({ base, cand, options }: { base: string; cand: string; options: CompareOptions }) {
  const { state, update } = useView();
  return (
    <div className="flex flex-wrap items-center gap-x-8 gap-y-3 text-sm" data-testid="compare-controls">
      <SideSelect side="base" value={base} options={options} />
      <SideSelect side="cand" value={cand} options={options} />
      <fieldset className="flex items-center gap-3">
        <legend className="sr-only">Y-axis metric</legend>
        {Y_METRICS.map((metric) => (
          <label key={metric} className="flex items-center gap-1">
            <input type="radio" name="compare-y" checked={state.y === metric} onChange={() => update((s) => ({ ...s, y: metric }))} />
            {Y_METRIC_INFO[metric].label}
          </label>
        ))}
      </fieldset>
      <LevelsInput />
    </div>
  );
}
