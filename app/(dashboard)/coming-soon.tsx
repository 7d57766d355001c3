import { EmptyState } from "@/components/empty-state";

/** A tab that exists in the tab bar but whose content lands in a later release. */
export function ComingSoon({ title, purpose }: { title: string; purpose: string }) {
  return (
    <EmptyState title={`${title} is coming soon`} testId="coming-soon">
      <p>{purpose}</p>
      <p>This tab arrives in a later release; the Pareto Graph and Latency Analysis tabs work today.</p>
    </EmptyState>
  );
}
