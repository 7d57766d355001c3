"use client";

import Link from "next/link";
import { useView } from "../view-state-provider";
import type { ChartRun } from "@/lib/charts/chart-data";
import { fmt2, fmtPercent } from "@/lib/charts/format";
import type { ParetoPoint } from "@/lib/charts/pareto-figure";
import { AXIS_METRIC_INFO, type AxisPair } from "@/lib/charts/pareto-metrics";
import { changeIsBetter, comparePoints } from "@/lib/charts/point-compare";
import type { Better } from "@/lib/pareto";
import { hrefFor, type ViewState } from "@/lib/view-state";

function PointCard({ title, point, xLabel, yLabel, testId, state }: { title: string; point: ParetoPoint; xLabel: string; yLabel: string; testId: string; state: ViewState }) {
  return (
    <div className="min-w-0 flex-1 rounded border border-slate-200 p-3" data-testid={testId}>
      <div className="text-xs font-semibold uppercase text-slate-500">{title}</div>
      <div className="truncate font-medium" title={point.label}>
        {point.label}
      </div>
      <div className="text-slate-600">@ concurrency {point.concurrency}</div>
      <div className="mt-1 font-mono text-xs">
        {xLabel}: {fmt2(point.x)} · {yLabel}: {fmt2(point.y)}
      </div>
      <Link prefetch={false} href={hrefFor("/nodes", { ...state, runs: [point.runDir], win: point.concurrency })} className="mt-1 inline-block text-xs text-blue-700 underline" data-testid="point-node-metrics">
        Node metrics for this point
      </Link>
    </div>
  );
}

/** A % change, green when it is an improvement in the axis metric's direction (a latency falling), red when not. */
function Delta({ label, pct, better, testId }: { label: string; pct: number | null; better: Better; testId: string }) {
  const judged = changeIsBetter(pct, better);
  const color = judged === null ? "text-slate-500" : judged ? "text-green-700" : "text-red-700";
  return (
    <div>
      {label}: <span className={`font-semibold ${color}`} data-testid={testId}>{fmtPercent(pct)}</span>
    </div>
  );
}

/** Two clicked points side by side: A (baseline), B and the % change of both axes, with Swap and Clear. */
export function PointComparison({ runs, axes }: { runs: ChartRun[]; axes: AxisPair }) {
  const { state, update } = useView();
  // On the default axes the card keeps its short "TPS/User" for x.
  const xLabel = axes.x === "tps-user" ? "TPS/User" : AXIS_METRIC_INFO[axes.x].label;
  const yLabel = AXIS_METRIC_INFO[axes.y].label;
  const { a, b, dx, dy } = comparePoints(runs, state.points, state.swap, axes);
  const clear = () => update((s) => ({ ...s, points: [], swap: false }));

  if (!a && !b) {
    return (
      <p className="text-sm text-slate-500" data-testid="point-comparison">
        Click a point to pick it as A (the baseline), then another as B to compare them.
      </p>
    );
  }
  return (
    <div className="space-y-2 text-sm" data-testid="point-comparison">
      <div className="flex flex-wrap items-stretch gap-3">
        {a && <PointCard title="Point A (baseline)" point={a} xLabel={xLabel} yLabel={yLabel} testId="point-a" state={state} />}
        {a && b && (
          <div className="flex flex-col justify-center gap-1 px-2" data-testid="point-deltas">
            <div className="text-xs font-semibold uppercase text-slate-500">% Change (A→B)</div>
            <Delta label={AXIS_METRIC_INFO[axes.x].label} pct={dx} better={AXIS_METRIC_INFO[axes.x].better} testId="delta-x" />
            <Delta label={yLabel} pct={dy} better={AXIS_METRIC_INFO[axes.y].better} testId="delta-y" />
          </div>
        )}
        {b && <PointCard title="Point B" point={b} xLabel={xLabel} yLabel={yLabel} testId="point-b" state={state} />}
        {!b && <p className="self-center text-slate-500">Click another point to compare.</p>}
      </div>
      <div className="flex gap-2">
        {a && b && (
          <button type="button" className="btn" onClick={() => update((s) => ({ ...s, swap: !s.swap }))} data-testid="swap-points">
            Swap
          </button>
        )}
        <button type="button" className="btn" onClick={clear} data-testid="clear-points">
          Clear selection
        </button>
      </div>
    </div>
  );
}
