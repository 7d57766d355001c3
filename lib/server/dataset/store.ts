import "server-only";
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from "node:fs";
import { mkdir, readFile, unlink } from "node:fs/promises";
import path from "node:path";
import { parquetReadObjects } from "hyparquet";
import { SrtlogError } from "../../errors";
import { describeJsonError } from "../../json-members";
import { isWithin } from "../safe-path";
import { readParquetKv, toArrayBuffer, writeFileAtomic, writeParquet, type ParquetColumn } from "../parquet";
import { DATASET_SCHEMA_VERSION, TABLE_COLUMNS, TABLES, toColumns, type TableName, type TableRow } from "./schema";

/**
 * On disk: `<dataset>/dataset.json`, and per table and partition `<table>/cluster=<c>/month=<m>/` holding
 * one `part-<hash>.parquet` and `_manifest.json`, which names that file and, per run, the fingerprint of
 * what was ingested. The manifest is renamed into place after the file it names, so a reader that goes
 * by manifests sees the old partition or the new one, never half of one.
 */
export interface Manifest {
  schemaVersion: number;
  table: TableName;
  cluster: string;
  month: string;
  /** File name inside the partition directory; null when the partition is empty. */
  file: string | null;
  /** Bytes of that file: a shorter file was cut off (a killed writer, a partial copy). */
  bytes: number;
  rows: number;
  runs: Record<string, { fingerprint: string; rows: number }>;
}

export interface Partition {
  table: TableName;
  cluster: string;
  month: string;
  dir: string;
}

const DATASET_FILE = "dataset.json";
/** Leading "_": Spark, pyarrow and Hive skip such files when they discover a partitioned table. */
export const MANIFEST_FILE = "_manifest.json";

function newerVersion(found: unknown, where: string): void {
  if (typeof found === "number" && found > DATASET_SCHEMA_VERSION) {
    throw new SrtlogError(
      "bad_input",
      `${where} was written by dataset schema version ${found}; this srtlog reads and writes version ${DATASET_SCHEMA_VERSION}. Upgrade srtlog to read it.`,
    );
  }
}

/** Refuse a dataset of a newer schema; create `dataset.json` when `create` and the dataset is new. */
export async function openDataset(dir: string, create: boolean): Promise<void> {
  const file = path.join(dir, DATASET_FILE);
  if (!existsSync(file)) {
    if (!create) {
      if (!existsSync(dir)) throw new SrtlogError("bad_input", `dataset ${dir} does not exist`);
      throw new SrtlogError("bad_input", `${dir} is not a srtlog dataset (no ${DATASET_FILE}); write one with srtlog ingest`);
    }
    await mkdir(dir, { recursive: true });
    return writeDatasetDoc(file);
  }
  const doc = readDatasetDoc(file);
  newerVersion(doc.schemaVersion, `dataset ${dir}`);
  // A dataset written by an older version, or before a table was added, gets the current schema doc with
  // this ingest (its runs are re-read: their fingerprints name the version).
  if (create && (doc.schemaVersion !== DATASET_SCHEMA_VERSION || JSON.stringify(doc.tables) !== JSON.stringify(tableDocs()))) await writeDatasetDoc(file);
}

/** `dataset.json`, or a clear refusal: the dataset may be someone else's, and the message quotes none of its text. */
function readDatasetDoc(file: string): { schemaVersion?: unknown; tables?: unknown } {
  const text = readFileSync(file, "utf8");
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new SrtlogError("bad_input", `${file} is not valid JSON (${describeJsonError(text)})`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new SrtlogError("bad_input", `${file} is not a srtlog dataset description (not a JSON object)`);
  return doc;
}

const tableDocs = () => Object.fromEntries(TABLES.map((table) => [table, TABLE_COLUMNS[table]]));

/** The schema travels with the data, for readers that are not srtlog (DuckDB CLI, pandas, Spark). */
async function writeDatasetDoc(file: string): Promise<void> {
  const doc = { format: "srtlog-dataset", schemaVersion: DATASET_SCHEMA_VERSION, partitioning: ["cluster", "month"], tables: tableDocs() };
  await writeFileAtomic(file, JSON.stringify(doc, null, 1) + "\n");
}

function subdirs(dir: string, key: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.startsWith(`${key}=`))
    .map((entry) => entry.name.slice(key.length + 1))
    .sort();
}

/** Every partition directory of a table (optionally of one cluster). */
export function listPartitions(dataset: string, table: TableName, cluster?: string): Partition[] {
  const root = path.join(dataset, table);
  const clusters = cluster === undefined ? subdirs(root, "cluster") : [cluster];
  return clusters.flatMap((c) =>
    subdirs(path.join(root, `cluster=${c}`), "month").map((month) => ({ table, cluster: c, month, dir: partitionDir(dataset, table, c, month) })),
  );
}

export function partitionDir(dataset: string, table: TableName, cluster: string, month: string): string {
  return path.join(dataset, table, `cluster=${cluster}`, `month=${month}`);
}

/** The partition's manifest, null when it has none or it cannot be read; a manifest of a newer schema is refused. */
export function readManifest(partition: Partition): Manifest | null {
  return readManifestOrFault(partition).manifest;
}

function isManifest(value: unknown): value is Manifest {
  const m = value as Manifest;
  return typeof m === "object" && m !== null && !Array.isArray(m) && (m.file === null || typeof m.file === "string") &&
    typeof m.bytes === "number" && typeof m.rows === "number" && typeof m.runs === "object" && m.runs !== null && !Array.isArray(m.runs);
}

/**
 * The partition's manifest, or why it cannot be used (someone else's dataset may hold anything there):
 * `{ manifest: null, fault: null }` when there is none.
 */
