import { Suspense, type ReactNode } from "react";
import { SidebarFrame } from "@/components/sidebar-frame";
import { TabBar } from "@/components/tab-bar";
import { ThemeToggle } from "@/components/theme-toggle";
import { DownloadReport } from "@/components/download-report";
import { ViewStateProvider } from "@/components/view-state-provider";
import type { ViewState } from "@/lib/view-state";
import { SidebarSection } from "./sidebar-section";
import { LiveSection } from "./live-section";
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
      <SidebarFrame
        sidebar={
          <Suspense fallback={<SidebarSkeleton />}>
            <SidebarSection query={query} />
          </Suspense>
        }
        header={
          <header className="min-w-0">
            <div className="flex items-center gap-3">
              <h1 className="text-xl font-semibold xl:text-2xl">Benchmark Analysis Dashboard</h1>
              <ThemeToggle />
              <DownloadReport />
            </div>
            <p className="hidden text-sm text-slate-600 xl:block">Interactive visualization and analysis of srt-slurm benchmark logs</p>
          </header>
        }
      >
        <TabBar />
        <Suspense fallback={<div className="h-20 animate-pulse rounded bg-slate-100" />}>
          <SummarySection query={query} />
        </Suspense>
        <Suspense fallback={null}>
          <LiveSection query={query} />
        </Suspense>
        {children}
      </SidebarFrame>
    </ViewStateProvider>
  );
}
