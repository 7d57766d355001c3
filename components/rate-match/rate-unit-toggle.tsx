"use client";

import { RadioGroup } from "../radio-group";
import { useView } from "../view-state-provider";
import type { RateUnit } from "@/lib/view-state";

const UNITS: { value: RateUnit; label: string }[] = [
  { value: "tokens", label: "Tokens/s" },
  { value: "requests", label: "Requests/s (prefill ÷ ISL, decode ÷ OSL)" },
];

/** tokens/s as logged, or requests/s using each run's ISL and OSL: balanced runs overlap in requests/s. */
export function RateUnitToggle() {
  const { state, update } = useView();
  return <RadioGroup name="rate-unit" title="Unit" options={UNITS} value={state.rate} onChange={(rate) => update((s) => ({ ...s, rate }))} testId="rate-unit-toggle" />;
}
