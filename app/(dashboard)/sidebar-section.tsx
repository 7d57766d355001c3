import { FilterGroup } from "@/components/sidebar/filter-group";
import { LogsDirForm } from "@/components/sidebar/logs-dir-form";
import { RunPicker } from "@/components/sidebar/run-picker";
import { SkippedRuns } from "@/components/sidebar/skipped-runs";
import { SlaForm } from "@/components/sidebar/sla-form";
import { SyncButton } from "@/components/sidebar/sync-button";
import { TagEditor } from "@/components/sidebar/tag-editor";
import { ClearFiltersButton } from "@/components/view-buttons";
import { toPickerRun } from "@/lib/labels";
import { getDashboard } from "@/lib/server/dashboard-data";
import { getRunsHealth } from "@/lib/server/run-health";
import { getRunsActivity } from "@/lib/server/run-activity";
import { defaultLogsDir, defaultLogsDirSource } from "@/lib/server/logs-dir";
import { hasFilters } from "@/lib/view-state";

/** The sidebar's content for the URL's view. */
export async function SidebarSection({ query }: { query: string }) {
  const d = await getDashboard(query);
  const health = new Map((await getRunsHealth(d.filtered)).map((h) => [h.runDir, h.badge]));
  const activity = getRunsActivity(d.filtered);
  const info = { dir: d.logs.dir, defaultDir: defaultLogsDir(), defaultSource: defaultLogsDirSource(), isDefault: d.logs.isDefault, problem: d.logs.ok ? null : d.logs.message };
  // The tag editor gets the picker's own objects: the page data then names each run once, not twice.
  const picker = d.filtered.map((run) => toPickerRun(run, health.get(run.runDir), activity.get(run.runDir)));
  const byDir = new Map(picker.map((run) => [run.runDir, run]));
  const tagged = d.selected.map((run) => byDir.get(run.runDir) ?? toPickerRun(run));
  return (
    <div className="space-y-4">
      <LogsDirForm info={info} />
      <SyncButton />
      <SkippedRuns skipped={d.skipped} />
      {d.runs.length > 0 && (
        <>
          <section className="space-y-1">
            <h2 className="text-sm font-semibold">Filters</h2>
            <FilterGroup name="gpu" title="GPU Type" options={d.options.gpu} emptyText="No GPU type information available" />
            <FilterGroup name="topology" title="Topology" options={d.options.topology} emptyText="No topology information available" />
            <FilterGroup name="islOsl" title="ISL/OSL" options={d.options.islOsl} emptyText="No ISL/OSL information available" />
            <FilterGroup name="container" title="Container" options={d.options.container} emptyText="No container information available" />
            {(d.options.cluster.length > 0 || d.state.cluster.length > 0) && <FilterGroup name="cluster" title="Cluster" options={d.options.cluster} emptyText="No cluster information available" />}
            <FilterGroup name="tags" title="Tags" options={d.options.tags} emptyText="No tags found" help="Show only runs that have ALL selected tags" />
            <div className="flex items-center justify-between text-xs">
              <span data-testid="match-count">
                {d.filtered.length} run{d.filtered.length === 1 ? "" : "s"} match filters
              </span>
              {hasFilters(d.state) && <ClearFiltersButton className="text-blue-700 underline" />}
            </div>
          </section>
          <SlaForm />
          <RunPicker runs={picker} />
          <TagEditor runs={tagged} />
        </>
      )}
    </div>
  );
}
