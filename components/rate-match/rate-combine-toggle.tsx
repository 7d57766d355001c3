"use client";

import { RadioGroup } from "../radio-group";
import { useView } from "../view-state-provider";
import type { Combine } from "@/lib/node-aggregate";

const OPTIONS: { value: Combine; label: string }[] = [
  { value: "mean", label: "Average per node" },
  { value: "sum", label: "Sum over nodes (cluster total)" },
];

/**
 * Per node on average, or the cluster's totals: summed, a 1P2D run's lines compare one prefill worker
 * with two decode workers, so their ratio is the cluster's. Shares the URL's `agg` with Node Metrics.
 */
export function RateCombineToggle() {
  const { state, update } = useView();
  return (
    <RadioGroup
      name="rate-combine"
      title="Aggregation"
      options={OPTIONS}
      value={state.agg === "sum" ? "sum" : "mean"}
      onChange={(how) => update((s) => ({ ...s, agg: how === "sum" ? "sum" : "all" }))}
      testId="rate-combine-toggle"
    />
  );
}
