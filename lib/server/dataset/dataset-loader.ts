import "server-only";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parquetReadObjects } from "hyparquet";
import type { Run, SkippedRun } from "../../model";
import type { NodeMetrics } from "../../node-metrics";
import { SrtlogError } from "../../errors";
import { toArrayBuffer } from "../parquet";
import { byJobIdDesc } from "../run-loader";
import { editTagsFile } from "../tags-file";
import type { TableName, TableRow } from "./schema";
import { listPartitions, openDataset, partFileFault, partitionEscape, readManifest, readManifestOrFault, type Manifest, type Partition } from "./store";
import { nodesFromRows } from "./tables/node-batches";
import { POINT_READ_COLUMNS, runFromRows } from "./tables/run-rebuild";
import { sourceRootOf, unreachableSourcePath } from "./source-access";
import { editDatasetTags, readTagTable, tagTableStamp } from "./tags";

/** Whether `dir` holds a dataset written by srtlog ingest (rather than run directories). */
export function isDataset(dir: string): boolean {
  return existsSync(path.join(dir, "dataset.json"));
}

/** Rows of partition files, by path: part files are never rewritten under the same name. */
class FileRows {
  private readonly byFile = new Map<string, Promise<TableRow[]>>();

  read(file: string, columns: string[]): Promise<TableRow[]> {
    let rows = this.byFile.get(file);
    if (!rows) {
      rows = readFile(file).then((bytes) => parquetReadObjects({ file: toArrayBuffer(bytes), columns }) as Promise<TableRow[]>);
      rows.catch(() => this.byFile.delete(file));
      this.byFile.set(file, rows);
    }
    return rows;
  }

  /** Forget files no manifest names any more (a re-ingest replaced them). */
  keepOnly(files: Set<string>): void {
    for (const file of this.byFile.keys()) if (!files.has(file)) this.byFile.delete(file);
  }

  clear(): void {
    this.byFile.clear();
  }
}

interface Part {
  partition: Partition;
  manifest: Manifest;
  file: string;
}

/** Whole partitions of a table, by `cluster/month`; faulty ones go to `faults`. */
function wholeParts(dataset: string, table: TableName, faults: SkippedRun[]): Map<string, Part> {
  const parts = new Map<string, Part>();
  for (const partition of listPartitions(dataset, table)) {
    const where = path.relative(dataset, partition.dir);
    // Links are looked at before the manifest is read: a link out of the dataset is not followed at all.
    const escape = partitionEscape(dataset, partition, null);
    const read = escape ? null : readManifestOrFault(partition);
    const manifest = read?.manifest ?? null;
    if (!escape && !read?.fault && !manifest?.file) continue;
    // Size and closing "PAR1" only: this runs on every request, and a file that cannot be decoded is
    // caught when the runs are rebuilt from it (parsing 70 footers was most of a warm page's dataset time).
    const fault = escape ?? read?.fault ?? partitionEscape(dataset, partition, manifest) ?? partFileFault(partition, manifest!, false);
    if (fault) faults.push({ runDir: where, reason: `${fault}; its runs are missing until the next srtlog ingest rewrites it` });
    else parts.set(`${partition.cluster}/${partition.month}`, { partition, manifest: manifest!, file: path.join(partition.dir, manifest!.file!) });
  }
  return parts;
}

/**
 * The dashboard's runs from an ingested dataset: each rebuilt from its `runs` and `points` rows, with
 * tags edited in the dataset's tag table applied. Same face as RunLoader for the dashboard's uses.
 */
export class DatasetLoader {
  /** The dataset directory (named as RunLoader's, since the dashboard treats both alike). */
  readonly logsDir: string;
  private memo: { stamp: string; result: Promise<{ runs: Run[]; skipped: SkippedRun[] }> } | null = null;
  private readonly files = new FileRows();

  constructor(dataset: string) {
    this.logsDir = path.resolve(dataset);
  }

