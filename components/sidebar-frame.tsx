"use client";

import { useState, useSyncExternalStore, type ReactNode } from "react";

/** At this width and up the sidebar sits beside the charts; below it folds away behind a button. */
const WIDE = "(min-width: 1280px)";

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(WIDE);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}
const isWide = () => window.matchMedia(WIDE).matches;

/**
 * The sidebar, collapsible: beside the charts on a wide screen, folded away on a narrow one (1024 px
 * leaves too little for a chart beside 320 px of filters) and then opened over the page. Until the
 * user clicks, CSS decides, so the server's HTML is already right for the window and nothing jumps.
 */
export function SidebarFrame({ sidebar, header, children }: { sidebar: ReactNode; header: ReactNode; children: ReactNode }) {
  const [choice, setChoice] = useState<boolean | null>(null);
  const wide = useSyncExternalStore(subscribe, isWide, () => true);
  const open = choice ?? wide;
  const visibility = choice === null ? "hidden xl:block" : choice ? "block" : "hidden";
  const toggle = () => setChoice(!open);
  return (
    <div className="flex min-h-screen">
      <aside
        id="dashboard-sidebar"
        className={`${visibility} fixed left-0 top-0 z-[1020] h-screen w-80 shrink-0 overflow-y-auto border-r border-slate-200 bg-slate-50 p-4 shadow-xl xl:sticky xl:shadow-none`}
        data-testid="sidebar"
      >
        <button type="button" className="btn float-right ml-2" onClick={toggle} aria-controls="dashboard-sidebar" aria-label="Hide the sidebar" data-testid="sidebar-close">
          ✕
        </button>
        {sidebar}
      </aside>
      <main className="min-w-0 flex-1 space-y-3 p-4 xl:space-y-4 xl:p-6">
        <div className="flex items-center gap-3">
          <button type="button" className="btn shrink-0" onClick={toggle} aria-expanded={open} aria-controls="dashboard-sidebar" data-testid="sidebar-toggle">
            {choice === null ? (
              // Before any click the label follows the CSS breakpoint too, so hydration does not flip it.
              <>
                <span className="xl:hidden">☰ Filters &amp; runs</span>
                <span className="hidden xl:inline">Hide filters &amp; runs</span>
              </>
            ) : open ? (
              "Hide filters & runs"
            ) : (
              "☰ Filters & runs"
            )}
          </button>
          {header}
        </div>
        {/* The open overlay of a narrow window closes on a click beside it; above Plotly's modebar (z-index 1001). */}
        {open && !wide && <div className="fixed inset-0 z-[1010] bg-slate-900/20" onClick={() => setChoice(false)} aria-hidden="true" data-testid="sidebar-backdrop" />}
        {children}
      </main>
    </div>
  );
}
