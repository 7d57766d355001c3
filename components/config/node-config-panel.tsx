"use client";

import type { ReactNode } from "react";
import { useView } from "../view-state-provider";
import { ConfigDetailsView, Environment } from "./config-details";
import { groupWorkers, pickWorker, type RunConfigView } from "@/lib/config-view";
import { withConfigPick } from "@/lib/view-state";

/** Node Config (selector grouped prefill / decode / other, the chosen worker's dump) and its Environment; the choice lives in the URL. */
export function NodeConfigPanel({ view }: { view: Pick<RunConfigView, "runDir" | "workers" | "configs"> }) {
  const { state, update } = useView();
  const picked = pickWorker(view.workers, state.configNodes.find((p) => p.runDir === view.runDir)?.worker);
  if (!picked) {
    return (
      <Section title="Node Config">
        <p className="text-sm text-slate-600" data-testid="config-none">
          No worker logs or config dumps (<code>&lt;node&gt;_config.json</code>) in this run.
        </p>
      </Section>
    );
  }
  const details = picked.configFile ? view.configs[picked.configFile] : null;
  return (
    <>
      <Section title="Node Config">
        <label className="flex items-center gap-2 text-sm">
          <span className="font-medium">Node</span>
          <select
            className="rounded border border-slate-300 px-2 py-1"
            value={picked.key}
            onChange={(e) => update((s) => withConfigPick(s, { runDir: view.runDir, worker: e.target.value }), { replace: true })}
            data-testid="config-node-select"
          >
            {groupWorkers(view.workers).map((group) => (
              <optgroup key={group.title} label={group.title}>
                {group.workers.map((w) => (
                  <option key={w.key} value={w.key}>
                    {w.label}
                    {w.configFile ? "" : w.configNote ? " (config unknown)" : " (no config dump)"}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        {details ? (
          <ConfigDetailsView details={details} />
        ) : picked.configNote ? (
          <p className="rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900" data-testid="config-unknown">
            {picked.label}: {picked.configNote}.
          </p>
        ) : (
          <p className="text-sm text-slate-600" data-testid="config-missing">
            No config dump for {picked.node}: srt-slurm writes <code>{picked.node}_config.json</code> (or <code>{picked.node}_&lt;role&gt;_config.json</code>) beside the worker logs when the worker
            starts.
          </p>
        )}
      </Section>
      {details && details.environment.length > 0 && (
        <Section title="Environment">
          <Environment categories={details.environment} />
        </Section>
      )}
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-semibold">{title}</h4>
      {children}
    </div>
  );
}
