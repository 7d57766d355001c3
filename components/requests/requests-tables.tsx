import { fmt2 } from "@/lib/charts/format";
import { PERCENTILES, type RequestsSeries } from "@/lib/requests-view";

/** Percentiles per concurrency, and the failed requests' errors (each text once, with its count). */
export function RequestsTables({ series, label }: { series: RequestsSeries[]; label: string }) {
  const errors = series.flatMap((s) => s.errors.map((e) => ({ ...e, concurrency: s.concurrency })));
  return (
    <div className="space-y-4 text-sm">
      <table className="min-w-full border-collapse" data-testid="requests-percentiles">
        <caption className="text-left font-medium">{label} by concurrency</caption>
        <thead>
          <tr className="border-b text-left">
            <th className="pr-4">Concurrency</th>
            <th className="pr-4">Requests</th>
            <th className="pr-4">Failed</th>
            <th className="pr-4">Mean</th>
            {PERCENTILES.map((p) => <th key={p} className="pr-4">p{p}</th>)}
          </tr>
        </thead>
        <tbody>
          {series.map((s) => (
            <tr key={s.concurrency} className="border-b border-slate-100">
              <td className="pr-4">{s.concurrency}</td>
              <td className="pr-4">{s.requests}</td>
              <td className="pr-4">{s.failed}</td>
              <td className="pr-4">{fmt2(s.mean)}</td>
              {s.percentiles.map((p) => <td key={p.p} className="pr-4">{fmt2(p.value)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      <div data-testid="requests-errors">
        <h3 className="font-medium">Failed requests</h3>
        {errors.length === 0 ? (
          <p>None.</p>
        ) : (
          <table className="min-w-full border-collapse">
            <thead>
              <tr className="border-b text-left">
                <th className="pr-4">Concurrency</th>
                <th className="pr-4">Count</th>
                <th>Error</th>
              </tr>
            </thead>
            <tbody>
              {errors.slice(0, 50).map((e) => (
                <tr key={`${e.concurrency}:${e.error}`} className="border-b border-slate-100 align-top">
                  <td className="pr-4">{e.concurrency}</td>
                  <td className="pr-4">{e.count}</td>
                  <td className="whitespace-pre-wrap break-all font-mono text-xs">{e.error}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
