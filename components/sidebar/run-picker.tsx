"use client";

import { useState } from "react";
import { useView } from "../view-state-provider";
import { selectRuns } from "@/lib/filters";
import type { PickerRun } from "@/lib/labels";
import { ALL_RUNS, toggled } from "@/lib/view-state";

/**
 * Entries listed before "Show all": a thousand-run list is most of a page's HTML and cannot be read
 * by scrolling anyway; search still looks through every run.
 */
export const LISTED_RUNS = 100;

/** "Select runs to compare": the runs that pass the filters, newest first, searchable by job id. */
export function RunPicker({ runs }: { runs: PickerRun[] }) {
  const { state, update } = useView();
  const [search, setSearch] = useState("");
  const [showAll, setShowAll] = useState(false);
  const selected = new Set(selectRuns(runs, state.runs).map((run) => run.runDir));
  const query = search.trim();
  const matching = query ? runs.filter((run) => run.jobId.includes(query) || run.runDir.includes(query)) : runs;
  const shown = showAll ? matching : matching.slice(0, LISTED_RUNS);

  const toggle = (runDir: string) =>
    update((s) => ({ ...s, runs: toggled(selectRuns(runs, s.runs).map((run) => run.runDir), runDir) }));

  return (
    <section className="space-y-1" data-testid="run-picker">
      <div className="flex items-baseline justify-between">
        <h3 className="text-sm font-semibold">Select runs to compare</h3>
        <span className="text-xs text-slate-500" data-testid="selected-count">
          {selected.size} of {runs.length} selected
        </span>
      </div>
      <input
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder="Search by job id…"
        className="w-full rounded border border-slate-300 px-2 py-1 text-xs"
        data-testid="run-search"
      />
      <div className="flex gap-2 text-xs">
        <button type="button" className="text-blue-700 underline" onClick={() => update((s) => ({ ...s, runs: ALL_RUNS }))}>
          Select all
        </button>
        <button type="button" className="text-blue-700 underline" onClick={() => update((s) => ({ ...s, runs: [], points: [] }))}>
          Select none
        </button>
      </div>
      <ul className="max-h-80 space-y-0.5 overflow-y-auto rounded border border-slate-200 bg-white p-1">
        {shown.map((run) => (
          <li key={run.runDir}>
            <label className="flex items-start gap-1.5 text-xs" data-testid="run-option" data-run-dir={run.runDir}>
              <input type="checkbox" className="mt-0.5" checked={selected.has(run.runDir)} onChange={() => toggle(run.runDir)} />
              <span className="min-w-0">
                {run.label}
                {run.tags.map((tag) => (
                  <span key={tag} className="ml-1 break-all rounded bg-amber-100 px-1 text-amber-900">
                    {tag}
                  </span>
                ))}
                {run.activity && (
                  <span
                    className={`ml-1 rounded px-1 ${run.activity === "running" ? "bg-green-100 text-green-800" : "bg-orange-100 text-orange-900"}`}
                    data-testid="run-activity-badge"
                    title={run.activity === "running" ? "Logs are still being written" : "No new log bytes for a long while: the job may hang"}
                  >
                    {run.activity}
                  </span>
                )}
                {run.health && (
                  <span className="ml-1 rounded bg-red-100 px-1 text-red-800" data-testid="run-health-badge" title="Trouble signals in this run's logs and results">
                    {run.health}
                  </span>
                )}
              </span>
            </label>
          </li>
        ))}
        {shown.length === 0 && <li className="p-1 text-xs text-slate-500">{query ? `No job id contains "${query}".` : "No runs."}</li>}
        {shown.length < matching.length && (
          <li className="p-1 text-xs text-slate-500">
            {matching.length - shown.length} more: search by job id, or{" "}
            <button type="button" className="text-blue-700 underline" onClick={() => setShowAll(true)} data-testid="show-all-runs">
              show all {matching.length}
            </button>
          </li>
        )}
      </ul>
    </section>
  );
}
