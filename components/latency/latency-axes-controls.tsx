"use client";

import { useView } from "../view-state-provider";
import { LATENCY_X_LABEL } from "@/lib/charts/latency-figure";
import { LATENCY_X } from "@/lib/view-state";

/** X axis (concurrency, or Output TPS/GPU for latency vs throughput) and a log y axis, kept in the URL. */
export function LatencyAxesControls() {
  const { state, update } = useView();
  return (
    <div className="flex flex-wrap items-center gap-x-8 gap-y-2 text-sm">
      <fieldset className="flex items-center gap-3" data-testid="latency-x">
        <legend className="sr-only">X axis</legend>
        <span className="font-medium">X axis</span>
        {LATENCY_X.map((x) => (
          <label key={x} className="flex items-center gap-1">
            <input type="radio" name="latency-x" value={x} checked={state.latencyX === x} onChange={() => update((s) => ({ ...s, latencyX: x }))} />
            {LATENCY_X_LABEL[x]}
          </label>
        ))}
      </fieldset>
      <label className="flex items-center gap-1" title="Latencies can span two orders of magnitude (p99 TTFT from 74 ms to 7.8 s): a log axis shows both ends">
        <input type="checkbox" checked={state.latencyLogY} onChange={(e) => update((s) => ({ ...s, latencyLogY: e.target.checked }))} data-testid="latency-logy" />
        Log scale (y)
      </label>
      <label className="flex items-center gap-1" title="Each run's median, dashed, beside the chosen statistic: a mean far above its median means a tail pulls it">
        <input type="checkbox" checked={state.latencyMedian} disabled={state.stat === "median"} onChange={(e) => update((s) => ({ ...s, latencyMedian: e.target.checked }))} data-testid="latency-median" />
        Median line
      </label>
      <label className="flex items-center gap-1" title="Cap the y axis at the p99 of the plotted values when a few points are far above the rest; the chart says how many it hides">
        <input type="checkbox" checked={state.latencyClip} onChange={(e) => update((s) => ({ ...s, latencyClip: e.target.checked }))} data-testid="latency-clip" />
        Clip y at p99
      </label>
    </div>
  );
}
