import { fmt2 } from "@/lib/charts/format";
import type { ParetoPoint } from "@/lib/charts/pareto-figure";

/** The frontier's points, by x ascending, so they can be read off exactly. */
export function FrontierTable({ points, xLabel, yLabel }: { points: ParetoPoint[]; xLabel: string; yLabel: string }) {
  return (
    <details className="text-sm" open data-testid="frontier-table">
      <summary className="cursor-pointer font-medium">Pareto frontier: {points.length} point{points.length === 1 ? "" : "s"} over all selected runs</summary>
      <table className="data-table mt-2">
        <thead>
          <tr>
            <th>Run</th>
            <th className="num">Concurrency</th>
            <th className="num">{xLabel}</th>
            <th className="num">{yLabel}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={`${p.runDir}@${p.concurrency}`} data-testid="frontier-row">
              <td>{p.label}</td>
              <td className="num">{p.concurrency}</td>
              <td className="num">{fmt2(p.x)}</td>
              <td className="num">{fmt2(p.y)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
