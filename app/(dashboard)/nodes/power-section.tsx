import { PowerChart } from "@/components/nodes/power-chart";
import { getDashboard } from "@/lib/server/dashboard-data";
import { loadRunPowerSeries } from "@/lib/server/power";

/** GPU power per node for the selected runs that have DCGM power records; nothing for the others. */
export async function PowerSection({ query }: { query: string }) {
  const d = await getDashboard(query);
  const series = d.selected.flatMap((run) => loadRunPowerSeries(run) ?? []);
  if (series.length === 0) return null;
  return (
    <section className="space-y-2" aria-label="GPU power" data-testid="power-section">
      <h3 className="font-semibold">GPU power</h3>
      <p className="text-sm text-slate-600">Board power from srt-slurm&apos;s DCGM records, summed per node; shaded bands are the benchmark points&apos; measurement windows.</p>
      {series.map((s) => <PowerChart key={s.runDir} series={s} />)}
    </section>
  );
}
