"use client";

import { useView } from "../view-state-provider";
import type { ChartRun } from "@/lib/charts/chart-data";
import { fmt2, fmtInt } from "@/lib/charts/format";
import { LATENCY_METRICS, latencySummary, STAT_LABEL } from "@/lib/charts/latency-figure";

/** Per run, min and max of each latency (in ms) for the chosen statistic, and the peak output rate. */
export function LatencySummaryTable({ runs }: { runs: ChartRun[] }) {
  const { state } = useView();
  const rows = latencySummary(runs, state.stat);
  return (
    <section className="text-sm">
      <h3 className="mb-2 font-semibold">Summary Statistics ({STAT_LABEL[state.stat].toLowerCase()}, ms; peak in tokens/s)</h3>
      <div className="overflow-x-auto">
        <table className="data-table" data-testid="latency-summary">
          <thead>
            <tr>
              <th>Run</th>
              {LATENCY_METRICS.flatMap((m) => [
                <th key={`${m.key}-min`} className="num">{`${m.name} min`}</th>,
                <th key={`${m.key}-max`} className="num">{`${m.name} max`}</th>,
              ])}
              <th className="num" title="Highest output tokens/s sa-bench saw in any one second, over the run's concurrencies">
                Peak Output TPS
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.runDir} data-testid="latency-summary-row">
                <td>{row.label}</td>
                {LATENCY_METRICS.flatMap((m) => [
                  <td key={`${m.key}-min`} className="num">{fmt2(row.values[m.key].min)}</td>,
                  <td key={`${m.key}-max`} className="num">{fmt2(row.values[m.key].max)}</td>,
                ])}
                <td className="num" data-testid="latency-summary-peak">
                  {row.peakOutputTps === null ? "N/A" : fmtInt(row.peakOutputTps)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
