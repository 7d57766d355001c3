import "server-only";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import path from "node:path";

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

export function stamp(runPath: string, file: string): FileStamp | null {
  try {
    // No exception for an absent file (a legacy run has no config.yaml): 1,000 runs are stamped per page.
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) return null;
    return { rel: path.relative(runPath, file), path: file, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return null;
  }
}

/** `name` in the run dir, else in its `logs/` (srtctl copies metadata and recipe there at the end). */
function findFile(runPath: string, name: string): FileStamp | null {
  return stamp(runPath, path.join(runPath, name)) ?? stamp(runPath, path.join(runPath, "logs", name));
}

function isResultFile(name: string): boolean {
  return /\.jsonl?$/.test(name) && !name.endsWith(".pytorch.json");
}

/** Result dirs of a run: `<run>/<dir>` and `<run>/logs/<dir>`, optionally only those for one ISL/OSL. */
function findResultDirs(runPath: string, isl: number | null, osl: number | null): string[] {
  const dirs: { rel: string; isl: number | null; osl: number | null }[] = [];
  for (const base of ["", "logs"]) {
    for (const dirent of list(path.join(/*turbopackIgnore: true*/ runPath, base))) {
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

/** List the files the loader needs for one run, with sizes and mtimes for cache fingerprints. */
export function scanRunFiles(runPath: string, jobId: string, isl: number | null = null, osl: number | null = null): RunFiles {
  const resultDirs = findResultDirs(runPath, isl, osl);
  const resultFiles: FileStamp[] = [];
  const ignored: string[] = [];
  for (const dir of resultDirs) {
    const names = list(path.join(runPath, dir))
      .filter((dirent) => dirent.isFile())
      .map((dirent) => dirent.name)
      .sort();
    for (const name of names) {
      if (!isResultFile(name)) {
        if (name.endsWith(".json")) ignored.push(`${dir}/${name}`);
        continue;
      }
      const file = stamp(runPath, path.join(runPath, dir, name));
      if (file) resultFiles.push(file);
    }
  }
  return { metadata: findMetadataFile(runPath, jobId), recipe: findRecipeFile(runPath), resultDirs, resultFiles, ignored };
}

/** A short hash of paths, sizes and mtimes: equal means the files are (for our purposes) unchanged. */
export function fingerprintOf(files: (FileStamp | null)[]): string {
  const hash = createHash("sha1");
  for (const file of files) hash.update(file ? `${file.rel}\0${file.size}\0${file.mtimeMs}\n` : "-\n");
  return hash.digest("hex");
}
