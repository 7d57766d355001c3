"use client";

import { useView } from "./view-state-provider";
import { withoutFilters } from "@/lib/view-state";

/** Drops every sidebar filter (used where the filters left nothing to show). */
export function ClearFiltersButton({ className = "btn" }: { className?: string }) {
  const { update } = useView();
  return (
    <button type="button" className={className} onClick={() => update((s) => ({ ...withoutFilters(s), points: [] }))} data-testid="clear-filters">
      Clear filters
    </button>
  );
}

/** Back to the default selection: the newest three runs. */
export function SelectNewestButton() {
  const { update } = useView();
  return (
    <button type="button" className="btn" onClick={() => update((s) => ({ ...s, runs: undefined }))}>
      Select the newest three
    </button>
  );
}
