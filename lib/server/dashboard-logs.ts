import "server-only";
import { accessSync, constants, statSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { defaultLogsDir } from "./logs-dir";

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

/**
 * The logs directory a request asks for (`?logs=`), checked: absolute (a leading `~/` means the home
 * directory), existing, a readable directory, and inside SRTLOG_LOGS_ROOTS when the operator set it.
 * No value means the directory the server was started on.
 */
export function checkLogsDir(requested: string | undefined): LogsDirCheck {
  const fallback = defaultLogsDir();
  const raw = requested?.trim();
  if (!raw) {
    const problem = problemWith(fallback);
    return problem ? { ok: false, dir: fallback, isDefault: true, message: problem } : { ok: true, dir: fallback, isDefault: true };
  }
  const expanded = raw === "~" || raw.startsWith("~/") ? path.join(homedir(), raw.slice(1)) : raw;
  if (!path.isAbsolute(expanded)) {
    return { ok: false, dir: raw, isDefault: false, message: `The logs directory must be an absolute path (starting with /): ${raw}` };
  }
  const dir = path.resolve(/*turbopackIgnore: true*/ expanded);
  const isDefault = dir === fallback;
  const roots = allowedRoots();
  if (!isDefault && roots.length > 0 && !roots.some((root) => isWithin(root, dir))) {
    return { ok: false, dir, isDefault, message: `${dir} is outside the directories this server may read (SRTLOG_LOGS_ROOTS=${roots.join(":")})` };
  }
  const problem = problemWith(dir);
  return problem ? { ok: false, dir, isDefault, message: problem } : { ok: true, dir, isDefault };
}
