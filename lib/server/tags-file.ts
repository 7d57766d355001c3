import "server-only";
import { open, readFile, stat, unlink } from "node:fs/promises";
import { SrtlogError } from "../errors";
import { normaliseTags, withTags } from "../tags";
import { writeFileAtomic } from "./parquet";

const LOCK_STALE_MS = 30_000;
const LOCK_WAIT_MS = 10_000;
/** Edits queued per file inside this process, so they apply one after another. */
const queues = new Map<string, Promise<unknown>>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A lock file beside the target, shared with other processes (a second dashboard, the CLI). */
async function withFileLock<T>(file: string, action: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(lock, "wx");
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
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
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === "EACCES" || code === "EPERM" || code === "EROFS" ? "the directory is not writable" : (error as Error).message;
  return new SrtlogError("write_refused", `Cannot save tags to ${file}: ${why}`);
}

/** Add and remove tags in one locked read-modify-write, so two people adding different tags both win. */
export function editTagsFile(file: string, edit: (current: string[]) => string[]): Promise<string[]> {
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(async () => {
    try {
      return await withFileLock(file, async () => {
        const text = await readFile(file, "utf8");
        const current = (JSON.parse(text) as { tags?: unknown }).tags;
        const tags = normaliseTags(edit(Array.isArray(current) ? current.filter((t): t is string => typeof t === "string") : []));
        await writeFileAtomic(file, withTags(text, tags));
        return tags;
      });
    } catch (error) {
      if (error instanceof SrtlogError) throw error;
      throw refused(file, error);
    }
  });
  queues.set(file, next);
  void next.finally(() => queues.get(file) === next && queues.delete(file)).catch(() => {});
  return next;
}

/** Replace the tags of a `<jobid>.json` atomically (queued behind any edit in flight). */
export function writeTagsFile(file: string, tags: readonly string[]): Promise<string[]> {
  return editTagsFile(file, () => [...tags]);
}
