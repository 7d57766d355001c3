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
  /** Source cluster of a run read from a dataset (srtlog ingest --cluster); null for a logs dir's runs. */
  cluster: string | null;
}

export type FilterName = keyof RunFacets;
export const FILTER_NAMES: readonly FilterName[] = ["gpu", "topology", "islOsl", "container", "tags", "cluster"];
export type FilterOptions = Record<FilterName, string[]>;
export type Filters = Pick<ViewState, FilterName>;

export function runFacets(run: Run): RunFacets {
  return {
    gpu: shortGpuName(run.metadata.gpuType),
    topology: run.topology,
    islOsl: islOslLabel(run),
    container: run.metadata.container,
    tags: run.metadata.tags,
    cluster: run.origin?.cluster ?? null,
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
 * The checkboxes of one filter: its options, then any value the URL chose that no run offers (a stale
 * link, `cluster=` on a logs dir), so every active choice can be seen and unticked.
 */
export function filterChoices(options: readonly string[], chosen: readonly string[]): string[] {
  return [...options, ...chosen.filter((value, i) => !options.includes(value) && chosen.indexOf(value) === i)];
}

/**
 * Whether a run passes the filters: an empty filter lets everything through; a single-valued facet must
 * be one of the chosen values; tags must include ALL chosen tags.
 */
export function matchesFilters(run: Run, filters: Filters): boolean {
  const facets = runFacets(run);
  for (const name of ["gpu", "topology", "islOsl", "container", "cluster"] as const) {
    const chosen = filters[name];
    if (chosen.length > 0 && !chosen.includes(facets[name] ?? "")) return false;
  }
  return filters.tags.every((tag) => facets.tags.includes(tag));
}

/** The runs that pass the filters, order kept (the loader gives newest first). */
export function filterRuns(runs: readonly Run[], filters: Filters): Run[] {
  return runs.filter((run) => matchesFilters(run, filters));
}

/** A run as `?run=` can name it: by its directory, or by its job id. */
export interface RunName {
  runDir: string;
  jobId: string;
}

/**
 * What the URL's `run` values name among `runs`: a value equal to a run directory means that run
 * (directories are unique in a logs dir, so the links the app writes always use them); any other value
 * means every run with that job id. Values naming no run come back in `unknown`, in URL order.
 */
export function resolveRunNames(runs: readonly RunName[], names: readonly string[]): { runDirs: Set<string>; unknown: string[] } {
  const dirs = new Set(runs.map((run) => run.runDir));
  const runDirs = new Set<string>();
  const unknown: string[] = [];
  for (const name of names) {
    if (dirs.has(name)) runDirs.add(name);
    else {
      const byJob = runs.filter((run) => run.jobId === name);
      if (byJob.length === 0) unknown.push(name);
      for (const run of byJob) runDirs.add(run.runDir);
    }
  }
  return { runDirs, unknown };
}

/**
 * The runs to chart: the URL's choice among those that pass the filters, or by default the newest few.
 * Names resolve against `all` (every run of the logs dir), so a filtered-out directory is still a
 * directory. Order follows the (newest-first) run list, so colours stay put when the selection changes.
 */
export function selectRuns<T extends RunName>(filtered: readonly T[], selection: ViewState["runs"], all: readonly RunName[] = filtered): T[] {
  if (selection === undefined) return filtered.slice(0, DEFAULT_SELECTED_RUNS);
  if (selection === ALL_RUNS) return [...filtered];
  const { runDirs } = resolveRunNames(all, selection);
  return filtered.filter((run) => runDirs.has(run.runDir));
}

/** The URL's `run` values that name no run of the logs dir (neither a directory nor a job id). */
export function unknownRunNames(runs: readonly RunName[], selection: ViewState["runs"]): string[] {
  return Array.isArray(selection) ? resolveRunNames(runs, selection).unknown : [];
}

/** Filter the runs and pick the selected ones, in one go. */
export function applyView(runs: readonly Run[], state: ViewState): { filtered: Run[]; selected: Run[]; unknownRuns: string[] } {
  const filtered = filterRuns(runs, state);
  return { filtered, selected: selectRuns(filtered, state.runs, runs), unknownRuns: unknownRunNames(runs, state.runs) };
}

/** `Unknown run 999: no run directory or job id 999 in /logs.` for the `?run=` values that name nothing. */
export function unknownRunsText(names: readonly string[], logsDir: string): string {
  const list = names.join(", ");
  return `Unknown run${names.length === 1 ? "" : "s"} ${list}: no run directory or job id ${names.length === 1 ? "of that name" : "of those names"} in ${logsDir}.`;
}
