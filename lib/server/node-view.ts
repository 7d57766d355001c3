import "server-only";
import { createHash } from "node:crypto";
import { runGpuLabel } from "../labels";
import type { Run } from "../model";
import type { Aggregation, Combine } from "../node-aggregate";
import type { NodeMetrics, WorkerType } from "../node-metrics";
import type { LoadProgress, LoadStatus } from "../node-progress";
import { buildNodeLines, buildRateLines, silentWorkerNotes, workerCounts, type DownsampleStats, type NodeLines, type NodeRunRef, type RateLines, type RunNodeView, type RunRateView } from "../node-view";
import { activityOf, chartWindows, type Activity } from "../windows";
import { datasetNodeSource } from "./dataset/dataset-loader";
import type { ParseProgress } from "./log-pool";
import { findNodeFiles, WORKER_LOG_PATTERNS } from "./node-files";
import { loadRunNodes } from "./live-nodes";
import { processState } from "./process-state";
import { rememberNodes, recallNodes } from "./recent-nodes";
import { fingerprintOf } from "./scan-runs";

/**
 * The node tabs' data of a run, built once per set of log files and kept small in memory: the
 * downsampled lines of each aggregation mode asked for, and the rate match. A page waits a moment
 * for a run; a first parse of a big run takes longer, so the page shows its progress instead
 * (polled by id) and reloads when it is done. One parse per run at a time, however many ask.
 */

/** How long a page waits for a run's node data before showing its progress instead ($SRTLOG_NODE_WAIT_MS). */
export function nodeWaitMs(): number {
  const ms = Number(process.env.SRTLOG_NODE_WAIT_MS);
  return process.env.SRTLOG_NODE_WAIT_MS && Number.isFinite(ms) && ms >= 0 ? ms : 1500;
}
const MAX_RUNS_KEPT = 64;

interface RunEntry {
  fingerprint: string;
  counts: Record<WorkerType, number>;
  notes: string[];
  /** When the logs were busy, to place the result files' concurrency windows on the log clock. */
  activity: Activity | null;
  modes: Partial<Record<Aggregation, { lines: NodeLines; stats: DownsampleStats }>>;
  /** Rate match averaged per node and summed over nodes. undefined: not built yet; null: the run has no prefill or no decode records. */
  rate: Partial<Record<Combine, RateLines | null>>;
}

type Need = Aggregation | `rate-${Combine}`;
const rateNeed = (how: Combine): Need => `rate-${how}`;
const combineOf = (need: Need): Combine | null => (need === "rate-mean" ? "mean" : need === "rate-sum" ? "sum" : null);

/** Runs read at a time: a parse already uses every core, and a queue bounds memory when many runs are selected. */
const LOADS_AT_ONCE = 2;

// The progress route must see the loads the pages started: one registry per process, not per bundle.
const { entries, failures, parses, builds, progress, turns } = processState("node-view", () => ({
  turns: { running: 0, waiting: [] as (() => void)[] },
  entries: new Map<string, RunEntry>(),
  failures: new Map<string, { fingerprint: string; message: string }>(),
  parses: new Map<string, Promise<NodeMetrics[]>>(),
  builds: new Map<string, Promise<RunEntry>>(),
  progress: new Map<string, { value: Omit<LoadProgress, "elapsedMs">; startedAt: number; users: number }>(),
}));

/** The id a page polls for a run's progress: not its path, which the browser need not see. */
export function loadIdOf(runPath: string): string {
  return createHash("sha256").update(runPath).digest("hex").slice(0, 16);
}

/** Progress of the run with this id while something loads it, else idle. */
export function nodeLoadStatus(id: string): LoadStatus {
  const load = progress.get(id);
  return load ? { state: "loading", progress: { ...load.value, elapsedMs: Math.round(performance.now() - load.startedAt) } } : { state: "idle" };
}

