import "server-only";
import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import type { Run, SkippedRun } from "../model";
import { toRows, type Row } from "../rows";
import { SrtlogError } from "../errors";
import { loadRun, type LoadOptions, type RunLoad } from "./load-run";
import { deferWrite } from "./deferred-writes";
import { forgetListings } from "./dir-listing";
import { energyByPoint } from "./power";
import { readRunIndex, writeRunIndex, type IndexedLoad } from "./run-index";
import { findMetadataFile, fingerprintOf, listRunDirs, runListingSettled, revalidateRunFiles, scanRunFiles, type RunDirEntry, type RunFiles } from "./scan-runs";
import { editTagsFile, writeTagsFile } from "./tags-file";

export interface LoadResult {
  runs: Run[];
  skipped: SkippedRun[];
}

/** How many runs are read at once: enough to overlap disk waits, few enough to bound memory. */
const PARALLEL_RUNS = 4;

async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Newest first: larger Slurm job ids were submitted later. */
export function byJobIdDesc(a: Run, b: Run): number {
  return Number(b.jobId) - Number(a.jobId) || b.runDir.localeCompare(a.runDir);
}

/**
 * Loads srt-slurm run directories from one logs directory: the TypeScript face of the Python
 * `RunLoader`, shared by the dashboard and the CLI. Results are cached as Parquet per run; inside one
 * process, runs whose files have not changed are not even re-read.
 */
export class RunLoader {
  readonly logsDir: string;
  private readonly memo = new Map<string, IndexedLoad>();
  private readonly inFlight = new Map<string, Promise<RunLoad>>();
  /** The logs dir's index cache (run-index.ts) by run dir name, read once per process; null until then. */
  private persisted: Map<string, IndexedLoad> | null = null;
  /** A run was loaded from its files (not the index), or one left: the index on disk is out of date. */
  private indexStale = false;
  /** Set by clear() ("Sync Now"): the next load lists every run's directories again. */
  private listAgain = false;

  private readonly loadOptions: LoadOptions;
  private readonly indexWrite: "await" | "defer";

  /**
   * `cacheWrites`, what a load writes besides answering:
   * - "await" (the default, the library's): each parsed run's Parquet cache and the logs dir's run index, before answering;
   * - "defer" (the server's): the same, queued until loading has been quiet (see deferred-writes.ts);
   * - "index-only" (the CLI's): the run index alone, before answering. A cold 1,000-run load spent over
   *   half its time creating 1,000 `.cache` dirs and Parquet files (more on NFS/Lustre, where each
   *   create is a round trip), while the next CLI call reads the index, not them; the dashboard
   *   writes them in the background and `srtlog export --format parquet` gives every run in one file.
   */
  constructor(logsDir: string, options: { cacheWrites?: "await" | "defer" | "index-only" } = {}) {
    this.logsDir = path.resolve(logsDir);
    this.indexWrite = options.cacheWrites === "defer" ? "defer" : "await";
    this.loadOptions = { cacheWrite: options.cacheWrites === "index-only" ? "skip" : options.cacheWrites };
  }

  /** Fail early, with a message naming the path, when the logs directory cannot be read. */
  checkLogsDir(): void {
    let isDir = false;
    try {
      isDir = statSync(this.logsDir).isDirectory();
    } catch {
      throw new SrtlogError("bad_input", `logs directory ${this.logsDir} does not exist or cannot be read`);
    }
    if (!isDir) throw new SrtlogError("bad_input", `logs directory ${this.logsDir} is not a directory`);
  }

  /** Every run, and every run-like directory that could not be loaded with the reason. */
  async loadAllWithSkipped(): Promise<LoadResult> {
    this.checkLogsDir();
    const entries = listRunDirs(this.logsDir);
    if (this.persisted === null) this.persisted = readRunIndex(this.logsDir);
    const persisted = this.persisted;
    const loads = await mapPool(entries, PARALLEL_RUNS, (entry) => this.loadEntry(entry, persisted.get(entry.name)));
    this.listAgain = false;
    await this.saveIndex(entries);
    const runs: Run[] = [];
    const skipped: SkippedRun[] = [];
    for (const load of loads) {
      if (load.ok) runs.push(load.run);
      else skipped.push({ runDir: load.runDir, reason: load.reason });
    }
    return { runs: runs.sort(byJobIdDesc), skipped };
  }

  /** Every run that loads, newest first. */
  async loadAll(): Promise<Run[]> {
    return (await this.loadAllWithSkipped()).runs;
  }

  /** One run by its directory (absolute, or relative to the logs dir); null if it is not a loadable run. */
  async loadSingle(runDir: string): Promise<Run | null> {
    const entry = this.entryFor(runDir);
    const load = entry ? await this.loadEntry(entry) : null;
    return load?.ok ? load.run : null;
  }

  /** Whether `runDir` names a run directory directly inside the logs dir, loadable or not. */
  hasRun(runDir: string): boolean {
    return this.entryFor(runDir) !== null;
  }

  /** The rows of the data frame (`to_dataframe`): of `runs`, or of every run when none are given. */
  async toRows(runs?: readonly Run[]): Promise<Row[]> {
    const chosen = runs ?? (await this.loadAll());
    // Energy is cheap (one stat per run without power records), so exports always carry it.
    return toRows(chosen, { energy: energyByPoint(chosen) });
  }

