"use client";

import { useEffect, useState } from "react";
import { useView } from "../view-state-provider";
import { hasSla, NO_SLA, SLA_METRIC_NAME, SLA_METRICS, SLA_PRESETS, slaText, type LatencyBound, type Sla, type SlaMetric } from "@/lib/sla";
import { LATENCY_STATS, type LatencyStat } from "@/lib/view-state";

/** A number box that commits on Enter or blur; an empty box removes the constraint, a bad value reverts. */
function BoundInput({ value, onCommit, label, testId }: { value: number | null; onCommit: (value: number | null) => void; label: string; testId: string }) {
  const [text, setText] = useState(value === null ? "" : String(value));
  useEffect(() => setText(value === null ? "" : String(value)), [value]);
  const commit = () => {
    const trimmed = text.trim();
    const parsed = Number(trimmed);
    if (trimmed === "") return value !== null && onCommit(null);
    if (Number.isFinite(parsed) && parsed > 0) return parsed !== value && onCommit(parsed);
    setText(value === null ? "" : String(value));
  };
  return (
    <input
      type="number"
      min={0}
      step="any"
      value={text}
      placeholder="off"
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === "Enter" && commit()}
      className="w-20 rounded border border-slate-300 px-1 py-0.5 text-right"
      aria-label={label}
      data-testid={testId}
    />
  );
}

/** The bounds of `sla` with `metric`'s first bound replaced (or removed when `next` is null). */
function withBound(sla: Sla, metric: SlaMetric, next: LatencyBound | null): Sla {
  const index = sla.bounds.findIndex((b) => b.metric === metric);
  const others = sla.bounds.filter((_, i) => i !== index);
  const bounds = next ? [...others.filter((b) => !(b.metric === next.metric && b.stat === next.stat)), next] : others;
  return { ...sla, bounds };
}

/**
 * Sidebar SLA lens: an upper bound per latency at a chosen statistic and a TPS/User floor, or one of
 * the guide's presets. Kept in the URL; the Pareto and Latency tabs grey the points that fail it.
 */
export function SlaForm() {
  const { state, update } = useView();
  const sla = state.sla;
  const [stats, setStats] = useState<Record<SlaMetric, LatencyStat>>({ ttft: "p99", tpot: "mean", itl: "mean", e2el: "p99" });
  const set = (next: Sla) => update((s) => ({ ...s, sla: next }));
  return (
    <details className="rounded border border-slate-200 bg-white" data-testid="sla-form" open={hasSla(sla) || undefined}>
      <summary className="cursor-pointer px-2 py-1 text-sm font-medium">
        SLA lens
        {hasSla(sla) && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900" data-testid="sla-summary">{slaText(sla)}</span>}
      </summary>
      <div className="space-y-1.5 px-2 pb-2 text-xs">
        <p className="text-slate-500">Points failing any bound grey out on the Pareto and Latency tabs; each run&apos;s best point that meets them all is starred and listed. The TPS/User bound is also where the Pareto tab&apos;s cutoff line is drawn.</p>
        {SLA_METRICS.map((metric) => {
          const bound = sla.bounds.find((b) => b.metric === metric) ?? null;
          const stat = bound?.stat ?? stats[metric];
          return (
            <div key={metric} className="flex items-center gap-1.5">
              <span className="w-9 font-medium">{SLA_METRIC_NAME[metric]}</span>
              <select
                value={stat}
                onChange={(e) => {
                  const next = e.target.value as LatencyStat;
                  setStats((s) => ({ ...s, [metric]: next }));
                  if (bound) set(withBound(sla, metric, { ...bound, stat: next }));
                }}
                className="rounded border border-slate-300 px-0.5 py-0.5"
                aria-label={`${SLA_METRIC_NAME[metric]} statistic`}
                data-testid={`sla-stat-${metric}`}
              >
                {LATENCY_STATS.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
              <span>≤</span>
              <BoundInput
                value={bound?.maxMs ?? null}
                onCommit={(maxMs) => set(withBound(sla, metric, maxMs === null ? null : { metric, stat, maxMs }))}
                label={`Max ${stat} ${SLA_METRIC_NAME[metric]} (ms)`}
                testId={`sla-max-${metric}`}
              />
              <span>ms</span>
            </div>
          );
        })}
        <div className="flex items-center gap-1.5">
          <span className="font-medium">TPS/User ≥</span>
          <BoundInput value={sla.minTpsUser} onCommit={(minTpsUser) => set({ ...sla, minTpsUser })} label="Min Output TPS/User" testId="sla-min-tps-user" />
        </div>
        <div className="flex flex-wrap gap-1 pt-1">
          {SLA_PRESETS.map((preset) => (
            <button key={preset.id} type="button" className="btn px-1.5 py-0.5 text-xs" title={slaText(preset.sla)} onClick={() => set(preset.sla)} data-testid={`sla-preset-${preset.id}`}>
              {preset.name}
            </button>
          ))}
          {hasSla(sla) && (
            <button type="button" className="btn px-1.5 py-0.5 text-xs" onClick={() => set(NO_SLA)} data-testid="sla-clear">
              Clear
            </button>
          )}
        </div>
      </div>
    </details>
  );
}