function track(id: string, files: number, bytes: number): () => void {
  const load = progress.get(id) ?? { value: { phase: "reading" as const, filesDone: 0, files, bytesDone: 0, bytes }, startedAt: performance.now(), users: 0 };
  load.users++;
  progress.set(id, load);
  return () => {
    if (--load.users === 0) progress.delete(id);
  };
}

function report(id: string, change: Partial<LoadProgress>): void {
  const load = progress.get(id);
  if (load) load.value = { ...load.value, ...change };
}

function has(entry: RunEntry, need: Need): boolean {
  const how = combineOf(need);
  return how ? entry.rate[how] !== undefined : entry.modes[need as Aggregation] !== undefined;
}

/** Run `work` when fewer than LOADS_AT_ONCE others run; a finished load hands its turn to the next. */
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (turns.running >= LOADS_AT_ONCE) await new Promise<void>((resolve) => turns.waiting.push(resolve));
  else turns.running++;
  try {
    return await work();
  } finally {
    const next = turns.waiting.shift();
    if (next) next();
    else turns.running--;
  }
}

/** A run's parsed nodes: from memory when just used, else the cache or the logs, one parse per run at a time. */
function nodesOf(runPath: string, fingerprint: string, id: string, load: NodeLoad): Promise<NodeMetrics[]> {
  const key = `${runPath}\0${fingerprint}`;
  const recent = recallNodes(key);
  if (recent) return Promise.resolve(recent);
  let parse = parses.get(key);
  if (!parse) {
    const onProgress = (filesDone: number, files: number, bytesDone: number) => report(id, { phase: "parsing", filesDone, files, bytesDone });
    report(id, { phase: "waiting" });
    parse = inTurn(() => {
      report(id, { phase: "reading" });
      return load(onProgress);
    })
      .then((nodes) => rememberNodes(key, nodes))
      .finally(() => parses.delete(key));
    parses.set(key, parse);
  }
  return parse;
}

type NodeLoad = (onProgress: ParseProgress) => Promise<NodeMetrics[]>;

async function build(run: Run, fingerprint: string, need: Need, files: number, bytes: number, load: NodeLoad): Promise<RunEntry> {
  const id = loadIdOf(run.runPath);
  const done = track(id, files, bytes);
  try {
    const nodes = await nodesOf(run.runPath, fingerprint, id, load);
    report(id, { phase: "drawing" });
    const known = entries.get(run.runPath);
    const entry: RunEntry = known?.fingerprint === fingerprint ? known : { fingerprint, counts: workerCounts(nodes), notes: silentWorkerNotes(nodes), activity: activityOf(nodes), modes: {}, rate: {} };
    const how = combineOf(need);
    if (how) entry.rate[how] = buildRateLines(nodes, run.metadata.profiler.isl, run.metadata.profiler.osl, undefined, how);
    else entry.modes[need as Aggregation] = buildNodeLines(nodes, need as Aggregation);
    keep(run.runPath, entry);
    return entry;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`srtlog: node metrics of ${run.runPath}: ${message}`);
    failures.set(run.runPath, { fingerprint, message });
    throw error;
  } finally {
    done();
  }
}

function keep(runPath: string, entry: RunEntry): void {
  entries.delete(runPath);
  entries.set(runPath, entry);
  for (const old of entries.keys()) {
    if (entries.size <= MAX_RUNS_KEPT) break;
    entries.delete(old);
  }
}

type Outcome = { kind: "no-logs" } | { kind: "failed"; message: string } | { kind: "work"; entry: Promise<RunEntry> };

/** What it takes to have `need` for a run: nothing (no logs, known failure), or a promise of its entry. */
/** Where a run's nodes come from: its worker logs, else (an ingested run whose source is gone) `node_batches`. */
function nodeSourceOf(run: Run): { fingerprint: string; files: number; bytes: number; load: NodeLoad } | null {
  const { workers } = findNodeFiles(run.runPath);
  if (workers.length === 0) {
    const ingested = run.origin ? datasetNodeSource(run.origin) : null;
    return ingested && { fingerprint: ingested.fingerprint, files: 0, bytes: 0, load: ingested.load };
  }
  const logs = workers.flatMap((w) => w.logs);
  const fingerprint = fingerprintOf(workers.flatMap((w) => [...w.logs, w.config]));
  return { fingerprint, files: logs.length, bytes: logs.reduce((n, f) => n + f.size, 0), load: (onProgress) => loadRunNodes(run.runPath, onProgress) };
}

