import { fmtInt } from "@/lib/charts/format";
import type { DashboardSummary } from "@/lib/summary";

function Card({ title, value, testId }: { title: string; value: string; testId: string }) {
  return (
    <div className="rounded border border-slate-200 bg-white px-3 py-2">
      <div className="text-xs text-slate-500">{title}</div>
      <div className="text-xl font-semibold" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

/** Summary of the selected runs: counts, maxima, profilers and container(s). */
export function SummaryCards({ summary }: { summary: DashboardSummary }) {
  const { containers, profilers } = summary;
  return (
    <section className="space-y-2" data-testid="summary" aria-label="Summary">
      <div className="grid grid-cols-2 gap-2 md:grid-cols-6">
        <Card title="Total Runs" value={String(summary.totalRuns)} testId="summary-runs" />
        <Card title="Data Points" value={String(summary.dataPoints)} testId="summary-points" />
        <Card title="Max Throughput" value={summary.maxOutputTps === null ? "N/A" : `${fmtInt(summary.maxOutputTps)} TPS`} testId="summary-max-tps" />
        <Card title="Peak Output TPS" value={summary.maxPeakOutputTps === null ? "N/A" : `${fmtInt(summary.maxPeakOutputTps)} TPS`} testId="summary-peak-tps" />
        <Card title="Max Concurrency" value={summary.maxConcurrency === null ? "N/A" : String(summary.maxConcurrency)} testId="summary-max-concurrency" />
        <Card title="Profilers" value={profilers.length === 0 ? "0" : `${profilers.length} (${profilers.join(", ")})`} testId="summary-profilers" />
      </div>
      {containers.length > 0 && (
        <p className="text-xs text-slate-600" data-testid="summary-containers">
          {containers.length === 1 ? "Container" : "Containers"}: <span className="font-mono">{containers.join(", ")}</span>
        </p>
      )}
    </section>
  );
}
