import { fmt2 } from "@/lib/charts/format";
import type { FrontierChange } from "@/lib/compare";

const pct = (value: number | null) => (value === null ? "n/a" : `${value >= 0 ? "+" : ""}${value.toFixed(1)}%`);
/** A level past the baseline's floor says why it has no % change. */
const change = (l: FrontierChange) => (l.belowFloor ? "— (baseline < floor)" : pct(l.changePct));

/** Baseline and candidate TPS/GPU at each interactivity level, and the % change. */
export function DeltaTable({ levels, yLabel }: { levels: readonly FrontierChange[]; yLabel: string }) {
  return (
    <table className="data-table" data-testid="compare-delta-table">
      <thead>
        <tr>
          <th className="num">Output TPS/User</th>
          <th className="num">Baseline {yLabel}</th>
          <th className="num">Candidate {yLabel}</th>
          <th className="num">Δ%</th>
        </tr>
      </thead>
      <tbody>
        {levels.map((l) => (
          <tr key={l.tpsPerUser} data-testid="compare-delta-row">
            <td className="num">{fmt2(l.tpsPerUser)}</td>
            <td className="num">{fmt2(l.baseline)}</td>
            <td className="num">{fmt2(l.current)}</td>
            <td className={`num ${l.changePct !== null && l.changePct < 0 ? "text-red-700" : ""}`} data-testid="compare-delta-pct">{change(l)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