function entryFor(run: Run, need: Need): Outcome {
  const source = nodeSourceOf(run);
  if (!source) return { kind: "no-logs" };
  const { fingerprint } = source;
  const known = entries.get(run.runPath);
  if (known?.fingerprint === fingerprint && has(known, need)) {
    keep(run.runPath, known);
    return { kind: "work", entry: Promise.resolve(known) };
  }
  const failure = failures.get(run.runPath);
  if (failure?.fingerprint === fingerprint) return { kind: "failed", message: failure.message };
  const key = `${run.runPath}\0${fingerprint}\0${need}`;
  let work = builds.get(key);
  if (!work) {
    work = build(run, fingerprint, need, source.files, source.bytes, source.load).finally(() => builds.delete(key));
    builds.set(key, work);
  }
  return { kind: "work", entry: work };
}

export function nodeRunRef(run: Run): NodeRunRef {
  return { runDir: run.runDir, jobId: run.jobId, label: runGpuLabel(run) };
}

function noLogsMessage(run: Run): string {
  const ingested = run.origin ? ` (in ${run.origin.source ?? run.runPath}${run.origin.source === run.runPath ? "" : ", which this server does not read: outside SRTLOG_LOGS_ROOTS and the configured logs dir"}), and the dataset has no node_batches rows for ${run.origin.runKey}` : "";
  return `No log files found in ${run.runDir}${ingested}: looked for ${WORKER_LOG_PATTERNS}.`;
}

/** The entry when it is ready within `waitMs`, else "loading". */
async function within<T>(entry: Promise<RunEntry>, waitMs: number, ready: (entry: RunEntry) => T, loading: () => T, failed: (message: string) => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(loading()), waitMs)));
  const settled = entry.then(ready, (error: unknown) => failed(error instanceof Error ? error.message : String(error)));
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A run's Node Metrics lines in one aggregation mode, or why there are none yet. */
export async function nodeViewOf(run: Run, mode: Aggregation, waitMs = nodeWaitMs()): Promise<RunNodeView> {
  const ref = nodeRunRef(run);
  const outcome = entryFor(run, mode);
  if (outcome.kind === "no-logs") return { state: "no-logs", run: ref, message: noLogsMessage(run) };
  if (outcome.kind === "failed") return { state: "failed", run: ref, message: outcome.message };
  return within<RunNodeView>(
    outcome.entry,
    waitMs,
    (entry) => ({ state: "ready", run: ref, counts: entry.counts, notes: entry.notes, windows: chartWindows(run.points, entry.activity), ...entry.modes[mode]! }),
    () => ({ state: "loading", run: ref, loadId: loadIdOf(run.runPath) }),
    (message) => ({ state: "failed", run: ref, message }),
  );
}

/** A run's rate match lines, averaged per node or summed over them, or why there are none yet. */
export async function rateViewOf(run: Run, how: Combine = "mean", waitMs = nodeWaitMs()): Promise<RunRateView> {
  const ref = nodeRunRef(run);
  const outcome = entryFor(run, rateNeed(how));
  if (outcome.kind === "no-logs") return { state: "no-logs", run: ref, message: noLogsMessage(run) };
  if (outcome.kind === "failed") return { state: "failed", run: ref, message: outcome.message };
  return within<RunRateView>(
    outcome.entry,
    waitMs,
    (entry) => ({ state: "ready", run: ref, counts: entry.counts, notes: entry.notes, windows: chartWindows(run.points, entry.activity), rate: entry.rate[how] ?? null }),
    () => ({ state: "loading", run: ref, loadId: loadIdOf(run.runPath) }),
    (message) => ({ state: "failed", run: ref, message }),
  );
}
