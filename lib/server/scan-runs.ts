import "server-only";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import { listingSettled } from "./dir-listing";

/** A directory of the logs dir that names a run: it starts with a numeric Slurm job id. */
export interface RunDirEntry {
  jobId: string;
  /** Name relative to the logs dir. */
  name: string;
  path: string;
}

export interface FileStamp {
  /** Relative to the run directory. */
  rel: string;
  path: string;
  size: number;
  mtimeMs: number;
}

/** Everything a run directory holds that the loader reads. */
export interface RunFiles {
  metadata: FileStamp | null;
  recipe: FileStamp | null;
  /** Result directories that were searched, relative to the run dir. */
  resultDirs: string[];
  resultFiles: FileStamp[];
  /** Files in result dirs that are not results (e.g. `*.pytorch.json`). */
  ignored: string[];
  /**
   * Every directory listed to find the above ("" is the run dir), with its mtime taken before the
   * listing, and when the listing was made: while no mtime moves, the listings are the same and only
   * the files need a stat (see revalidateRunFiles).
   */
  dirs: { rel: string; mtimeMs: number }[];
  listedAtMs: number;
}

const RUN_DIR = /^(\d+)(?:_|$)/;
/** `sa-bench_isl_1024_osl_1024`, `vllm_isl_…`, `sglang_isl_…`, `sa-bench_custom_<label>`. */
const RESULT_DIR = /^([A-Za-z0-9.-]+)_(?:isl_(\d+)_osl_(\d+)|custom_.+)$/;
export const RESULT_DIR_PATTERNS = "<profiler>_isl_<I>_osl_<O>/ or <profiler>_custom_<label>/";

