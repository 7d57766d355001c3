"use client";

import { useMemo } from "react";
import { Chart } from "../chart";
import { buildPowerLayout, buildPowerTraces } from "@/lib/charts/power-figure";
import type { RunPowerSeries } from "@/lib/server/power";

/** Power over time per node of one run, its concurrency windows shaded. */
export function PowerChart({ series }: { series: RunPowerSeries }) {
  const data = useMemo(() => buildPowerTraces(series.nodes, series.t0), [series]);
  const layout = useMemo(() => buildPowerLayout(series.windows, series.t0), [series]);
  return <Chart data={data} layout={layout} testId={`power-chart-${series.runDir}`} />;
}
