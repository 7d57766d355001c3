import { fmtInt } from "@/lib/charts/format";
import type { DashboardSummary } from "@/lib/summary";

function Card({ title, value, testId }: { title: string; value: string; testId: string }) {
  return (
    <div className="min-w-0 rounded border border-slate-200 bg-white px-2 py-1 xl:px-3 xl:py-2">
      <div className="truncate text-xs text-slate-500">{title}</div>
      {/* Compact below xl, where five cards share a 1024 px window's width. */}
      <div className="truncate text-base font-semibold xl:text-xl" data-testid={testId} title={value}>
        {value}
      </div>
    </div>
  );
}

/** Summary of the selected runs: counts, maxima, profilers and container(s). */
export function SummaryCards({ summary }: { summary: DashboardSummary }) {
  const { containers, profilers } = summary;
  return (
    <section className="space-y-1 xl:space-y-2" data-testid="summary" aria-label="Summary">
      <div className="grid grid-cols-2 gap-2 md:grid-cols-6">
        <Card title="Total Runs" value={String(summary.totalRuns)} testId="summary-runs" />
        <Card title="Data Points" value={String(summary.dataPoints)} testId="summary-points" />
        <Card title="Max Throughput" value={summary.maxOutputTps === null ? "N/A" : `${fmtInt(summary.maxOutputTps)} TPS`} testId="summary-max-tps" />
        <Card title="Peak Output TPS" value={summary.maxPeakOutputTps === null ? "N/A" : `${fmtInt(summary.maxPeakOutputTps)} TPS`} testId="summary-peak-tps" />
        <Card title="Max Concurrency" value={summary.maxConcurrency === null ? "N/A" : String(summary.maxConcurrency)} testId="summary-max-concurrency" />
        <Card title="Profilers" value={profilers.length === 0 ? "0" : `${profilers.length} (${profilers.join(", ")})`} testId="summary-profilers" />
      </div>
      {containers.length > 0 && (
        <p className="truncate text-xs text-slate-600 xl:whitespace-normal" data-testid="summary-containers" title={containers.join(", ")}>
          {containers.length === 1 ? "Container" : "Containers"}: <span className="font-mono">{containers.join(", ")}</span>
        </p>
      )}
    </section>
  );
}
