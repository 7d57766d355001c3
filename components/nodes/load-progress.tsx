"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { LoadStatus } from "@/lib/node-progress";
import { progressText } from "@/lib/node-progress";

const POLL_MS = 500;
const RECHECK_MS = 3000;

/**
 * Stands in for a run whose node data the server is still reading: polls its progress and, once the
 * server is done, re-renders the page with the charts.
 */
export function LoadProgress({ loadId, label }: { loadId: string; label: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<LoadStatus | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const response = await fetch(`/api/nodes/progress?id=${loadId}`, { cache: "no-store" });
        const next = (await response.json()) as LoadStatus;
        if (stopped) return;
        setStatus(next);
        // Done: re-render with the charts. This component is then gone, unless the server still said
        // "loading" (another run of the page was faster to ask), so keep asking, more slowly.
        if (next.state === "idle") {
          router.refresh();
          if (!stopped) timer = setTimeout(poll, RECHECK_MS);
          return;
        }
      } catch {
        // A dropped poll (server restarting, network blip) is retried.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [loadId, router]);

  const progress = status?.state === "loading" ? status.progress : null;
  const fraction = progress && progress.bytes > 0 ? progress.bytesDone / progress.bytes : 0;
  return (
    <div className="space-y-1 rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm" role="status" data-testid="node-load-progress">
      <div className="font-medium">{label}</div>
      <div className="h-2 overflow-hidden rounded bg-sky-100">
        <div className={`h-full bg-sky-500 transition-[width] ${progress ? "" : "animate-pulse"}`} style={{ width: `${Math.max(3, Math.round(fraction * 100))}%` }} />
      </div>
      <div className="text-xs text-slate-600" data-testid="node-load-progress-text">
        {progress ? progressText(progress) : status?.state === "idle" ? "Done; drawing the charts…" : "Reading the worker logs…"}
      </div>
    </div>
  );
}
