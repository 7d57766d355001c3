import { NodeConfigPanel } from "@/components/config/node-config-panel";
import { Facts, TopologyConflict } from "@/components/rate-match/rate-facts";
import { getRunConfigView } from "@/lib/server/config-view";
import { getDashboard } from "@/lib/server/dashboard-data";
import { emptyStateFor } from "../empty-states";

/** Configuration tab: per selected run, its overview, topology, worker configs and environment. */
export async function ConfigSection({ query }: { query: string }) {
  const d = await getDashboard(query);
  const empty = emptyStateFor(d);
  if (empty) return empty;
  const views = d.selected.map(getRunConfigView);
  return (
    <section className="space-y-6" aria-label="Configuration">
      <div>
        <h2 className="text-lg font-semibold">Configuration</h2>
        <p className="text-sm text-slate-600">The exact configuration of each run: overview, which services ran where, each worker&apos;s command line and environment.</p>
      </div>
      {views.map((view) => (
        <section key={view.runDir} className="space-y-4 rounded border border-slate-200 p-4" aria-label={`Configuration of ${view.label}`} data-testid="run-config" data-run-dir={view.runDir}>
          <h3 className="font-semibold">{view.label}</h3>
          {view.missingSource && (
            <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="config-missing-source">
              {view.missingSource}
            </p>
          )}
          <div className="space-y-2">
            <h4 className="text-sm font-semibold">Overview</h4>
            <Facts facts={view.overview} testId="config-overview" />
            {view.topology.conflict && <TopologyConflict text={view.topology.conflict} />}
          </div>
          <div className="space-y-2" data-testid="config-topology">
            <h4 className="text-sm font-semibold">Topology</h4>
            <Facts facts={view.topology.counts} testId="topology-counts" />
            {view.topology.nodes.length > 0 ? (
              <table className="data-table">
                <thead>
                  <tr>
                    <th>Physical node</th>
                    <th>Services</th>
                  </tr>
                </thead>
                <tbody>
                  {view.topology.nodes.map(({ node, services }) => (
                    <tr key={node} data-testid="topology-node">
                      <td className="font-mono">{node}</td>
                      <td>{services.join(", ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="text-sm text-slate-600">No per-process log files (<code>&lt;node&gt;_&lt;service&gt;_….out</code>) to tell which node ran what.</p>
            )}
          </div>
          <NodeConfigPanel view={view} />
        </section>
      ))}
    </section>
  );
}
