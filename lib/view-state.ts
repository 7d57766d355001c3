import { z } from "zod";
import { NO_SLA, slaEntries, slaFromValues, slaSchema, type Sla } from "./sla";
import { LATENCY_STATS } from "./stats";
import { AXIS_METRICS, DEFAULT_X, DEFAULT_Y, type AxisMetric } from "./charts/pareto-metrics";

/**
 * Everything a dashboard view shows is decided by its URL: logs dir, filters, selected runs, chart
 * options and picked points. One schema, used by server pages (searchParams) and client components
 * (building the next URL), so a reload, back/forward or a pasted link gives the same view.
 */

export const Y_METRICS = ["output", "total", "goodput", "energy"] as const;
export type YMetric = (typeof Y_METRICS)[number];
/** The old y choice a Pareto y axis stands for where only those apply (Compare, SLA best ranking): itself, else Output TPS/GPU. */
export function yChoice(y: AxisMetric): YMetric {
  return (Y_METRICS as readonly string[]).includes(y) ? (y as YMetric) : "output";
}
/** Pareto colour-by: each run its own colour (default), or one colour per GPU type, topology, container, tag set or cluster (dataset runs). */
export const COLOR_BY = ["run", "gpu", "topology", "container", "tag", "cluster"] as const;
export type ColorBy = (typeof COLOR_BY)[number];
export { LATENCY_STATS, type LatencyStat } from "./stats";
/** Where the Pareto cutoff line goes when it is switched on with no TPS/User bound set. */
export const DEFAULT_CUTOFF = 30;
/**
 * Node Metrics: every node, one line per DP rank, one line per run averaged per node (the default), or
 * one line per run summed over the nodes. Rate Match reads `sum` as summed and anything else as averaged.
 */
export const AGGREGATIONS = ["all", "dp", "individual", "sum"] as const;
export type AggregationMode = (typeof AGGREGATIONS)[number];
/** Node Metrics disaggregation queues: one stacked area chart, or a chart each. */
export const DISAGG_VIEWS = ["stacked", "separate"] as const;
export type DisaggView = (typeof DISAGG_VIEWS)[number];
/** Rate Match unit: tokens/s as logged, or requests/s (prefill / ISL, decode / OSL). */
export const RATE_UNITS = ["tokens", "requests"] as const;
export type RateUnit = (typeof RATE_UNITS)[number];
/** Latency Analysis x axis: concurrency, or Output TPS/GPU (latency vs throughput, as InferenceX draws it). */
export const LATENCY_X = ["concurrency", "tps"] as const;
export type LatencyX = (typeof LATENCY_X)[number];
/** Pareto frontier: one over every selected run, or one per topology, GPU type, container or tag. */
export const FRONTIER_GROUPS = ["all", "topology", "gpu", "container", "tag"] as const;
export type FrontierGroup = (typeof FRONTIER_GROUPS)[number];
/** Runs selected when the URL names none: the newest few, as the Streamlit dashboard did. */
export const DEFAULT_SELECTED_RUNS = 3;
/** `run=all` selects every run that passes the filters; run directories always start with a digit. */
export const ALL_RUNS = "all";

/** A benchmark point: one concurrency of one run, spelled `<runDir>@<concurrency>` in the URL. */
export const pointRefSchema = z.object({ runDir: z.string().min(1), concurrency: z.number().int() });
export type PointRef = z.infer<typeof pointRefSchema>;

/** The worker whose config the Configuration tab shows for a run, spelled `<runDir>@<worker>` in the URL. */
export const configPickSchema = z.object({ runDir: z.string().min(1), worker: z.string().min(1) });
export type ConfigPick = z.infer<typeof configPickSchema>;

const strings = z.array(z.string()).catch([]);
const flag = z.boolean().catch(false);

