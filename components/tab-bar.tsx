"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useView } from "./view-state-provider";
import { hrefFor } from "@/lib/view-state";

/** The dashboard's tabs, named as in the user guide; each is a route. */
export const TABS = [
  { path: "/pareto", title: "Pareto Graph" },
  { path: "/latency", title: "Latency Analysis" },
  { path: "/requests", title: "Requests" },
  { path: "/nodes", title: "Node Metrics" },
  { path: "/rate-match", title: "Rate Match" },
  { path: "/config", title: "Configuration" },
  { path: "/diff", title: "Run Diff" },
  { path: "/compare", title: "Compare" },
] as const;

/** Tab links that carry the whole view (filters, runs, options) to the other tab. */
export function TabBar() {
  const { state } = useView();
  const pathname = usePathname();
  return (
    <nav className="flex gap-1 overflow-x-auto whitespace-nowrap border-b border-slate-200" aria-label="Dashboard tabs" data-testid="tab-bar">
      {TABS.map((tab) => {
        const active = pathname === tab.path;
        return (
          <Link
            key={tab.path}
            href={hrefFor(tab.path, state)}
            scroll={false}
            // No prefetch: each tab is rendered per request from every selected run, so the eight
            // prefetches a page fired while loading (two requests per tab) queued before Plotly's chunk in
            // Chromium's six connections and kept the one server busy while the first chart was drawn.
            prefetch={false}
            aria-current={active ? "page" : undefined}
            className={`-mb-px rounded-t border px-3 py-1.5 text-sm ${active ? "border-slate-200 border-b-white bg-white font-semibold" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            data-testid={`tab-${tab.path.slice(1)}`}
          >
            {tab.title}
          </Link>
        );
      })}
    </nav>
  );
}