function list(dir: string): Dirent[] {
  // A thrown ENOENT costs more than the listing: runs without `logs/` are common, and a page stamps every run.
  if (!existsSync(dir)) return [];
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** The mtime of a directory (links followed), or null when it is not one. */
function dirMtime(dir: string): number | null {
  try {
    const stat = statSync(dir, { throwIfNoEntry: false });
    return stat?.isDirectory() ? stat.mtimeMs : null;
  } catch {
    return null;
  }
}

/** Stands for a directory that was named but not there (a `logs` link to a missing target). */
const ABSENT_MTIME = -1;

/** A directory's listing, with its mtime taken first (a change during the listing then shows next time). */
function listStamped(runPath: string, rel: string, dirs: RunFiles["dirs"]): Dirent[] {
  const dir = rel ? path.join(runPath, rel) : runPath;
  const mtimeMs = dirMtime(dir);
  // Kept even when absent: a `logs` link whose target appears later (a mount back) changes nothing in
  // the run dir, so only its own stat can tell the listing is out of date.
  dirs.push({ rel, mtimeMs: mtimeMs ?? ABSENT_MTIME });
  if (mtimeMs === null) return [];
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

/** Directories directly in `logsDir` that are runs; symlinks count only when they stay inside. */
export function listRunDirs(logsDir: string): RunDirEntry[] {
  const root = realpathSync(logsDir);
  const seen = new Set<string>();
  const entries: RunDirEntry[] = [];
  for (const dirent of list(root)) {
    const match = RUN_DIR.exec(dirent.name);
    if (!match) continue;
    const full = path.join(root, dirent.name);
    let real = full;
    if (dirent.isSymbolicLink()) {
      try {
        real = realpathSync(full);
      } catch {
        continue;
      }
      if (!isInside(root, real) || !statSync(real).isDirectory()) continue;
    } else if (!dirent.isDirectory()) continue;
    if (seen.has(real)) continue;
    seen.add(real);
    entries.push({ jobId: match[1], name: dirent.name, path: full });
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name));
}

/** Size and mtime of `<runPath>/<rel>`; null when it is not a regular file. */
export function stamp(runPath: string, rel: string): FileStamp | null {
  const file = `${runPath}/${rel}`;
  try {
    // No exception for an absent file (a legacy run has no config.yaml): 1,000 runs are stamped per page.
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) return null;
    return { rel, path: file, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return null;
  }
}

/** `name` in the run dir, else in its `logs/` (srtctl copies metadata and recipe there at the end). */
function findFile(runPath: string, name: string): FileStamp | null {
  return stamp(runPath, name) ?? stamp(runPath, `logs/${name}`);
}

/** The same, from listings already made: only names that are there are stat'ed. */
function findListed(runPath: string, name: string, top: Set<string>, logs: Set<string>): FileStamp | null {
  return (top.has(name) ? stamp(runPath, name) : null) ?? (logs.has(name) ? stamp(runPath, `logs/${name}`) : null);
}

function isResultFile(name: string): boolean {
  return /\.jsonl?$/.test(name) && !name.endsWith(".pytorch.json");
}

/** Result dirs of a run: `<run>/<dir>` and `<run>/logs/<dir>`, optionally only those for one ISL/OSL. */
function findResultDirs(listings: { base: string; dirents: Dirent[] }[], isl: number | null, osl: number | null): string[] {
  const dirs: { rel: string; isl: number | null; osl: number | null }[] = [];
  for (const { base, dirents } of listings) {
    for (const dirent of dirents) {
      const match = RESULT_DIR.exec(dirent.name);
      if (!match || !dirent.isDirectory()) continue;
      const rel = base ? `${base}/${dirent.name}` : dirent.name;
      dirs.push({ rel, isl: match[2] ? Number(match[2]) : null, osl: match[3] ? Number(match[3]) : null });
    }
  }
  const matching = dirs.filter((dir) => isl !== null && dir.isl === isl && dir.osl === osl);
  return (matching.length > 0 ? matching : dirs).map((dir) => dir.rel);
}

/** Find the metadata file of a run (`<jobid>.json`), in the run dir or its `logs/`. */
export function findMetadataFile(runPath: string, jobId: string): FileStamp | null {
  return findFile(runPath, `${jobId}.json`);
}

/** The run's recipe copy, `config.yaml`, in the run dir or its `logs/`. */
export function findRecipeFile(runPath: string): FileStamp | null {
  return findFile(runPath, "config.yaml");
}

const names = (dirents: Dirent[]) => new Set(dirents.map((dirent) => dirent.name));

/**
 * List the files the loader needs for one run, with sizes and mtimes for cache fingerprints. Each
 * directory is listed once and only files seen in a listing are stat'ed: a warm 1,000-run start does
 * this for every run, so failed stats and repeated listings were most of its time.
 */
export function scanRunFiles(runPath: string, jobId: string, isl: number | null = null, osl: number | null = null): RunFiles {
  const listedAtMs = Date.now();
  const dirs: RunFiles["dirs"] = [];
  const top = listStamped(runPath, "", dirs);
  const hasLogs = top.some((dirent) => dirent.name === "logs" && (dirent.isDirectory() || dirent.isSymbolicLink()));
  const logs = hasLogs ? listStamped(runPath, "logs", dirs) : [];
  const resultDirs = findResultDirs([{ base: "", dirents: top }, { base: "logs", dirents: logs }], isl, osl);
  const resultFiles: FileStamp[] = [];
  const ignored: string[] = [];
  for (const dir of resultDirs) {
    const fileNames = listStamped(runPath, dir, dirs)
      .filter((dirent) => dirent.isFile())
      .map((dirent) => dirent.name)
      .sort();
    for (const name of fileNames) {
      if (!isResultFile(name)) {
        if (name.endsWith(".json")) ignored.push(`${dir}/${name}`);
        continue;
      }
      const file = stamp(runPath, `${dir}/${name}`);
      if (file) resultFiles.push(file);
    }
  }
  const topNames = names(top);
  const logNames = names(logs);
  return {
    metadata: findListed(runPath, `${jobId}.json`, topNames, logNames),
    recipe: findListed(runPath, "config.yaml", topNames, logNames),
    resultDirs,
    resultFiles,
    ignored,
    dirs,
    listedAtMs,
  };
}

/** Whether the listing behind `files` can stand for the directories while their mtimes stay put. */
export function runListingSettled(files: RunFiles): boolean {
  return Array.isArray(files.dirs) && typeof files.listedAtMs === "number" && files.dirs.every((dir) => listingSettled(dir.mtimeMs, files.listedAtMs));
}

/**
 * `files` with fresh sizes and mtimes when none of the directories they were found in changed since
 * (same mtime, and that mtime well before the listing), else null: scan again. A file added, removed
 * or renamed changes its directory's mtime (locally, on NFS and on Lustre alike), so a warm page stats
 * each run's 3 or 4 directories and its files instead of listing them again.
 */
export function revalidateRunFiles(runPath: string, files: RunFiles): RunFiles | null {
  if (!runListingSettled(files)) return null;
  for (const dir of files.dirs) {
    if ((dirMtime(dir.rel ? path.join(runPath, dir.rel) : runPath) ?? ABSENT_MTIME) !== dir.mtimeMs) return null;
  }
  const again = (file: FileStamp | null): FileStamp | null | undefined => (file ? (stamp(runPath, file.rel) ?? undefined) : null);
  const metadata = again(files.metadata);
  const recipe = again(files.recipe);
  const resultFiles: FileStamp[] = [];
  for (const file of files.resultFiles) {
    const now = stamp(runPath, file.rel);
    // Gone (or no longer a file) with no directory change: something odd; scan again.
    if (!now) return null;
    resultFiles.push(now);
  }
  if (metadata === undefined || recipe === undefined) return null;
  return { ...files, metadata, recipe, resultFiles };
}

/** A short hash of paths, sizes and mtimes: equal means the files are (for our purposes) unchanged. */
export function fingerprintOf(files: (FileStamp | null)[]): string {
  const hash = createHash("sha1");
  for (const file of files) hash.update(file ? `${file.rel}\0${file.size}\0${file.mtimeMs}\n` : "-\n");
  return hash.digest("hex");
}