  async loadAllWithSkipped(): Promise<{ runs: Run[]; skipped: SkippedRun[] }> {
    await openDataset(this.logsDir, false);
    const faults: SkippedRun[] = [];
    const runs = wholeParts(this.logsDir, "runs", faults);
    const points = wholeParts(this.logsDir, "points", faults);
    const stamp = [...runs.values(), ...points.values()].map((part) => part.file).join("\n") + `\n${tagTableStamp(this.logsDir)}`;
    if (this.memo?.stamp !== stamp) {
      this.files.keepOnly(new Set([...runs.values(), ...points.values()].map((part) => part.file)));
      const result = this.build(runs, points, faults);
      result.catch(() => (this.memo = null));
      this.memo = { stamp, result };
    }
    return this.memo.result;
  }

  private async build(runParts: Map<string, Part>, pointParts: Map<string, Part>, faults: SkippedRun[]): Promise<{ runs: Run[]; skipped: SkippedRun[] }> {
    const skipped = [...faults];
    const tags = readTagTable(this.logsDir, (message) => skipped.push({ runDir: "tags", reason: message }));
    const runs: Run[] = [];
    for (const [where, part] of runParts) {
      const pointPart = pointParts.get(where);
      // A file that cannot be decoded costs its partition's runs (all of them: runs without their points would mislead).
      const pointRows = pointPart ? await this.rowsOf(pointPart, POINT_READ_COLUMNS, skipped) : [];
      const runRows = pointRows && (await this.rowsOf(part, ["run_key", "run_json"], skipped));
      if (!pointRows || !runRows) continue;
      const byKey = new Map<string, TableRow[]>();
      for (const row of pointRows) {
        const key = String(row.run_key);
        (byKey.get(key) ?? byKey.set(key, []).get(key)!).push(row);
      }
      for (const row of runRows) {
        const runKey = String(row.run_key);
        const origin = { dataset: this.logsDir, runKey, cluster: part.partition.cluster, month: part.partition.month };
        const placeSource = (runPath: string) => (sourceRootOf(runPath) ? runPath : unreachableSourcePath(this.logsDir, runKey));
        const rebuilt = runFromRows(row, byKey.get(runKey) ?? [], origin, placeSource);
        if (!rebuilt.ok) skipped.push({ runDir: runKey, reason: rebuilt.reason });
        else runs.push(withTags(rebuilt.run, tags.runs[runKey]?.tags));
      }
    }
    return { runs: runs.sort(byJobIdDesc), skipped };
  }

  /** A partition file's rows, or null (said in `skipped`) when it cannot be decoded. */
  private async rowsOf(part: Part, columns: string[], skipped: SkippedRun[]): Promise<TableRow[] | null> {
    try {
      return await this.files.read(part.file, columns);
    } catch (error) {
      const reason = `cannot read ${part.file}: ${(error as Error).message}; its runs are missing until the next srtlog ingest rewrites it`;
      skipped.push({ runDir: path.relative(this.logsDir, part.partition.dir), reason });
      return null;
    }
  }

  async loadAll(): Promise<Run[]> {
    return (await this.loadAllWithSkipped()).runs;
  }

  async loadSingle(runDir: string): Promise<Run | null> {
    return (await this.loadAll()).find((run) => run.runDir === runDir) ?? null;
  }

  async hasRun(runDir: string): Promise<boolean> {
    return (await this.loadSingle(runDir)) !== null;
  }

  /**
   * Edit an ingested run's tags: always in the dataset's tag table, and in the run's `<jobid>.json`
   * when its source directory is still there (the tag-file path with its checks; a refusal there is
   * logged, not fatal, since the dataset holds the edit).
   */
  async editTags(runDir: string, change: { add?: readonly string[]; remove?: readonly string[] }): Promise<string[]> {
    const run = await this.loadSingle(runDir);
    if (!run?.origin) throw new SrtlogError("not_found", `no run ${runDir} in ${this.logsDir}`);
    const remove = new Set(change.remove ?? []);
    const edit = (current: string[]) => [...current.filter((tag) => !remove.has(tag)), ...(change.add ?? [])];
    const tags = await editDatasetTags(this.logsDir, run.origin.runKey, run.metadata.tags, edit);
    await this.writeBackTags(run, edit);
    this.memo = null;
    return tags;
  }