export const viewStateSchema = z.object({
  /** Absent: the directory the server was started on. */
  logs: z.string().optional().catch(undefined),
  gpu: strings,
  topology: strings,
  islOsl: strings,
  container: strings,
  /** Runs must carry ALL of these. */
  tags: strings,
  /** Clusters of a dataset's runs (URL `cluster`, repeated). */
  cluster: strings,
  /** Absent: the newest DEFAULT_SELECTED_RUNS that pass the filters. */
  runs: z.union([z.literal(ALL_RUNS), z.array(z.string())]).optional().catch(undefined),
  /** Pareto y axis (URL `y`): any per-point metric; the old `output|total|goodput|energy` keep their meaning. */
  y: z.enum(AXIS_METRICS).catch(DEFAULT_Y),
  /** Pareto x axis (URL `x`); Output TPS/User by default. */
  x: z.enum(AXIS_METRICS).catch(DEFAULT_X),
  /** Pareto log axes (URL `xlog=1`, `ylog=1`; `logy` is the Latency tab's, and the two stay independent). */
  paretoLogX: flag,
  paretoLogY: flag,
  /** Pareto colour-by (URL `color`). */
  colorBy: z.enum(COLOR_BY).catch("run"),
  /**
   * Pareto cutoff line (URL `cutoff=1`), drawn at the SLA lens's Output TPS/User floor (`sla.minTpsUser`,
   * URL `min-tps-user`): one value, so the line and the bound can never disagree.
   */
  cutoff: flag,
  frontier: flag,
  /** URL `frontierBy`: how the frontier is split into groups (with `frontier` on). */
  frontierBy: z.enum(FRONTIER_GROUPS).catch("all"),
  stat: z.enum(LATENCY_STATS).catch("mean"),
  /** Latency Analysis: log y axis (URL `logy=1`), since p99 TTFT can span 74 ms to 7.8 s. */
  latencyLogY: flag,
  /** Latency Analysis x axis (URL `latx=tps`). */
  latencyX: z.enum(LATENCY_X).catch("concurrency"),
  /** Latency Analysis: each run's median drawn dashed beside the chosen statistic (URL `med=1`). */
  latencyMedian: flag,
  /** Latency Analysis: y axis capped at the p99 of the plotted values when a tail squashes it (URL `clip=1`). */
  latencyClip: flag,
  /** Picked points in click order (at most two); with `swap` the second is the baseline. */
  points: z.array(pointRefSchema).max(2).catch([]),
  swap: flag,
  agg: z.enum(AGGREGATIONS).catch("all"),
  disagg: z.enum(DISAGG_VIEWS).catch("stacked"),
  rate: z.enum(RATE_UNITS).catch("tokens"),
  /** At most one per run: the last pick of a run wins. */
  configNodes: z.array(configPickSchema).catch([]),
  /** Run Diff: the two runs compared (URL `a`, `b`); absent: the first two selected runs. */
  diffA: z.string().min(1).optional().catch(undefined),
  diffB: z.string().min(1).optional().catch(undefined),
  /** Run Diff: list the settings both runs share too (URL `same=1`); off, only the differences show. */
  diffSame: flag,
  /** Run Diff: list run-identity keys too (host names, SLURM_*, job ids, ports; URL `ids=1`); hidden by default. */
  diffIds: flag,
  /** Compare tab: baseline and candidate, `run:<runDir>` or `tag:<tag>` (URL `base`, `cand`). */
  compareBase: z.string().min(1).optional().catch(undefined),
  compareCand: z.string().min(1).optional().catch(undefined),
  /** Compare tab: Output TPS/User levels of the Δ table (URL `lv`, repeated); empty: the overlap's defaults. */
  levels: z.array(z.number().finite().positive()).catch([]),
  /** SLA lens (URL `max-ttft-p99=500`, `min-tps-user=30`, ...): points failing it grey out on Pareto and Latency. */
  sla: slaSchema.catch(NO_SLA),
  /** Node Metrics / Rate Match: zoom to this concurrency's benchmark window (URL `win`); with one run selected. */
  win: z.number().int().nonnegative().optional().catch(undefined),
  /** Node Metrics with several runs: the runs whose concurrency windows are drawn (URL `wins`, repeated); none by default. */
  windowRuns: strings,
});
export type ViewState = z.infer<typeof viewStateSchema>;

export const DEFAULT_VIEW_STATE: ViewState = viewStateSchema.parse({});

/** The URL key of each list-valued field (repeated keys: `gpu=H100&gpu=B200`). */
const LIST_KEYS = { gpu: "gpu", topology: "topology", islOsl: "islosl", container: "container", tags: "tag", cluster: "cluster" } as const;

type QueryInput = URLSearchParams | Record<string, string | string[] | undefined>;

