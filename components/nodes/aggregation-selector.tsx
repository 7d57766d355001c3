"use client";

import { RadioGroup } from "../radio-group";
import { useView } from "../view-state-provider";
import type { AggregationMode } from "@/lib/view-state";

const OPTIONS: { value: AggregationMode; label: string }[] = [
  { value: "individual", label: "Show individual nodes" },
  { value: "dp", label: "Group by DP rank (average per DP)" },
  { value: "all", label: "Aggregate all nodes (single averaged line)" },
  { value: "sum", label: "Sum over nodes (cluster total)" },
];

/** The guide's three aggregation modes; the server draws the lines for the chosen one. */
export function AggregationSelector() {
  const { state, update } = useView();
  return (
    <RadioGroup
      name="node-aggregation"
      title="Node Aggregation"
      options={OPTIONS}
      value={state.agg}
      onChange={(agg) => update((s) => ({ ...s, agg }))}
      testId="aggregation-selector"
      help="Individual lines per worker, one line per DP rank (TP workers averaged), one averaged line per run, or one line per run adding up its workers (KV cache utilisation stays averaged)"
    />
  );
}