export function readManifestOrFault(partition: Partition): { manifest: Manifest | null; fault: string | null } {
  const file = path.join(partition.dir, MANIFEST_FILE);
  if (!existsSync(file)) return { manifest: null, fault: null };
  let text: string;
  let value: unknown;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return { manifest: null, fault: `cannot read ${file}: ${(error as Error).message}` };
  }
  try {
    value = JSON.parse(text);
  } catch {
    return { manifest: null, fault: `${file} is not valid JSON (${describeJsonError(text)})` };
  }
  newerVersion((value as Manifest | null)?.schemaVersion, file);
  return isManifest(value) ? { manifest: value, fault: null } : { manifest: null, fault: `${file} is not a partition manifest` };
}

/** Whether `file`, links followed, lies outside the dataset (a missing file does not: it is a fault of its own). */
function leavesDataset(dataset: string, file: string): boolean {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return false;
  }
  return !isWithin(realpathSync(dataset), real);
}

/**
 * Why the dashboard may not read a partition of a dataset it serves (someone else may have written it),
 * or null: its directory, manifest or file leads out of the dataset through a link, or the manifest
 * names a file that is not a plain name in the partition (`../..`, an absolute path).
 */
export function partitionEscape(dataset: string, partition: Partition, manifest: Manifest | null): string | null {
  const where = path.join(partition.dir, MANIFEST_FILE);
  if (manifest?.file != null && (typeof manifest.file !== "string" || !/^[\w.-]+$/.test(manifest.file) || /^\.\.?$/.test(manifest.file))) {
    return `${where} names ${JSON.stringify(manifest.file)}, not a file of its partition: not read`;
  }
  for (const file of [partition.dir, where, ...(manifest?.file ? [path.join(partition.dir, manifest.file)] : [])]) {
    if (leavesDataset(dataset, file)) return `${file} is a link out of the dataset ${dataset}: not read`;
  }
  return null;
}

/**
 * Why the manifest's file cannot be read as it was written, or null when it looks whole. `deep` (ingest,
 * which rewrites what it finds broken) parses the footer; a query only checks the size and the closing
 * "PAR1", since parsing footers in JavaScript was a fifth of a query's own time (DuckDB parses them anyway).
 */
export function partFileFault(partition: Partition, manifest: Manifest, deep = true): string | null {
  if (!manifest.file) return null;
  const file = path.join(partition.dir, manifest.file);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return `${file} is missing`;
  }
  if (size !== manifest.bytes) return `${file} has ${size} bytes, its manifest says ${manifest.bytes} (truncated?)`;
  try {
    if (deep) readParquetKv(file);
    else if (!endsWithMagic(file, size)) throw new Error("it does not end with PAR1");
  } catch (error) {
    return `${file} has no readable Parquet footer (${(error as Error).message})`;
  }
  return null;
}

function endsWithMagic(file: string, size: number): boolean {
  const fd = openSync(file, "r");
  try {
    const tail = Buffer.alloc(4);
    readSync(fd, tail, 0, 4, Math.max(0, size - 4));
    return tail.toString("latin1") === "PAR1";
  } finally {
    closeSync(fd);
  }
}

/** Every row of a partition's file. */
export async function readPartRows(partition: Partition, manifest: Manifest): Promise<TableRow[]> {
  if (!manifest.file) return [];
  const bytes = await readFile(path.join(partition.dir, manifest.file));
  return (await parquetReadObjects({ file: toArrayBuffer(bytes) })) as TableRow[];
}

/**
 * Replace a partition with `rows`: the new file under a new name, then the manifest that names it, then
 * the old file goes. Readers going by manifests never see a mix.
 */
export async function writePartition(partition: Partition, rows: TableRow[], runs: Manifest["runs"], old: Manifest | null): Promise<void> {
  await writePartitionColumns(partition, toColumns(partition.table, rows), rows.length, runs, old);
}

/** writePartition for data already in columns (node_batches: millions of rows are cheaper as columns than as objects). */
export async function writePartitionColumns(partition: Partition, columns: ParquetColumn[], rowCount: number, runs: Manifest["runs"], old: Manifest | null): Promise<void> {
  await mkdir(partition.dir, { recursive: true });
  let file: string | null = null;
  let bytes = 0;
  if (rowCount > 0) {
    const hash = createHash("sha1").update(JSON.stringify(runs)).update(String(Date.now())).digest("hex").slice(0, 16);
    file = `part-${hash}.parquet`;
    await writeParquet(path.join(partition.dir, file), columns, { "srtlog.dataset_schema": String(DATASET_SCHEMA_VERSION) });
    bytes = statSync(path.join(partition.dir, file)).size;
  }
  const manifest: Manifest = {
    schemaVersion: DATASET_SCHEMA_VERSION, table: partition.table, cluster: partition.cluster, month: partition.month,
    file, bytes, rows: rowCount, runs,
  };
  await writeFileAtomic(path.join(partition.dir, MANIFEST_FILE), JSON.stringify(manifest, null, 1) + "\n");
  if (old?.file && old.file !== file) await unlink(path.join(partition.dir, old.file)).catch(() => {});
}

/** Files a reader should open for a table: each whole partition file; faults go to `warn`. */
export function readableFiles(dataset: string, table: TableName, warn: (message: string) => void): string[] {
  const files: string[] = [];
  for (const partition of listPartitions(dataset, table)) {
    const manifest = readManifest(partition);
    if (!manifest?.file) continue;
    const fault = partFileFault(partition, manifest, false);
    if (fault) warn(`skipped ${fault}; the next srtlog ingest rewrites it`);
    else files.push(path.join(partition.dir, manifest.file));
  }
  return files;
}
