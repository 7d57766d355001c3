"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

export interface LiveRun {
  runDir: string;
  label: string;
  activity: "running" | "stalled";
}

/** At most one redraw per this many ms, however fast the logs grow. */
const REDRAW_MS = 2000;

/**
 * Follows the selected running runs: one EventSource for all of them (browsers allow few connections
 * per host; the server shares one watcher per run among all pages), and on a change re-renders the page's server components in place with
 * router.refresh(), so the URL (selection, filters) stays and Plotly keeps its zoom (uirevision).
 * Streams are closed while the tab is hidden and reopened, with one redraw, when it shows again.
 */
export function LiveRefresh({ runs, notFollowed = 0, logs }: { runs: LiveRun[]; notFollowed?: number; logs: string | null }) {
  const router = useRouter();
  const key = runs.map((run) => run.runDir).join("\n");
  useEffect(() => {
    const runDirs = key.split("\n");
    let sources: EventSource[] = [];
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const redraw = () => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        last = Date.now();
        router.refresh();
      }, Math.max(0, last + REDRAW_MS - Date.now()));
    };
    const open = () => {
      const query = new URLSearchParams(runDirs.map((runDir) => ["run", runDir]));
      if (logs) query.set("logs", logs);
      const source = new EventSource(`/api/events?${query}`);
      const remaining = new Set(runDirs);
      source.addEventListener("change", redraw);
      // A run's last event: once every run has had it, close, or EventSource would reconnect for runs that are done.
      const end = (event: MessageEvent<string>) => {
        remaining.delete((JSON.parse(event.data) as { runDir: string }).runDir);
        if (remaining.size === 0) source.close();
        redraw();
      };
      source.addEventListener("finished", end);
      source.addEventListener("gone", end);
      sources = [source];
    };
    const close = () => {
      for (const source of sources) source.close();
      sources = [];
    };
    const onVisibility = () => {
      if (document.hidden) return close();
      if (sources.length === 0) open();
      redraw();
    };
    if (!document.hidden) open();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      close();
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [key, logs, router]);
  return (
    <p className="flex flex-wrap items-center gap-2 text-xs text-slate-700" data-testid="live-indicator">
      <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-green-600" aria-hidden />
      {runs.map((run) => (
        <span key={run.runDir} data-testid="live-run" data-run-dir={run.runDir}>
          {run.label}: {run.activity === "running" ? "running, charts follow its logs" : "stalled (no new log bytes for a long while)"}
        </span>
      ))}
      {notFollowed > 0 && (
        <span data-testid="live-not-followed">
          and {notFollowed} more running run{notFollowed === 1 ? "" : "s"} not followed (a page follows at most {runs.length}; select fewer to follow them)
        </span>
      )}
    </p>
  );
}
