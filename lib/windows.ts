import type { BenchPoint } from "./model";
import { hasPipelineCopies, type NodeBatches } from "./node-aggregate";

/**
 * When each concurrency of a run was measured, from its result files, placed on the worker logs'
 * clock. Result files say it one of two ways: `benchmark_start_time_unix` / `benchmark_end_time_unix`
 * (true epoch seconds), or `date` (written when the benchmark finished, local time of the benchmark
 * client, no zone) with `duration`. Log stamps carry no zone either (dynamo's ISO `Z` ones aside), so
 * the two clocks can differ by a time-zone offset: reconciliation finds the shift that puts the
 * windows over the logs' busy periods, or says it cannot instead of guessing.
 */

/** One concurrency's benchmark, in ms since the epoch on the result file's clock. */
export interface ResultWindow {
  concurrency: number;
  startMs: number;
  endMs: number;
  source: "unix" | "date";
}

/** `20250101-120000` (sa-bench, vllm bench serve), or ISO-like `2025-01-01 12:00:00` / `2025-01-01T12:00:00[.fff][Z]`; naive, read as UTC like log stamps. */
export function parseResultDate(text: string | null): number | null {
  if (!text) return null;
  const compact = /^(\d{4})(\d{2})(\d{2})[-_T ]?(\d{2})(\d{2})(\d{2})$/.exec(text.trim());
  const iso = compact ? null : /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z?$/.exec(text.trim());
  const m = compact ?? iso;
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

type WindowFields = Pick<BenchPoint, "concurrency" | "startTimeUnix" | "endTimeUnix" | "date" | "durationS">;

/** A point's window: explicit start/end times first, else `date` (the end) minus `duration`; null when neither is usable. */
export function resultWindow(point: WindowFields): ResultWindow | null {
  const { startTimeUnix: start, endTimeUnix: end } = point;
  if (start !== null && end !== null && end > start) return { concurrency: point.concurrency, startMs: start * 1000, endMs: end * 1000, source: "unix" };
  const finished = parseResultDate(point.date);
  if (finished !== null && point.durationS !== null && point.durationS > 0) {
    return { concurrency: point.concurrency, startMs: finished - point.durationS * 1000, endMs: finished, source: "date" };
  }
  return null;
}

/** Every point's window, in start order. */
export function resultWindows(points: readonly WindowFields[]): ResultWindow[] {
  return points.map(resultWindow).filter((w): w is ResultWindow => w !== null).sort((a, b) => a.startMs - b.startMs);
}

/**
 * How busy the logs were over time: batch records per bucket (1 s, or coarser for very long runs so
 * the table stays small), as prefix sums so any interval's count is two look-ups.
 */
export interface Activity {
  firstMs: number;
  lastMs: number;
  bucketMs: number;
  /** prefix[i] = records in buckets before i. */
  prefix: Float64Array;
}

const MAX_BUCKETS = 2_000_000;

/** The activity of a run's batch records (any role); null when none has a timestamp. */
export function activityOf(nodes: readonly Pick<NodeBatches, "batches">[]): Activity | null {
  let first = Infinity;
  let last = -Infinity;
  for (const { batches } of nodes) {
    for (let i = 0; i < batches.length; i++) {
      const t = batches.ts[i];
      if (t < first) first = t;
      if (t > last) last = t;
    }
  }
  if (first === Infinity) return null;
  const bucketMs = Math.max(1000, Math.ceil((last - first + 1) / MAX_BUCKETS / 1000) * 1000);
  const counts = new Float64Array(Math.floor((last - first) / bucketMs) + 2);
  for (const { batches } of nodes) {
    // A batch every PP stage printed counts once (PP0's copy).
    const pp = hasPipelineCopies(batches) ? batches.pp : null;
    for (let i = 0; i < batches.length; i++) {
      const t = batches.ts[i];
      if (t >= first && (pp === null || pp[i] === 0)) counts[Math.floor((t - first) / bucketMs) + 1]++;
    }
  }
  for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
  return { firstMs: first, lastMs: last, bucketMs, prefix: counts };
}

/** Records in [fromMs, toMs), to bucket resolution. */
export function recordsIn(activity: Activity, fromMs: number, toMs: number): number {
  const last = activity.prefix.length - 1;
  const index = (ms: number) => Math.min(last, Math.max(0, Math.floor((ms - activity.firstMs) / activity.bucketMs)));
  return activity.prefix[index(toMs)] - activity.prefix[index(fromMs)];
}

/** Whole time-zone shifts tried, in 15-minute steps (zones like +05:45 exist) up to ±14 h. */
const SHIFT_STEP_MS = 15 * 60_000;
const MAX_SHIFT_MS = 14 * 3_600_000;
/** The windows must lie this much inside the logs' span (their total length) to be placed there. */
const MIN_COVERED = 0.9;
/** Logs start after the benchmark client's clock says, by up to this much, and still count. */
const SPAN_SLACK_MS = 60_000;
/** A shift close to the best (records inside the windows within this share) is as good as the best. */
const NEAR_BEST = 0.9;

export interface Reconciliation {
  /** Add to result times to get log times; null when no shift fits. */
  offsetMs: number | null;
  /** What the chart should say: a shift made, or why windows are not drawn; null when nothing to say. */
  note: string | null;
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

interface Candidate {
  offsetMs: number;
  /** Share of the windows' total length inside the logs' span. */
  covered: number;
  /** Batch records inside the windows. */
  inside: number;
}

function candidate(windows: readonly ResultWindow[], activity: Activity, offsetMs: number): Candidate {
  let length = 0;
  let covered = 0;
  let inside = 0;
  for (const w of windows) {
    const start = w.startMs + offsetMs;
    const end = w.endMs + offsetMs;
    length += end - start;
    covered += overlap(start, end, activity.firstMs - SPAN_SLACK_MS, activity.lastMs + SPAN_SLACK_MS);
    inside += recordsIn(activity, start, end);
  }
  return { offsetMs, covered: length > 0 ? covered / length : 0, inside };
}

/** `+2 h`, `-5 h 30 min`. */
export function formatShift(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${ms < 0 ? "-" : "+"}${h > 0 ? `${h} h` : ""}${h > 0 && m > 0 ? " " : ""}${m > 0 || h === 0 ? `${m} min` : ""}`;
}

const isoMinute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

/**
 * The shift from the result clock to the log clock. No shift when the windows already sit over the
 * logs' activity (or nearly as well as any shift would put them); else the one whole-zone shift that
 * fits clearly best; else none, with the reason.
 */
export function reconcileClocks(windows: readonly ResultWindow[], activity: Activity | null): Reconciliation {
  if (windows.length === 0) return { offsetMs: null, note: null };
  if (activity === null) return { offsetMs: null, note: "Concurrency windows not drawn: the worker logs have no timestamped batch lines to place them on." };
  const candidates: Candidate[] = [];
  for (let offset = -MAX_SHIFT_MS; offset <= MAX_SHIFT_MS; offset += SHIFT_STEP_MS) candidates.push(candidate(windows, activity, offset));
  const fitting = candidates.filter((c) => c.covered >= MIN_COVERED && c.inside > 0);
  const span = `${isoMinute(windows[0].startMs)} to ${isoMinute(Math.max(...windows.map((w) => w.endMs)))}`;
  if (fitting.length === 0) {
    return {
      offsetMs: null,
      note: `Concurrency windows not drawn: the result files' times (${span}) do not fall within the worker logs' (${isoMinute(activity.firstMs)} to ${isoMinute(activity.lastMs)}) under any time-zone shift.`,
    };
  }
  const best = Math.max(...fitting.map((c) => c.inside));
  const zero = fitting.find((c) => c.offsetMs === 0);
  if (zero && zero.inside >= NEAR_BEST * best) return { offsetMs: 0, note: null };
  const near = fitting.filter((c) => c.inside >= NEAR_BEST * best);
  // Neighbouring 15-minute steps of one true shift all fit when windows are long: one cluster is one answer.
  const clusters = near.filter((c, i) => i === 0 || c.offsetMs - near[i - 1].offsetMs > SHIFT_STEP_MS);
  if (clusters.length > 1) {
    return { offsetMs: null, note: `Concurrency windows not drawn: the result files' clock fits the logs' equally well shifted by ${near.map((c) => formatShift(c.offsetMs)).join(" or ")}.` };
  }
  const chosen = near.reduce((a, b) => (b.inside > a.inside ? b : a));
  return {
    offsetMs: chosen.offsetMs,
    note: `Concurrency windows shifted by ${formatShift(chosen.offsetMs)}: the result files' clock and the worker logs' differ by a time-zone offset (neither records its zone).`,
  };
}

/** A window drawn on a node chart: seconds since the run's first logged batch. */
export interface ChartWindow {
  concurrency: number;
  x0: number;
  x1: number;
}

/** What the node charts draw for a run: its windows (possibly none) and what to say about them. */
export interface RunWindows {
  windows: ChartWindow[];
  note: string | null;
}

/** A run's concurrency windows on its node charts' time axis (seconds since `t0Ms`, the first batch). */
export function chartWindows(points: readonly WindowFields[], activity: Activity | null): RunWindows {
  const windows = resultWindows(points);
  const { offsetMs, note } = reconcileClocks(windows, activity);
  if (offsetMs === null || activity === null) return { windows: [], note };
  const t0 = activity.firstMs;
  const seconds = (ms: number) => Math.round((ms + offsetMs - t0) / 10) / 100;
  return { windows: windows.map((w) => ({ concurrency: w.concurrency, x0: seconds(w.startMs), x1: seconds(w.endMs) })), note };
}

/** What to say under a run's node charts: the reconciliation note, and why a zoom asked for (`win`) cannot happen. */
export function windowNotes(windows: RunWindows, zoom: number | undefined): string[] {
  const notes = windows.note ? [windows.note] : [];
  const placed = windows.windows.length > 0 || windows.note === null;
  if (zoom !== undefined && placed && !windows.windows.some((w) => w.concurrency === zoom)) {
    notes.push(`No time window for concurrency ${zoom}: its result file gives neither benchmark start/end times nor a date with a duration, so the whole run is shown.`);
  }
  return notes;
}

/**
 * The window notes of a page of runs, each led by its run's label: only for runs whose windows are
 * drawn (`shown`), since a note on windows that are switched off talks about nothing on screen.
 */
export function shownWindowNotes(runs: readonly { run: { runDir: string; label: string }; windows: RunWindows }[], shown: ReadonlySet<string>, zoom: number | undefined): string[] {
  return runs.filter(({ run }) => shown.has(run.runDir)).flatMap(({ run, windows }) => windowNotes(windows, zoom).map((note) => `${run.label}: ${note}`));
}
