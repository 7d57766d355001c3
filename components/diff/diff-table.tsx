"use client";

import { useState } from "react";
import type { DiffRow } from "@/lib/run-diff";
import { filterRows } from "@/lib/run-diff-view";

const cell = (value: string | null) => (value === null ? <span className="text-slate-400">(not set)</span> : value);

/** The settings of two runs side by side, differing rows highlighted, narrowed by a filter box (key or value). */
export function DiffTable({ rows, labelA, labelB }: { rows: readonly DiffRow[]; labelA: string; labelB: string }) {
  const [filter, setFilter] = useState("");
  if (rows.length === 0) return <p className="text-sm text-slate-600" data-testid="diff-empty">No setting differs.</p>;
  const shown = filterRows(rows, filter);
  return (
    <div className="space-y-2">
      <label className="flex items-center gap-2 text-sm">
        <span className="font-medium">Filter</span>
        <input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="key or value, e.g. tp_size or NCCL"
          className="w-72 rounded border border-slate-300 px-2 py-0.5"
          data-testid="diff-filter"
        />
        <span className="text-xs text-slate-500" data-testid="diff-count">
          {shown.length} of {rows.length} settings
        </span>
      </label>
      <table className="data-table" data-testid="diff-table">
        <thead>
          <tr>
            <th>Setting</th>
            <th>A: {labelA}</th>
            <th>B: {labelB}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.key} data-testid="diff-row" data-key={row.key} data-differs={row.differs} className={row.differs ? "bg-amber-50" : undefined}>
              <td className="font-mono">{row.key}</td>
              <td className="font-mono break-all">{cell(row.a)}</td>
              <td className="font-mono break-all">{cell(row.b)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
