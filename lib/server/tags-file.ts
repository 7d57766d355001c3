import "server-only";
import { randomBytes } from "node:crypto";
import { constants, type Stats } from "node:fs";
import { access, open, readFile, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { SrtlogError } from "../errors";
import { describeJsonError } from "../json-members";
import { normaliseTags, withTags } from "../tags";
import { assertWriteTarget } from "./safe-path";

const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 10_000;
/** Edits queued per file inside this process, so they apply one after another. */
const queues = new Map<string, Promise<unknown>>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** A lock file beside the target, shared with other processes (a second dashboard, the CLI). */
export async function withFileLock<T>(file: string, action: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      // "wx" never follows a link planted at the lock's name.
      const handle = await open(lock, "wx");
      await handle.close();
      break;
    } catch (error) {
      if (errno(error) !== "EEXIST") throw error;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > LOCK_STALE_MS) await unlink(lock).catch(() => {});
      else if (Date.now() > deadline) throw new SrtlogError("conflict", `${file} is locked by another edit (${lock}); try again`);
      else await sleep(10 + Math.random() * 20);
    }
  }
  try {
    return await action();
  } finally {
    await unlink(lock).catch(() => {});
  }
}

function refused(file: string, error: unknown): SrtlogError {
  const code = errno(error);
  const why = code === "EACCES" || code === "EPERM" || code === "EROFS" ? "the directory is not writable" : (error as Error).message;
  return new SrtlogError("write_refused", `Cannot save tags to ${file}: ${why}`);
}

function unreadable(file: string, why: string): SrtlogError {
  return new SrtlogError("unreadable", `cannot read ${path.basename(file)}: ${why}`);
}

/** The file's metadata, refusing a file nobody may write (mode bits, so it holds for root too). */
async function writableStat(file: string, shown: string): Promise<Stats> {
  const info = await stat(file);
  const readOnly = (info.mode & 0o222) === 0 || (await access(file, constants.W_OK).then(() => false, () => true));
  if (readOnly) throw new SrtlogError("write_refused", `Cannot save tags to ${shown}: the file is read-only`);
  return info;
}

async function readMetadata(file: string): Promise<{ text: string; tags: string[] }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw unreadable(file, errno(error) === "EACCES" ? "permission denied" : (error as Error).message);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw unreadable(file, `not valid JSON (${describeJsonError(text)})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw unreadable(file, "not a JSON object");
  const current = (value as { tags?: unknown }).tags;
  return { text, tags: Array.isArray(current) ? current.filter((t): t is string => typeof t === "string") : [] };
}

/** Replace `file` atomically with a copy that keeps its mode and, where the process may, its owner. */
async function replaceKeepingMode(file: string, data: string, info: Stats): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(data);
      await handle.chmod(info.mode & 0o7777);
      // Only root may give a file away; anyone else keeps their own (equal) ids or skips this.
      await handle.chown(info.uid, info.gid).catch(() => {});
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}

async function applyEdit(root: string, file: string, edit: (current: string[]) => string[]): Promise<string[]> {
  // Follow links once and check where they end: the lock, the temp file and the rename all happen there.
  const real = assertWriteTarget(root, file);
  // A file we cannot read is reported as such, before asking whether we may write it.
  await access(real, constants.R_OK).catch((error: unknown) => {
    throw unreadable(real, errno(error) === "EACCES" ? "permission denied" : errno(error) === "ENOENT" ? "no such file" : (error as Error).message);
  });
  const info = await writableStat(real, file);
  return withFileLock(real, async () => {
    const { text, tags: current } = await readMetadata(real);
    const tags = normaliseTags(edit(current));
    await replaceKeepingMode(real, withTags(text, tags), info);
    return tags;
  });
}

/**
 * Add and remove tags in one locked read-modify-write, so two people adding different tags both win.
 * The write must land inside `root` (the logs dir) once links are followed, or it is refused.
 */
export function editTagsFile(root: string, file: string, edit: (current: string[]) => string[]): Promise<string[]> {
  const key = path.resolve(file);
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(async () => {
    try {
      return await applyEdit(root, file, edit);
    } catch (error) {
      if (error instanceof SrtlogError) throw error;
      throw refused(file, error);
    }
  });
  queues.set(key, next);
  void next.finally(() => queues.get(key) === next && queues.delete(key)).catch(() => {});
  return next;
}

/** Replace the tags of a `<jobid>.json` atomically (queued behind any edit in flight). */
export function writeTagsFile(root: string, file: string, tags: readonly string[]): Promise<string[]> {
  return editTagsFile(root, file, () => [...tags]);
}
