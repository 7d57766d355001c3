import "server-only";
import path from "node:path";
import type { Run } from "../../model";
import { toRows } from "../../rows";
import { SrtlogError } from "../../errors";
import { loadRun } from "../load-run";
import { energyByPoint } from "../power";
import { fingerprintOf, listRunDirs, scanRunFiles, type RunDirEntry } from "../scan-runs";
import { withIngestLock } from "./lock";
import { requestRows, requestSourceStamps } from "./tables/requests";
import { DATASET_SCHEMA_VERSION, monthOf, pointRow, runRow, TABLES, type TableName, type TableRow } from "./schema";
import { listPartitions, openDataset, partFileFault, partitionDir, readManifest, readPartRows, writePartition, type Manifest, type Partition } from "./store";

export interface IngestOptions {
  dataset: string;
  logsDirs: string[];
  cluster: string;
  progress: (message: string) => void;
  /** How long to wait for another ingest's lock. */
  lockWaitMs?: number;
}

export interface IngestSummary {
  added: string[];
  updated: string[];
  unchanged: string[];
  skipped: { run: string; reason: string }[];
  warnings: string[];
  /** Partition files (re)written, per table. */
  written: Record<TableName, number>;
}

interface Known {
  month: string;
  fingerprint: string;
}

/** A partition's state before this ingest; `faulty` ones are rebuilt from what this ingest loads. */
interface PartState {
  partition: Partition;
  manifest: Manifest | null;
  faulty: boolean;
}

interface Source {
  key: string;
  entry: RunDirEntry;
  fingerprint: string;
}

const CLUSTER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `srtlog ingest`: add new runs, replace changed ones, leave unchanged ones alone. */
export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  if (!CLUSTER.test(options.cluster)) throw new SrtlogError("bad_input", `--cluster '${options.cluster}' must be letters, digits, '.', '_' or '-'`);
  await openDataset(options.dataset, true);
  const onWait = (holder: string) => options.progress(`ingest: waiting for another ingest (pid ${holder}) to finish`);
  return withIngestLock(options.dataset, options.lockWaitMs ?? 120_000, onWait, () => ingestLocked(options));
}

async function ingestLocked(options: IngestOptions): Promise<IngestSummary> {
  const summary: IngestSummary = { added: [], updated: [], unchanged: [], skipped: [], warnings: [], written: Object.fromEntries(TABLES.map((table) => [table, 0])) as IngestSummary["written"] };
  const warn = (message: string) => {
    summary.warnings.push(message);
    options.progress(`ingest: warning: ${message}`);
  };
  const states = new Map<TableName, Map<string, PartState>>();
  const known = new Map<TableName, Map<string, Known>>();
  for (const table of TABLES) {
    const state = readState(options.dataset, table, options.cluster, warn);
    states.set(table, state.parts);
    known.set(table, state.known);
  }
  const sources = scanSources(options, summary);
  const changed = sources.filter((source) => {
    const same = TABLES.every((table) => known.get(table)!.get(source.key)?.fingerprint === source.fingerprint);
    if (same) summary.unchanged.push(source.key);
    return !same;
  });
  const loaded = await loadChanged(changed, options, summary, known.get("runs")!);
  for (const table of TABLES) {
    summary.written[table] = await applyTable(options, table, loaded, states.get(table)!, known.get(table)!, warn);
  }
  return summary;
}

/** Partitions of one cluster's table, and the runs they hold (from whole partitions only). */
function readState(dataset: string, table: TableName, cluster: string, warn: (m: string) => void) {
  const parts = new Map<string, PartState>();
  const known = new Map<string, Known>();
  for (const partition of listPartitions(dataset, table, cluster)) {
    const manifest = readManifest(partition);
    const fault = manifest ? partFileFault(partition, manifest) : `${partition.dir} has no readable _manifest.json`;
    if (fault) warn(`skipped ${fault}; rewriting the partition from the runs this ingest reads`);
    parts.set(partition.month, { partition, manifest, faulty: fault !== null });
    if (fault || !manifest) continue;
    for (const [key, run] of Object.entries(manifest.runs)) known.set(key, { month: partition.month, fingerprint: run.fingerprint });
  }
  return { parts, known };
}

