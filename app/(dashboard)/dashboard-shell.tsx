import { Suspense, type ReactNode } from "react";
import { TabBar } from "@/components/tab-bar";
import { ViewStateProvider } from "@/components/view-state-provider";
import type { ViewState } from "@/lib/view-state";
import { SidebarSection } from "./sidebar-section";
import { SummarySection } from "./summary-section";

function SidebarSkeleton() {
  return <div className="h-64 animate-pulse rounded bg-slate-200" aria-label="Loading runs" />;
}

/**
 * The dashboard layout every tab renders: sidebar (logs dir, filters, runs, tags), tab bar, summary,
 * then the tab's content. It is a component rather than layout.tsx because it depends on the URL's
 * query string, which Next gives to pages, not layouts.
 */
export function DashboardShell({ state, query, children }: { state: ViewState; query: string; children: ReactNode }) {
  return (
    <ViewStateProvider state={state}>
      <div className="flex min-h-screen">
        <aside className="sticky top-0 h-screen w-80 shrink-0 overflow-y-auto border-r border-slate-200 bg-slate-50 p-4" data-testid="sidebar">
          <Suspense fallback={<SidebarSkeleton />}>
            <SidebarSection query={query} />
          </Suspense>
        </aside>
        <main className="min-w-0 flex-1 space-y-4 p-6">
          <header>
            <h1 className="text-2xl font-semibold">Benchmark Analysis Dashboard</h1>
            <p className="text-sm text-slate-600">Interactive visualization and analysis of srt-slurm benchmark logs</p>
          </header>
          <TabBar />
          <Suspense fallback={<div className="h-20 animate-pulse rounded bg-slate-100" />}>
            <SummarySection query={query} />
          </Suspense>
          {children}
        </main>
      </div>
    </ViewStateProvider>
  );
}
