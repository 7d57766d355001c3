import "server-only";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, unlinkSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { readParquetKv } from "./parquet";
import { checkWriteTarget } from "./safe-path";

/** Per-user cache for runs whose directory we may not write (shared read-only result trees). */
export function userCacheDir(runPath: string): string {
  const base = process.env.SRTLOG_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), ".cache"), "srtlog");
  const key = createHash("sha1").update(path.resolve(runPath)).digest("hex").slice(0, 16);
  return path.join(base, `${path.basename(runPath)}-${key}`);
}

/** Where a run's cache file may live: the run's own `.cache/` (the guide's path) first, then the per-user one. */
export function cacheCandidates(runPath: string, fileName: string): string[] {
  return [path.join(/*turbopackIgnore: true*/ runPath, ".cache", fileName), path.join(userCacheDir(runPath), fileName)];
}

/**
 * The run's own cache path as it really is on disk, or null when following links would take the write
 * outside the logs dir the run sits in (run dirs sit directly in it, see listRunDirs): a `.cache` that
 * links elsewhere is not ours to fill.
 */
function ownCacheTarget(runPath: string, file: string, root = path.dirname(runPath)): string | null {
  const check = checkWriteTarget(root, file);
  return check.ok ? check.real : null;
}

/**
 * Write a cache file with `write(path)`, in `<run>/.cache/` when that works and stays inside the logs
 * dir, else in the per-user cache dir (caches are ours, not the user's data, so a refused place is
 * no error); returns the path written. A stale copy left in the other place is removed so it cannot
 * shadow the fresh one. `root` is the directory the write must stay in: by default the logs dir the run
 * sits in; a logs dir's own cache (the run index) passes the logs dir itself.
 */
export async function writeCacheFile(runPath: string, fileName: string, write: (file: string) => Promise<void>, options: { root?: string } = {}): Promise<string> {
  const [own, fallback] = cacheCandidates(runPath, fileName);
  try {
    const target = ownCacheTarget(runPath, own, options.root);
    if (!target) throw new Error(`${own} leaves the logs directory`);
    // Only `.cache` itself is created: a write queued for a run directory deleted meanwhile must not
    // bring the directory back (it then showed up as a skipped run without <jobid>.json).
    // Sync: a cold load writes one cache per run, and the promise calls' thread-pool round trips cost
    // more than the calls (1,000 runs: ~0.3 s for the unlinks alone, most of them of nothing).
    try {
      mkdirSync(path.dirname(target));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    await write(target);
    try {
      unlinkSync(fallback);
    } catch {
      // No stale per-user copy: the usual case.
    }
    return target;
  } catch {
    await mkdir(path.dirname(fallback), { recursive: true });
    await write(fallback);
    return fallback;
  }
}

/**
 * The first cache file of a run whose footer says it was written by `version` from files with
 * `fingerprint`, with its key-value metadata; null means parse again. A cache file that cannot be
 * read is deleted, so the rebuild replaces it.
 */
export function findValidCache(runPath: string, fileName: string, version: string, fingerprint: string): { file: string; kv: Record<string, string> } | null {
  const [own] = cacheCandidates(runPath, fileName);
  for (const file of cacheCandidates(runPath, fileName)) {
    if (!existsSync(/*turbopackIgnore: true*/ file)) continue;
    try {
      const kv = readParquetKv(file);
      if (kv["srtlog.parser_version"] === version && kv["srtlog.fingerprint"] === fingerprint) return { file, kv };
    } catch {
      // Only delete what is ours to delete: the per-user copy, or one really inside the logs dir.
      // Synchronously: the rebuilt cache is written synchronously next, and an unlink still queued on
      // the thread pool then deleted the new file instead of the broken one.
      if (file !== own || ownCacheTarget(runPath, file)) {
        try {
          unlinkSync(file);
        } catch {
          // Gone already.
        }
      }
    }
  }
  return null;
}