/** The run directories of every logs dir, each with the fingerprint of the files a load would read. */
function scanSources(options: IngestOptions, summary: IngestSummary): Source[] {
  const byKey = new Map<string, Source>();
  for (const logsDir of options.logsDirs) {
    let entries: RunDirEntry[];
    try {
      entries = listRunDirs(logsDir);
    } catch {
      throw new SrtlogError("bad_input", `logs directory ${path.resolve(logsDir)} does not exist or cannot be read`);
    }
    options.progress(`ingest: ${path.resolve(logsDir)}: ${entries.length} run directories`);
    for (const entry of entries) {
      const key = `${options.cluster}/${entry.name}`;
      const earlier = byKey.get(key);
      if (earlier) {
        summary.skipped.push({ run: entry.path, reason: `a run directory of the same name in cluster ${options.cluster} was read from ${earlier.entry.path}` });
        continue;
      }
      const files = scanRunFiles(entry.path, entry.jobId);
      // The schema version and source path count too: either changes what the rows say.
      const fingerprint = fingerprintOf([files.metadata, files.recipe, ...files.resultFiles, ...requestSourceStamps(entry.path)]) + `-v${DATASET_SCHEMA_VERSION}-${entry.path}`;
      byKey.set(key, { key, entry, fingerprint });
    }
  }
  return [...byKey.values()];
}

interface Loaded {
  source: Source;
  run: Run;
  month: string;
}

async function loadChanged(changed: Source[], options: IngestOptions, summary: IngestSummary, knownRuns: Map<string, Known>): Promise<Loaded[]> {
  const loaded: Loaded[] = [];
  for (const [index, source] of changed.entries()) {
    const load = await loadRun(source.entry);
    if ((index + 1) % 100 === 0 || index + 1 === changed.length) options.progress(`ingest: read ${index + 1}/${changed.length} new or changed runs`);
    if (!load.ok) {
      // Rows ingested before stay: a run that broke since is reported, not erased.
      summary.skipped.push({ run: source.entry.path, reason: load.reason });
      continue;
    }
    (knownRuns.has(source.key) ? summary.updated : summary.added).push(source.key);
    loaded.push({ source, run: load.run, month: monthOf(load.run) });
  }
  return loaded;
}

async function rowsOf(table: TableName, item: Loaded, ingestedAt: string, warn: (m: string) => void): Promise<TableRow[]> {
  if (table === "runs") return [runRow(item.run, item.source.key, item.source.fingerprint, ingestedAt)];
  if (table === "requests") return requestRows(item.run, item.source.key, warn);
  return toRows([item.run], { energy: energyByPoint([item.run]) }).map((row) => pointRow(row, item.source.key));
}

/** Rewrite the partitions of one table that gain, lose or replace runs (or were found faulty). */
async function applyTable(options: IngestOptions, table: TableName, loaded: Loaded[], parts: Map<string, PartState>, known: Map<string, Known>, warn: (m: string) => void): Promise<number> {
  const ingestedAt = new Date().toISOString();
  const upserts = new Map<string, Loaded[]>();
  const removals = new Map<string, Set<string>>();
  for (const item of loaded) {
    upserts.set(item.month, [...(upserts.get(item.month) ?? []), item]);
    const before = known.get(item.source.key);
    // A run whose date moved it to another month leaves its old partition.
    if (before && before.month !== item.month) removals.set(before.month, (removals.get(before.month) ?? new Set()).add(item.source.key));
  }
  const months = new Set([...upserts.keys(), ...removals.keys(), ...[...parts].filter(([, s]) => s.faulty).map(([m]) => m)]);
  for (const month of months) {
    const state = parts.get(month) ?? { partition: { table, cluster: options.cluster, month, dir: partitionDir(options.dataset, table, options.cluster, month) }, manifest: null, faulty: false };
    const items = upserts.get(month) ?? [];
    const drop = new Set([...items.map((item) => item.source.key), ...(removals.get(month) ?? [])]);
    const { rows, runs } = await keptRows(state, drop, warn);
    for (const item of items) {
      const added = await rowsOf(table, item, ingestedAt, warn);
      // One push per row: a spread of a run's request rows (100,000+ for a big sweep) overflows the call stack.
      for (const row of added) rows.push(row);
      runs[item.source.key] = { fingerprint: item.source.fingerprint, rows: added.length };
    }
    await writePartition(state.partition, rows, runs, state.manifest);
    options.progress(`ingest: wrote ${path.relative(options.dataset, state.partition.dir)} (${rows.length} rows, ${Object.keys(runs).length} runs)`);
  }
  return months.size;
}

/** The rows and manifest entries of a partition minus the runs in `drop`; nothing from a faulty one. */
async function keptRows(state: PartState, drop: Set<string>, warn: (m: string) => void): Promise<{ rows: TableRow[]; runs: Manifest["runs"] }> {
  if (!state.manifest) return { rows: [], runs: {} };
  if (state.faulty) {
    const lost = Object.keys(state.manifest.runs).filter((key) => !drop.has(key));
    if (lost.length > 0) warn(`${state.partition.dir}: ${lost.length} run(s) were not in this ingest's logs dirs and are gone from it until ingested again: ${lost.join(", ")}`);
    return { rows: [], runs: {} };
  }
  const rows = (await readPartRows(state.partition, state.manifest)).filter((row) => !drop.has(String(row.run_key)));
  const runs = Object.fromEntries(Object.entries(state.manifest.runs).filter(([key]) => !drop.has(key)));
  return { rows, runs };
}