  /** The tag edit in the run's source `<jobid>.json` too, when this server may write it; else logged. */
  private async writeBackTags(run: Run, edit: (current: string[]) => string[]): Promise<void> {
    const source = path.join(run.origin!.source ?? run.runPath, run.metadataFile);
    const root = sourceWritable(run);
    // Not even a look at a path this server may not touch.
    if (!root || !existsSync(source)) return;
    await editTagsFile(root, source, edit).catch((error: unknown) => console.error(`srtlog: tags of ${run.origin!.runKey} saved in the dataset, not in ${source}: ${(error as Error).message}`));
  }

  clear(): void {
    this.memo = null;
    this.files.clear();
  }
}

/**
 * The root a tag edit may write the run's source `<jobid>.json` in, or null. The path comes from the
 * dataset's rows, so it must name a `<jobid>.json` in the run directory or its logs/, and that directory must
 * be one the server may touch (see source-access.ts): a crafted dataset cannot aim the write elsewhere.
 * The write itself checks again, links followed, that it lands inside that root.
 */
function sourceWritable(run: Run): string | null {
  if (!/^[\w.-]+$/.test(run.jobId) || run.jobId.startsWith(".")) return null;
  // Where srt-slurm writes it: the run directory, or its logs/ in the current layout.
  if (run.metadataFile !== `${run.jobId}.json` && run.metadataFile !== path.join("logs", `${run.jobId}.json`)) return null;
  if (run.runPath !== run.origin?.source) return null;
  return sourceRootOf(run.runPath);
}

function withTags(run: Run, tags: string[] | undefined): Run {
  return tags ? { ...run, metadata: { ...run.metadata, tags } } : run;
}

/** Rows `start`..`end` of a Parquet file (only the row groups they lie in are decoded); not kept in memory here. */
async function readRange(file: string, rowStart: number, rowEnd: number): Promise<TableRow[]> {
  return (await parquetReadObjects({ file: toArrayBuffer(await readFile(file)), rowStart, rowEnd })) as TableRow[];
}

/**
 * An ingested run's worker batches from `node_batches`, for when its source logs are gone: the
 * fingerprint they were ingested with, and a reader. Null when the run has no rows there. A run's rows
 * are contiguous, in manifest order (ingest writes them so), so only its range is read; should they
 * not be, the whole file is filtered instead.
 */
export function datasetNodeSource(origin: NonNullable<Run["origin"]>): { fingerprint: string; load: () => Promise<NodeMetrics[]> } | null {
  const partition = listPartitions(origin.dataset, "node_batches", origin.cluster).find((p) => p.month === origin.month);
  if (!partition || partitionEscape(origin.dataset, partition, null)) return null;
  const manifest = readManifest(partition);
  const entry = manifest?.runs[origin.runKey];
  if (!manifest?.file || !entry || entry.rows === 0 || partitionEscape(origin.dataset, partition, manifest) || partFileFault(partition, manifest)) return null;
  const file = path.join(partition.dir, manifest.file);
  const keys = Object.keys(manifest.runs);
  const start = keys.slice(0, keys.indexOf(origin.runKey)).reduce((n, key) => n + manifest.runs[key].rows, 0);
  const load = async () => {
    const rows = await readRange(file, start, start + entry.rows);
    const mine = rows.every((row) => row.run_key === origin.runKey) ? rows : (await readRange(file, 0, manifest.rows)).filter((row) => row.run_key === origin.runKey);
    return nodesFromRows(mine);
  };
  return { fingerprint: `dataset:${manifest.file}:${entry.fingerprint}`, load };
}