function reader(input: QueryInput): (key: string) => string[] {
  if (input instanceof URLSearchParams) return (key) => input.getAll(key);
  return (key) => {
    const value = input[key];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
}

export function formatPointRef(ref: PointRef): string {
  return `${ref.runDir}@${ref.concurrency}`;
}

export function parsePointRef(text: string): PointRef | null {
  const at = text.lastIndexOf("@");
  const concurrency = Number(text.slice(at + 1));
  if (at <= 0 || !Number.isInteger(concurrency) || text.slice(at + 1).trim() === "") return null;
  return { runDir: text.slice(0, at), concurrency };
}

export function formatConfigPick(pick: ConfigPick): string {
  return `${pick.runDir}@${pick.worker}`;
}

/** Worker keys never hold `@`; run directories might, so split at the last one. */
export function parseConfigPick(text: string): ConfigPick | null {
  const at = text.lastIndexOf("@");
  return at > 0 && at < text.length - 1 ? { runDir: text.slice(0, at), worker: text.slice(at + 1) } : null;
}

/** The picks with one per run, the later winning, in first-seen run order. */
function onePerRun(picks: ConfigPick[]): ConfigPick[] {
  const byRun = new Map<string, ConfigPick>();
  for (const pick of picks) byRun.set(pick.runDir, pick);
  return [...byRun.values()];
}

function parseRuns(values: string[]): ViewState["runs"] {
  if (values.length === 0) return undefined;
  if (values.includes(ALL_RUNS)) return ALL_RUNS;
  return [...new Set(values.filter((value) => value !== ""))];
}

const bool = (values: string[]) => (values.length > 0 ? values[0] === "1" || values[0] === "true" : undefined);
const num = (values: string[]) => (values.length > 0 && values[0].trim() !== "" ? Number(values[0]) : undefined);

/** Links from before the cutoff and the TPS/User bound were one value carry `cutoffAt`: it becomes the bound. */
function withLegacyCutoff(sla: Sla, cutoffAt: number | undefined): Sla {
  return sla.minTpsUser === null && cutoffAt !== undefined && Number.isFinite(cutoffAt) && cutoffAt > 0 ? { ...sla, minTpsUser: cutoffAt } : sla;
}

/** Where the Pareto cutoff line is drawn: at the TPS/User bound, when the line is on and a bound is set. */
export function cutoffLine(state: Pick<ViewState, "cutoff" | "sla">): number | null {
  return state.cutoff ? state.sla.minTpsUser : null;
}

/** The state with the cutoff line on or off; switched on with no bound, the bound becomes DEFAULT_CUTOFF. */
export function withCutoff(state: ViewState, on: boolean): ViewState {
  const minTpsUser = on ? (state.sla.minTpsUser ?? DEFAULT_CUTOFF) : state.sla.minTpsUser;
  return { ...state, cutoff: on, sla: { ...state.sla, minTpsUser } };
}

/** URL query -> view state; anything malformed falls back to its default, never an error. */
export function parseViewState(input: QueryInput): ViewState {
  const get = reader(input);
  const lists = Object.fromEntries(Object.entries(LIST_KEYS).map(([field, key]) => [field, [...new Set(get(key).filter(Boolean))]]));
  return viewStateSchema.parse({
    logs: get("logs")[0] || undefined,
    ...lists,
    runs: parseRuns(get("run")),
    y: get("y")[0],
    x: get("x")[0],
    paretoLogX: bool(get("xlog")),
    paretoLogY: bool(get("ylog")),
    colorBy: get("color")[0],
    cutoff: bool(get("cutoff")),
    frontier: bool(get("frontier")),
    frontierBy: get("frontierBy")[0],
    stat: get("stat")[0],
    latencyLogY: bool(get("logy")),
    latencyX: get("latx")[0],
    latencyMedian: bool(get("med")),
    latencyClip: bool(get("clip")),
    points: get("pt").map(parsePointRef).filter((ref): ref is PointRef => ref !== null).slice(-2),
    swap: bool(get("swap")),
    agg: get("agg")[0],
    disagg: get("disagg")[0],
    rate: get("rate")[0],
    configNodes: onePerRun(get("cfg").map(parseConfigPick).filter((pick): pick is ConfigPick => pick !== null)),
    diffA: get("a")[0] || undefined,
    diffB: get("b")[0] || undefined,
    diffSame: bool(get("same")),
    diffIds: bool(get("ids")),
    compareBase: get("base")[0] || undefined,
    compareCand: get("cand")[0] || undefined,
    sla: withLegacyCutoff(slaFromValues((key) => get(key)[0]), num(get("cutoffAt"))),
    win: num(get("win")),
    windowRuns: [...new Set(get("wins").filter(Boolean))],
    levels: [...new Set(get("lv").filter((v) => v.trim() !== "").map(Number).filter((v) => Number.isFinite(v) && v > 0))].sort((a, b) => a - b),
  });
}

/** View state -> URL query (no leading `?`), defaults left out, keys in a fixed order. */
export function toQueryString(state: ViewState): string {
  const query = new URLSearchParams();
  if (state.logs) query.set("logs", state.logs);
  for (const [field, key] of Object.entries(LIST_KEYS)) {
    for (const value of state[field as keyof typeof LIST_KEYS]) query.append(key, value);
  }
  if (state.runs === ALL_RUNS) query.set("run", ALL_RUNS);
  else if (state.runs !== undefined) {
    if (state.runs.length === 0) query.set("run", "");
    for (const runDir of state.runs) query.append("run", runDir);
  }
  if (state.y !== DEFAULT_VIEW_STATE.y) query.set("y", state.y);
  if (state.x !== DEFAULT_VIEW_STATE.x) query.set("x", state.x);
  if (state.paretoLogX) query.set("xlog", "1");
  if (state.paretoLogY) query.set("ylog", "1");
  if (state.colorBy !== DEFAULT_VIEW_STATE.colorBy) query.set("color", state.colorBy);
  if (state.cutoff) query.set("cutoff", "1");
  if (state.frontier) query.set("frontier", "1");
  if (state.frontierBy !== DEFAULT_VIEW_STATE.frontierBy) query.set("frontierBy", state.frontierBy);
  if (state.stat !== DEFAULT_VIEW_STATE.stat) query.set("stat", state.stat);
  if (state.latencyLogY) query.set("logy", "1");
  if (state.latencyX !== DEFAULT_VIEW_STATE.latencyX) query.set("latx", state.latencyX);
  if (state.latencyMedian) query.set("med", "1");
  if (state.latencyClip) query.set("clip", "1");
  for (const ref of state.points) query.append("pt", formatPointRef(ref));
  if (state.swap) query.set("swap", "1");
  if (state.agg !== DEFAULT_VIEW_STATE.agg) query.set("agg", state.agg);
  if (state.disagg !== DEFAULT_VIEW_STATE.disagg) query.set("disagg", state.disagg);
  if (state.rate !== DEFAULT_VIEW_STATE.rate) query.set("rate", state.rate);
  for (const pick of state.configNodes) query.append("cfg", formatConfigPick(pick));
  if (state.diffA) query.set("a", state.diffA);
  if (state.diffB) query.set("b", state.diffB);
  if (state.diffSame) query.set("same", "1");
  if (state.diffIds) query.set("ids", "1");
  if (state.compareBase) query.set("base", state.compareBase);
  if (state.compareCand) query.set("cand", state.compareCand);
  for (const level of state.levels) query.append("lv", String(level));
  for (const [key, value] of slaEntries(state.sla)) query.set(key, value);
  if (state.win !== undefined) query.set("win", String(state.win));
  for (const runDir of state.windowRuns) query.append("wins", runDir);
  return query.toString();
}

/** `pathname?query` for a state, without a dangling `?` when everything is default. */
export function hrefFor(pathname: string, state: ViewState): string {
  const query = toQueryString(state);
  return query ? `${pathname}?${query}` : pathname;
}

/** The state with `worker` shown for `runDir` on the Configuration tab. */
export function withConfigPick(state: ViewState, pick: ConfigPick): ViewState {
  return { ...state, configNodes: [...state.configNodes.filter((p) => p.runDir !== pick.runDir), pick] };
}

/**
 * The runs whose concurrency windows a Node Metrics chart draws: a lone run's always; with several
 * runs on the page only those switched on (URL `wins`), since everyone's bands at once are a wall.
 */
export function shownWindowRuns(windowRuns: readonly string[], pageRuns: readonly string[]): Set<string> {
  return new Set(pageRuns.length <= 1 ? pageRuns : pageRuns.filter((runDir) => windowRuns.includes(runDir)));
}

/** The list with `value` added, or removed when it is already there. */
export function toggled(list: readonly string[], value: string): string[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

/** Same state minus every filter: what "Clear filters" links to. */
export function withoutFilters(state: ViewState): ViewState {
  return { ...state, gpu: [], topology: [], islOsl: [], container: [], tags: [], cluster: [] };
}

export function hasFilters(state: ViewState): boolean {
  return Object.keys(LIST_KEYS).some((field) => state[field as keyof typeof LIST_KEYS].length > 0);
}
