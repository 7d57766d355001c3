"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { Chart } from "../chart";
import { buildCdfTraces, buildHistTraces, buildScatterTraces, requestsLayout } from "@/lib/charts/requests-figure";
import { fmt2 } from "@/lib/charts/format";
import { REQUEST_METRIC_LABEL, REQUEST_METRICS, WARMUP_SOURCE_TEXT, type RequestsParams } from "@/lib/requests-view";
import type { RequestsData } from "@/lib/server/requests-data";
import { RequestsTables } from "./requests-tables";

/** Set or clear some of the view's own URL keys, keeping every other key (filters, runs). */
function useParamUpdate() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  return useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(search.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      router.replace(`${pathname}?${next.toString()}`, { scroll: false });
    },
    [router, pathname, search],
  );
}

/**
 * Inputs are uncontrolled: a click shows at once, while the URL change re-renders the server data
 * behind it (a controlled input would snap back until the server answers).
 */
function Controls({ data, params }: { data: RequestsData; params: RequestsParams }) {
  const set = useParamUpdate();
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm" data-testid="requests-controls">
      <label className="flex items-center gap-1">
        Run
        <select defaultValue={data.runDir} onChange={(e) => set({ rrun: e.target.value, rc: null })} className="rounded border border-slate-300 px-1" data-testid="requests-run">
          {data.runs.map((r) => <option key={r.runDir} value={r.runDir}>{r.label}</option>)}
        </select>
      </label>
      <label className="flex items-center gap-1">
        Point
        <select key={data.runDir} defaultValue={params.rc ?? ""} onChange={(e) => set({ rc: e.target.value === "" ? null : e.target.value })} className="rounded border border-slate-300 px-1" data-testid="requests-point">
          <option value="">all concurrencies</option>
          {data.concurrencies.map((c) => <option key={c} value={c}>concurrency {c}</option>)}
        </select>
      </label>
      <fieldset className="flex items-center gap-2" data-testid="requests-metric">
        <legend className="sr-only">Metric</legend>
        {REQUEST_METRICS.map((m) => (
          <label key={m} className="flex items-center gap-1">
            <input type="radio" name="requests-metric" defaultChecked={params.metric === m} onChange={() => set({ metric: m })} />
            {m.toUpperCase()}
          </label>
        ))}
      </fieldset>
      <label className="flex items-center gap-1">
        <input type="checkbox" defaultChecked={params.logx} onChange={(e) => set({ logx: e.target.checked ? "1" : null })} data-testid="requests-logx" />
        log x
      </label>
      <label className="flex items-center gap-1">
        <input type="checkbox" defaultChecked={params.warmup === "exclude"} onChange={(e) => set({ warmup: e.target.checked ? null : "keep" })} data-testid="requests-exclude-warmup" />
        exclude warmup
      </label>
      <label className="flex items-center gap-1" title="Used only when the data itself does not mark warmup">
        first N are warmup
        <input type="number" min={0} defaultValue={params.warmupn} onBlur={(e) => set({ warmupn: Number(e.target.value) > 0 ? e.target.value : null })} className="w-16 rounded border border-slate-300 px-1" data-testid="requests-warmup-n" />
      </label>
    </div>
  );
}

/** Where warmup came from, said once for the run. */
function warmupText(data: RequestsData): string {
  const marked = data.series.filter((s) => s.warmupSource !== null);
  if (marked.length === 0) return "No warmup marked: the data does not mark one and no first-N setting is given.";
  const count = marked.reduce((sum, s) => sum + s.warmup, 0);
  const sources = [...new Set(marked.map((s) => WARMUP_SOURCE_TEXT[s.warmupSource!]))].join("; ");
  return `${count} warmup request(s), marked by ${sources}.`;
}

/** The Requests view: controls, CDF, histogram, TTFT vs input length, percentile and error tables. */
export function RequestsPanel({ data, params }: { data: RequestsData; params: RequestsParams }) {
  const label = REQUEST_METRIC_LABEL[params.metric];
  const cdf = useMemo(() => buildCdfTraces(data.series, params.metric), [data.series, params.metric]);
  const hist = useMemo(() => buildHistTraces(data.series), [data.series]);
  const scatter = useMemo(() => buildScatterTraces(data.series), [data.series]);
  const cdfLayout = useMemo(() => requestsLayout(`${label}: CDF`, label, "share of requests", params.logx, { yaxis: { range: [0, 1.02], tickformat: ".0%" } }), [label, params.logx]);
  const histLayout = useMemo(() => requestsLayout(`${label}: histogram`, label, "requests", params.logx, { barmode: "overlay" }), [label, params.logx]);
  const scatterLayout = useMemo(() => requestsLayout("TTFT vs input length", "input length (tokens)", "TTFT (ms)", false), []);
  return (
    <div className="space-y-4">
      <Controls data={data} params={params} />
      <p className="text-sm text-slate-600" data-testid="requests-warmup">
        {warmupText(data)} {params.warmup === "exclude" ? "Warmup is left out of the charts." : "Warmup is included."}
      </p>
      {data.issues.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-amber-700" data-testid="requests-issues">
          {data.issues.slice(0, 5).map((issue) => <li key={issue}>{issue}</li>)}
        </ul>
      )}
      {data.series.length === 0 ? (
        <p className="text-sm" data-testid="requests-none">
          No per-request data in this run&apos;s result files{data.empty.length > 0 ? ` (concurrency ${data.empty.join(", ")})` : ""}.
        </p>
      ) : (
        <>
          <Chart data={cdf} layout={cdfLayout} testId="requests-cdf" />
          <Chart data={hist} layout={histLayout} testId="requests-hist" />
          <Chart data={scatter} layout={scatterLayout} testId="requests-scatter" />
          <RequestsTables series={data.series} label={label} />
        </>
      )}
      <p className="text-xs text-slate-500">Source: {data.sources.join(", ") || "none"}; values in ms; {data.series.reduce((s, x) => s + x.requests, 0)} requests shown.</p>
    </div>
  );
}
