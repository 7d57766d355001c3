import type { Run } from "./model";
import { islOslLabel, shortGpuName } from "./labels";
import { ALL_RUNS, DEFAULT_SELECTED_RUNS, type ViewState } from "./view-state";

/** The values a run shows to each sidebar filter. */
export interface RunFacets {
  gpu: string | null;
  topology: string;
  islOsl: string;
  container: string | null;
  tags: string[];
}

export type FilterName = keyof RunFacets;
export const FILTER_NAMES: readonly FilterName[] = ["gpu", "topology", "islOsl", "container", "tags"];
export type FilterOptions = Record<FilterName, string[]>;
export type Filters = Pick<ViewState, FilterName>;

export function runFacets(run: Run): RunFacets {
  return {
    gpu: shortGpuName(run.metadata.gpuType),
    topology: run.topology,
    islOsl: islOslLabel(run),
    container: run.metadata.container,
    tags: run.metadata.tags,
  };
}

const byNatural = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

/** Every value each filter can take over these runs, sorted (numbers in numeric order). */
export function filterOptionsOf(runs: readonly Run[]): FilterOptions {
  const sets = Object.fromEntries(FILTER_NAMES.map((name) => [name, new Set<string>()])) as Record<FilterName, Set<string>>;
  for (const run of runs) {
    const facets = runFacets(run);
    for (const name of FILTER_NAMES) {
      const value = facets[name];
      for (const item of Array.isArray(value) ? value : [value]) if (item) sets[name].add(item);
    }
  }
  return Object.fromEntries(FILTER_NAMES.map((name) => [name, [...sets[name]].sort(byNatural)])) as FilterOptions;
}

/**
 * Whether a run passes the filters: an empty filter lets everything through; a single-valued facet must
 * be one of the chosen values; tags must include ALL chosen tags.
 */
export function matchesFilters(run: Run, filters: Filters): boolean {
  const facets = runFacets(run);
  for (const name of ["gpu", "topology", "islOsl", "container"] as const) {
    const chosen = filters[name];
    if (chosen.length > 0 && !chosen.includes(facets[name] ?? "")) return false;
  }
  return filters.tags.every((tag) => facets.tags.includes(tag));
}

/** The runs that pass the filters, order kept (the loader gives newest first). */
export function filterRuns(runs: readonly Run[], filters: Filters): Run[] {
  return runs.filter((run) => matchesFilters(run, filters));
}

/**
 * The runs to chart: the URL's choice among those that pass the filters, or by default the newest few.
 * Order follows the (newest-first) run list, so colours stay put when the selection changes.
 */
export function selectRuns<T extends { runDir: string }>(filtered: readonly T[], selection: ViewState["runs"]): T[] {
  if (selection === undefined) return filtered.slice(0, DEFAULT_SELECTED_RUNS);
  if (selection === ALL_RUNS) return [...filtered];
  const chosen = new Set(selection);
  return filtered.filter((run) => chosen.has(run.runDir));
}

/** Filter the runs and pick the selected ones, in one go. */
export function applyView(runs: readonly Run[], state: ViewState): { filtered: Run[]; selected: Run[] } {
  const filtered = filterRuns(runs, state);
  return { filtered, selected: selectRuns(filtered, state.runs) };
}
