import "server-only";
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { SrtlogError } from "../../errors";

const LOCK_FILE = ".ingest.lock";

function holderAlive(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return true; // Gone already: look again rather than break a lock we cannot read.
  }
  // Empty: its holder is between creating and writing it.
  if (text === "") return true;
  const pid = Number(text.split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function tryLock(file: string): boolean {
  try {
    const fd = openSync(file, "wx");
    writeSync(fd, `${process.pid}\n${new Date().toISOString()}\n`);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return false;
  }
}

/**
 * One ingest at a time per dataset: a lock file created with O_EXCL. A second ingest waits for it (a
 * lock left by a process that died is broken), so two ingests at once both land, one after the other.
 */
export async function withIngestLock<T>(dataset: string, waitMs: number, onWait: (holder: string) => void, fn: () => Promise<T>): Promise<T> {
  const file = path.join(dataset, LOCK_FILE);
  const deadline = Date.now() + waitMs;
  let told = false;
  while (!tryLock(file)) {
    if (!holderAlive(file)) {
      // A dead holder's lock: remove it and race for a fresh one (O_EXCL picks one winner).
      try {
        unlinkSync(file);
      } catch {}
      continue;
    }
    if (Date.now() > deadline) throw new SrtlogError("bad_input", `another ingest holds ${file}; gave up after ${waitMs / 1000} s`);
    if (!told) onWait(readFileSync(file, "utf8").split("\n")[0]);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(file);
    } catch {}
  }
}
