"use client";

import { useEffect, useState } from "react";
import { useView } from "../view-state-provider";
import { AxisControls } from "./axis-controls";
import { Y_METRIC_INFO } from "@/lib/charts/pareto-figure";
import { FRONTIER_GROUPS, withCutoff, Y_METRICS, type FrontierGroup } from "@/lib/view-state";

const GROUP_TITLES: Record<FrontierGroup, string> = { all: "all runs", topology: "topology", gpu: "GPU type", container: "container", tag: "tag" };

const asText = (value: number | null) => (value === null ? "" : String(value));

/**
 * Axes and colour-by (AxisControls), the y-axis shortcuts, TPS/User cutoff line (toggle and value; drawn
 * on whichever axis shows TPS/User) and Pareto frontier toggle. The cutoff's value
 * is the SLA lens's TPS/User bound (`min-tps-user`): editing either edits both.
 */
export function ParetoControls() {
  const { state, update } = useView();
  const bound = state.sla.minTpsUser;
  const [cutoffText, setCutoffText] = useState(asText(bound));
  useEffect(() => setCutoffText(asText(bound)), [bound]);

  const commitCutoff = () => {
    const value = Number(cutoffText);
    if (cutoffText.trim() === "") {
      if (bound !== null) update((s) => ({ ...s, sla: { ...s.sla, minTpsUser: null } }));
    } else if (Number.isFinite(value) && value > 0 && value !== bound) {
      update((s) => ({ ...s, sla: { ...s.sla, minTpsUser: value } }));
    } else setCutoffText(asText(bound));
  };

  return (
    <div className="space-y-3">
      <AxisControls />
      <div className="flex flex-wrap items-center gap-x-8 gap-y-3 text-sm" data-testid="pareto-controls">
        <fieldset className="flex items-center gap-3">
          <legend className="sr-only">Y-axis metric</legend>
          <span className="font-medium">Y-axis metric</span>
          {Y_METRICS.map((metric) => (
            <label key={metric} className="flex items-center gap-1">
              <input type="radio" name="y-metric" checked={state.y === metric} onChange={() => update((s) => ({ ...s, y: metric }))} />
              {Y_METRIC_INFO[metric].label}
            </label>
          ))}
        </fieldset>
        <label className="flex items-center gap-2" title="The same value as the SLA lens's TPS/User ≥ bound in the sidebar: points left of the line grey out">
          <input type="checkbox" checked={state.cutoff} onChange={(e) => update((s) => withCutoff(s, e.target.checked))} data-testid="cutoff-toggle" />
          Show TPS/User cutoff line at
          <input
            type="number"
            min={0}
            step="any"
            value={cutoffText}
            placeholder="off"
            disabled={!state.cutoff}
            onChange={(e) => setCutoffText(e.target.value)}
            onBlur={commitCutoff}
            onKeyDown={(e) => e.key === "Enter" && commitCutoff()}
            className="w-20 rounded border border-slate-300 px-1 py-0.5 disabled:bg-slate-100 disabled:text-slate-400"
            aria-label="Cutoff value (TPS/User)"
            data-testid="cutoff-value"
          />
          TPS/User <span className="text-xs text-slate-500">(= SLA lens TPS/User ≥)</span>
          {state.cutoff && state.x !== "tps-user" && state.y !== "tps-user" && (
            <span className="text-xs text-amber-700" data-testid="cutoff-hidden">
              not drawn: no axis shows Output TPS/User
            </span>
          )}
        </label>
        <label className="flex items-center gap-2" title="Highlight the efficient frontier: points where no other configuration is strictly better">
          <input type="checkbox" checked={state.frontier} onChange={(e) => update((s) => ({ ...s, frontier: e.target.checked }))} data-testid="frontier-toggle" />
          Show Pareto Frontier
        </label>
        <label className="flex items-center gap-2">
          one per
          <select
            value={state.frontierBy}
            disabled={!state.frontier}
            onChange={(e) => update((s) => ({ ...s, frontierBy: e.target.value as FrontierGroup }))}
            className="rounded border border-slate-300 px-1 py-0.5 disabled:bg-slate-100 disabled:text-slate-400"
            aria-label="Frontier grouping"
            data-testid="frontier-by"
          >
            {FRONTIER_GROUPS.map((group) => (
              <option key={group} value={group}>
                {group === "all" ? "(one over all runs)" : GROUP_TITLES[group]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
