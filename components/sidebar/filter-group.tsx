"use client";

import { useView } from "../view-state-provider";
import { filterChoices, type FilterName } from "@/lib/filters";
import { toggled } from "@/lib/view-state";

export interface FilterGroupProps {
  name: FilterName;
  title: string;
  options: string[];
  /** Shown when the runs carry no value for this filter. */
  emptyText: string;
  help?: string;
}

/** One sidebar filter: a collapsible list of checkboxes; nothing ticked means no filtering. */
export function FilterGroup({ name, title, options, emptyText, help }: FilterGroupProps) {
  const { state, update } = useView();
  const chosen = state[name];
  return (
    <details className="rounded border border-slate-200 bg-white" data-testid={`filter-${name}`} open={chosen.length > 0 || undefined}>
      <summary className="cursor-pointer px-2 py-1 text-sm font-medium">
        {title}
        {chosen.length > 0 && <span className="ml-1 rounded bg-blue-100 px-1 text-xs text-blue-800">{chosen.length}</span>}
      </summary>
      <div className="space-y-0.5 px-2 pb-2">
        {help && <p className="text-xs text-slate-500">{help}</p>}
        {options.length === 0 && <p className="text-xs text-slate-500">{emptyText}</p>}
        {filterChoices(options, chosen).map((option) => (
          <label key={option} className="flex items-start gap-1.5 text-xs break-all">
            <input type="checkbox" className="mt-0.5" checked={chosen.includes(option)} onChange={() => update((s) => ({ ...s, [name]: toggled(s[name], option), points: [] }))} />
            {option}
          </label>
        ))}
      </div>
    </details>
  );
}
