"use client";

import { useMemo } from "react";
import { Chart } from "../chart";
import { useStable } from "../use-stable";
import { useView } from "../view-state-provider";
import { buildRateMatchFigure } from "@/lib/charts/node-figure";
import type { NodeRunRef, RateLines } from "@/lib/node-view";
import type { RunWindows } from "@/lib/windows";

/** One run's prefill input against decode generation, in the unit the URL asks for. */
export function RateMatchChart(props: { rate: RateLines; run: NodeRunRef; windows: RunWindows }) {
  const rate = useStable(props.rate);
  const windows = useStable(props.windows);
  const { run } = props;
  const { state } = useView();
  const figure = useMemo(() => buildRateMatchFigure(rate, state.rate, { run, windows }, state.win), [rate, state.rate, run, windows, state.win]);
  return (
    <div className="space-y-1">
      <Chart data={figure.data} layout={figure.layout} testId="rate-chart" />
      {state.rate === "requests" && !rate.requests && (
        <p className="text-xs text-amber-800" data-testid="rate-no-isl-osl">
          This run&apos;s metadata gives no ISL or OSL, so it stays in tokens/s.
        </p>
      )}
    </div>
  );
}
