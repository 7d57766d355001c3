import "server-only";
import { createHash } from "node:crypto";
import { realpathSync } from "node:fs";
import path from "node:path";
import { isWithin, resolveWriteTarget } from "../safe-path";

/**
 * A dataset is data someone else may have written, so the source paths in its `run_json` are not to be
 * trusted: the dashboard reads (worker logs, configs, result files) and writes (tags, caches) an ingested
 * run's source directory only when it lies, links followed, in a directory this server would serve as a
 * logs dir on its own: under SRTLOG_LOGS_ROOTS, or the configured SRTLOG_LOGS_DIR / LOGS_DIR. (A dir picked
 * in the sidebar's form is a per-browser choice, not the server's, so it does not count here.)
 */
export function sourceRoots(): string[] {
  const roots = (process.env.SRTLOG_LOGS_ROOTS ?? "").split(":").filter(Boolean);
  const configured = process.env.SRTLOG_LOGS_DIR || process.env.LOGS_DIR;
  return [...roots, ...(configured ? [configured] : [])].map((root) => path.resolve(/*turbopackIgnore: true*/ root));
}

function realOrNull(dir: string): string | null {
  try {
    return realpathSync(/*turbopackIgnore: true*/ dir);
  } catch {
    return null;
  }
}

/** The root (real path) an ingested run's source directory lies in, or null when it may not be touched. */
export function sourceRootOf(runPath: string): string | null {
  const roots = sourceRoots();
  // No roots, nothing to resolve: the common case of a dataset served alone (5,000 runs cost ~0.1 s of lstat).
  if (roots.length === 0 || typeof runPath !== "string" || !path.isAbsolute(runPath)) return null;
  let real: string;
  try {
    // Where the directory really is, or would be, once every link on the way is followed.
    real = resolveWriteTarget(runPath);
  } catch {
    return null;
  }
  for (const root of roots) {
    const realRoot = realOrNull(root);
    // The root itself is a logs dir, not a run: a run lies below it.
    if (realRoot && real !== realRoot && isWithin(realRoot, real)) return realRoot;
  }
  return null;
}

/**
 * Where the dashboard looks for the files of a run whose source it may not touch: a path inside the
 * dataset that srtlog never creates, one per run (the node view keys its memo by run path), so every
 * tab treats the source as gone and reads nothing outside the dataset.
 */
export function unreachableSourcePath(dataset: string, runKey: string): string {
  return path.join(dataset, ".no-source", createHash("sha1").update(runKey).digest("hex").slice(0, 16));
}
