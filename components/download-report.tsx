"use client";

import { usePathname } from "next/navigation";
import { useView } from "./view-state-provider";
import { toQueryString } from "@/lib/view-state";

/**
 * "Download report": the current view (runs, filters, SLA, chart options) as one self-contained HTML
 * file (app/api/report). The header shows it on every tab but Pareto, where it sits beside the CSV
 * download (`inline`), so a page never has two.
 */
export function DownloadReport({ inline = false }: { inline?: boolean }) {
  const { state } = useView();
  const pathname = usePathname();
  if (!inline && pathname === "/pareto") return null;
  const query = toQueryString(state);
  return (
    <a
      href={query ? `/api/report?${query}` : "/api/report"}
      download
      className={inline ? "btn px-4 py-2 text-sm" : "btn whitespace-nowrap"}
      title="One HTML file with this view's charts, summary table, run configs and health, and how to reproduce it: opens offline and in email previews"
      data-testid="download-report"
    >
      Download report
    </a>
  );
}
