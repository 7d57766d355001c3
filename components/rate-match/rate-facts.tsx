import type { Fact } from "@/lib/rate-match";

/** Small labelled figures in a row. */
export function Facts({ facts, testId }: { facts: Fact[]; testId: string }) {
  return (
    <dl className="grid grid-cols-2 gap-2 md:grid-cols-4" data-testid={testId}>
      {facts.map((fact) => (
        <div key={fact.title} className="rounded border border-slate-200 bg-white px-3 py-2">
          <dt className="text-xs text-slate-500">{fact.title}</dt>
          <dd className="text-base font-semibold" data-testid={`fact-${fact.title.toLowerCase().replace(/[^a-z]+/g, "-")}`}>
            {fact.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** One line: where the run's metadata and its worker logs disagree on the layout (the figures follow the logs). */
export function TopologyConflict({ text }: { text: string }) {
  return (
    <p className="rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900" data-testid="topology-conflict">
      {text}
    </p>
  );
}
