import type { DiffRow } from "@/lib/run-diff";

const cell = (value: string | null) => (value === null ? <span className="text-slate-400">(not set)</span> : value);

/** The settings of two runs side by side, differing rows highlighted. */
export function DiffTable({ rows, labelA, labelB }: { rows: readonly DiffRow[]; labelA: string; labelB: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600" data-testid="diff-empty">No setting differs.</p>;
  return (
    <table className="data-table" data-testid="diff-table">
      <thead>
        <tr>
          <th>Setting</th>
          <th>A: {labelA}</th>
          <th>B: {labelB}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-testid="diff-row" data-key={row.key} data-differs={row.differs} className={row.differs ? "bg-amber-50" : undefined}>
            <td className="font-mono">{row.key}</td>
            <td className="font-mono break-all">{cell(row.a)}</td>
            <td className="font-mono break-all">{cell(row.b)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
