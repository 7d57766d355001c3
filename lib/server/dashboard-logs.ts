import "server-only";
import { accessSync, constants, realpathSync, statSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { isDataset } from "./dataset/dataset-loader";
import { configuredDataset, defaultLogsDir } from "./logs-dir";

export type LogsDirCheck = { ok: true; dir: string; isDefault: boolean } | { ok: false; dir: string; isDefault: boolean; message: string };

/** Optional operator limit: `SRTLOG_LOGS_ROOTS=/data:/scratch` lets the URL name only dirs inside these. */
function allowedRoots(): string[] {
  return (process.env.SRTLOG_LOGS_ROOTS ?? "").split(":").filter(Boolean).map((root) => path.resolve(/*turbopackIgnore: true*/ root));
}

function isWithin(root: string, dir: string): boolean {
  const rel = path.relative(root, dir);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

function problemWith(dir: string): string | null {
  let stat;
  try {
    stat = statSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "EACCES" ? `Cannot read logs directory ${dir}: permission denied` : `Logs directory not found: ${dir}`;
  }
  if (!stat.isDirectory()) return `Not a directory: ${dir}`;
  try {
    accessSync(dir, constants.R_OK | constants.X_OK);
  } catch {
    return `Cannot read logs directory ${dir}: permission denied`;
  }
  return null;
}

function realOrSelf(dir: string): string {
  try {
    return realpathSync(/*turbopackIgnore: true*/ dir);
  } catch {
    return dir;
  }
}

/** Why a dir other than the served one may not be opened, or null when it may. */
function accessProblem(dir: string, picked: readonly string[]): string | null {
  if (dir === configuredDataset()) return null;
  const roots = allowedRoots();
  if (roots.length > 0) {
    // Compare real paths, so a link under a root cannot lead outside it.
    const real = realOrSelf(dir);
    return roots.some((root) => isWithin(realOrSelf(root), real)) ? null : `${dir} is outside the directories this server may read (SRTLOG_LOGS_ROOTS=${roots.join(":")})`;
  }
  // A dataset gathers many clusters' runs: only the configured one, or one under SRTLOG_LOGS_ROOTS.
  if (isDataset(dir)) return `${dir} is a dataset this server was not started on: set SRTLOG_DATASET to it, or SRTLOG_LOGS_ROOTS covering it`;
  if (picked.some((p) => path.resolve(/*turbopackIgnore: true*/ p) === dir)) return null;
  return `${dir} was not opened from this dashboard: enter it under "Logs Directory Path" (a link cannot open another logs directory), or start the server with SRTLOG_LOGS_ROOTS covering it`;
}

/** An absolute path for what the user typed (a leading `~/` means the home directory); null if relative. */
export function resolveLogsDir(raw: string): string | null {
  const expanded = raw === "~" || raw.startsWith("~/") ? path.join(homedir(), raw.slice(1)) : raw;
  return path.isAbsolute(expanded) ? path.resolve(/*turbopackIgnore: true*/ expanded) : null;
}

/**
 * The logs directory a request asks for (`?logs=`), checked: absolute (a leading `~/` means the home
 * directory), existing, a readable directory, and allowed. The directory the server was started on is
 * always allowed; another one only when it lies under SRTLOG_LOGS_ROOTS (when the operator set it, that
 * is the whole list) or, without SRTLOG_LOGS_ROOTS, when the user picked it in the dashboard's own form
 * (`picked`, from a signed SameSite=Strict cookie), so a cross-site link cannot make us scan or write it.
 */
export function checkLogsDir(requested: string | undefined, picked: readonly string[] = []): LogsDirCheck {
  const fallback = defaultLogsDir();
  const raw = requested?.trim();
  if (!raw) {
    const problem = problemWith(fallback);
    return problem ? { ok: false, dir: fallback, isDefault: true, message: problem } : { ok: true, dir: fallback, isDefault: true };
  }
  const dir = resolveLogsDir(raw);
  if (!dir) return { ok: false, dir: raw, isDefault: false, message: `The logs directory must be an absolute path (starting with /): ${raw}` };
  const isDefault = dir === fallback;
  // Looking whether a path exists reads nothing in it; scanning waits for the access rule below.
  const problem = problemWith(dir) ?? (isDefault ? null : accessProblem(dir, picked));
  return problem ? { ok: false, dir, isDefault, message: problem } : { ok: true, dir, isDefault };
}
