import Link from "next/link";
import { fmt2 } from "@/lib/charts/format";
import { X_LABEL } from "@/lib/charts/pareto-figure";
import type { BestRow } from "@/lib/sla";
import { hrefFor, type ViewState } from "@/lib/view-state";

/**
 * Per run (or group) the best throughput point meeting every SLA constraint, its concurrency, and
 * the constraint that rules out the next better point; for a run with none, its nearest miss.
 */
export function SlaBestTable({ rows, yLabel, constraints, grouped, state }: { rows: BestRow[]; yLabel: string; constraints: string; grouped: boolean; state: ViewState }) {
  const passing = rows.filter((row) => row.best).length;
  return (
    <details className="text-sm" open data-testid="sla-best-table">
      <summary className="cursor-pointer font-medium">
        Best point under the SLA ({constraints}): {passing} of {rows.length} {grouped ? "group" : "run"}
        {rows.length === 1 ? "" : "s"} meet it
      </summary>
      <table className="data-table mt-2">
        <thead>
          <tr>
            <th>{grouped ? "Group" : "Run"}</th>
            <th className="num">Concurrency</th>
            <th className="num">{yLabel}</th>
            <th className="num">{X_LABEL}</th>
            <th className="num">Passing</th>
            <th>Binding constraint</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} data-testid="sla-best-row" className={row.best ? undefined : "text-slate-500"}>
              <td>{row.name}</td>
              <td className="num">
                {row.best ? (
                  <Link prefetch={false} href={hrefFor("/nodes", { ...state, runs: [row.best.runDir], win: row.best.concurrency })} className="underline" title="Node metrics for this point">
                    {row.best.concurrency}
                  </Link>
                ) : (
                  "–"
                )}
              </td>
              <td className="num">{row.best ? fmt2(row.best.y) : "–"}</td>
              <td className="num">{row.best ? fmt2(row.best.x) : "–"}</td>
              <td className="num">
                {row.passing}/{row.points}
              </td>
              <td>
                {row.best
                  ? (row.binding ?? "none: the highest-throughput point passes")
                  : row.nearestMiss
                    ? `no point passes; nearest: concurrency ${row.nearestMiss.point.concurrency} (${row.nearestMiss.failures.join(", ")})`
                    : "no plottable points"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