  /** Replace a run's tags in its `<jobid>.json`; returns the tags as saved. */
  async updateTags(runPath: string, tags: readonly string[]): Promise<string[]> {
    return writeTagsFile(this.logsDir, this.metadataFileOf(runPath), tags);
  }

  /** Add and remove tags without overwriting a concurrent edit; returns the tags as saved. */
  async editTags(runPath: string, change: { add?: readonly string[]; remove?: readonly string[] }): Promise<string[]> {
    const remove = new Set(change.remove ?? []);
    return editTagsFile(this.logsDir, this.metadataFileOf(runPath), (current) => [...current.filter((tag) => !remove.has(tag)), ...(change.add ?? [])]);
  }

  /** Forget what this process remembers ("Sync Now"); caches on disk stay valid (their stamps are checked). */
  clear(): void {
    this.memo.clear();
    this.persisted = null;
    // An explicit rescan lists every directory again rather than trusting unchanged mtimes (which a
    // network file system may report late) until the next load is done.
    this.listAgain = true;
    forgetListings();
  }

  /** Rewrite the index when it no longer matches what was loaded (awaited in the CLI, queued in the server). */
  private async saveIndex(entries: readonly RunDirEntry[]): Promise<void> {
    const persisted = this.persisted ?? new Map<string, IndexedLoad>();
    const current = new Map<string, IndexedLoad>();
    for (const entry of entries) {
      const known = this.memo.get(entry.path);
      // An outcome of a file we could not read may change with no stamp change (a chmod): never kept.
      if (known && !known.load.transient) current.set(entry.name, known);
    }
    if (!this.indexStale && current.size === persisted.size && [...current.keys()].every((name) => persisted.has(name))) return;
    this.indexStale = false;
    this.persisted = current;
    const write = () => writeRunIndex(this.logsDir, current).catch(() => {});
    if (this.indexWrite === "defer") deferWrite(write);
    else await write();
  }

  private metadataFileOf(runPath: string): string {
    const entry = this.entryFor(runPath);
    if (!entry) throw new SrtlogError("not_found", `no run at ${runPath} under ${this.logsDir}`);
    const file = findMetadataFile(entry.path, entry.jobId);
    // A run can load from its results alone; its tags still live in <jobid>.json, which we do not invent.
    if (!file) throw new SrtlogError("not_found", `run ${entry.name} has no ${entry.jobId}.json to keep tags in; tags cannot be saved until it has one`);
    return file.path;
  }

  /** The run entry for a path, only if it is a run directory directly inside the logs dir. */
  private entryFor(runDir: string): RunDirEntry | null {
    let real: string;
    let root: string;
    try {
      root = realpathSync(this.logsDir);
      real = realpathSync(path.resolve(this.logsDir, runDir));
    } catch {
      return null;
    }
    return listRunDirs(root).find((entry) => entry.path === real || safeRealpath(entry.path) === real) ?? null;
  }

  /** What the run's files look like now (equal stamps mean nothing to re-read), and their new listing if one was made. */
  private stampOf(entry: RunDirEntry, previous: RunLoad | undefined): { stamp: string; scanned: RunFiles | null } {
    if (!previous?.ok) return { stamp: stampOfFiles(scanRunFiles(entry.path, entry.jobId)), scanned: null };
    const revalidated = this.listAgain ? null : revalidateRunFiles(entry.path, previous.files);
    if (revalidated) return { stamp: stampOfFiles(revalidated), scanned: null };
    const { isl, osl } = previous.run.metadata.profiler;
    const scanned = scanRunFiles(entry.path, entry.jobId, isl, osl);
    return { stamp: stampOfFiles(scanned), scanned };
  }

  private loadEntry(entry: RunDirEntry, indexed?: IndexedLoad): Promise<RunLoad> {
    let remembered = this.memo.get(entry.path) ?? (indexed && loadsFrom(indexed.load, entry) ? indexed : undefined);
    const now = remembered && this.stampOf(entry, remembered.load);
    if (remembered && now && remembered.stamp === now.stamp) {
      if (now.scanned && remembered.load.ok && runListingSettled(now.scanned)) {
        // Listed again only because the old listing was too close to a directory change; this one is
        // not, so keep it (and save it in the index) and the next stamps need no listing.
        remembered = { ...remembered, load: { ...remembered.load, files: now.scanned } };
        this.indexStale = true;
      }
      this.memo.set(entry.path, remembered);
      return Promise.resolve(remembered.load);
    }
    // Requests that arrive while a run is being read share that one read.
    let pending = this.inFlight.get(entry.path);
    if (!pending) {
      pending = loadRun(entry, this.loadOptions).then((load) => {
        // Stamp what the load actually read, so the next call compares like with like.
        this.memo.set(entry.path, { stamp: load.ok ? stampOfFiles(load.files) : this.stampOf(entry, undefined).stamp, load });
        this.indexStale = true;
        return load;
      });
      const settled = pending.finally(() => this.inFlight.delete(entry.path));
      settled.catch(() => {});
      this.inFlight.set(entry.path, pending);
    }
    return pending;
  }
}

/** An indexed load describes this directory only if it was made from this very path (a moved logs dir reloads). */
function loadsFrom(load: RunLoad, entry: RunDirEntry): boolean {
  return load.ok ? load.run.runPath === entry.path && load.run.runDir === entry.name : load.runDir === entry.name;
}

function stampOfFiles(files: RunFiles): string {
  return fingerprintOf([files.metadata, files.recipe, ...files.resultFiles]);
}

function safeRealpath(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}
