import type { ReactNode } from "react";

/** A message in place of charts that says what is missing and what to do about it. */
export function EmptyState({ title, children, testId = "empty-state" }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="rounded border border-dashed border-slate-300 bg-slate-50 p-8 text-center" data-testid={testId}>
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mx-auto mt-2 max-w-xl space-y-2 text-sm text-slate-600">{children}</div>
    </div>
  );
}
