"use client";

import { useView } from "../view-state-provider";
import { COLOR_BY_TITLES } from "@/lib/charts/pareto-colors";
import { AXIS_METRIC_INFO, AXIS_METRICS, betterText, type AxisMetric } from "@/lib/charts/pareto-metrics";
import { COLOR_BY, type ColorBy, type ViewState } from "@/lib/view-state";

/** The axis picker's option groups: throughputs, latencies, then the one setting. */
const OPTION_GROUPS: { label: string; metrics: AxisMetric[] }[] = [
  { label: "Throughput", metrics: ["output", "total", "tps-user", "req-rate", "goodput", "energy"] },
  { label: "Latency", metrics: AXIS_METRICS.filter((m) => AXIS_METRIC_INFO[m].better === "lower") },
  { label: "Setting", metrics: ["concurrency"] },
];

function AxisPicker({ axis }: { axis: "x" | "y" }) {
  const { state, update } = useView();
  const logKey = axis === "x" ? "paretoLogX" : "paretoLogY";
  const metric = state[axis];
  const info = AXIS_METRIC_INFO[metric];
  return (
    <span className="flex items-center gap-2">
      {/* Named by aria-label, not a wrapping <label>: a label's name would take in every option's text, and "Goodput TPS/GPU" would name three controls. */}
      <span className="flex items-center gap-1">
        <span className="font-medium" aria-hidden>
          {axis.toUpperCase()} axis
        </span>
        <select
          value={metric}
          onChange={(e) => update((s) => ({ ...s, [axis]: e.target.value as AxisMetric }))}
          className="rounded border border-slate-300 px-1 py-0.5"
          aria-label={`${axis.toUpperCase()} axis metric`}
          data-testid={`axis-${axis}`}
        >
          {OPTION_GROUPS.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.metrics.map((m) => (
                <option key={m} value={m}>
                  {AXIS_METRIC_INFO[m].label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </span>
      <span className="text-xs text-slate-600" data-testid={`axis-${axis}-better`} title={info.note}>
        {betterText(metric, axis)}
        {info.note && " *"}
      </span>
      <label className="flex items-center gap-1 text-xs">
        <input type="checkbox" checked={state[logKey]} onChange={(e) => update((s): ViewState => ({ ...s, [logKey]: e.target.checked }))} data-testid={`axis-${axis}-log`} />
        log {axis}
      </label>
    </span>
  );
}

/**
 * Any metric on either axis, each with its log toggle and which way is better (the frontier follows
 * it), and what the runs are coloured by. The Y-axis radios above are shortcuts for the same `y`.
 */
export function AxisControls() {
  const { state } = useView();
  const noted = [state.x, state.y].find((m) => AXIS_METRIC_INFO[m].note);
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm" data-testid="axis-controls">
      <AxisPicker axis="x" />
      <AxisPicker axis="y" />
      <ColorBySelect />
      {noted && <span className="w-full text-xs text-slate-500">* {AXIS_METRIC_INFO[noted].label}: {AXIS_METRIC_INFO[noted].note}.</span>}
    </div>
  );
}

/** What the runs are coloured by (URL `color`): shared by the Pareto and Latency tabs. */
export function ColorBySelect() {
  const { state, update } = useView();
  return (
    <span className="flex items-center gap-1 text-sm">
      <span className="font-medium" aria-hidden>
        Colour by
      </span>
      <select value={state.colorBy} onChange={(e) => update((s) => ({ ...s, colorBy: e.target.value as ColorBy }))} className="rounded border border-slate-300 px-1 py-0.5" aria-label="Colour by" data-testid="color-by">
        {COLOR_BY.map((by) => (
          <option key={by} value={by}>
            {COLOR_BY_TITLES[by]}
          </option>
        ))}
      </select>
    </span>
  );
}
