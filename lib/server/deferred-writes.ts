import "server-only";

/**
 * Cache writes a page need not wait for. A fresh dashboard's first page parses every run; writing
 * each run's Parquet cache on the way took about half of that load's CPU (1,000 runs, measured), so
 * the server queues the writes and runs them one at a time once loading has been quiet for QUIET_MS:
 * long enough for the browser to draw that first page (on a 2-core machine 1,000 runs' writes, ~2 s
 * of CPU, started 0.5 s after loading competed with it for the processor).
 * A write that fails costs a re-parse after a restart, never the page.
 */
export const QUIET_MS = 2000;

const queue: (() => Promise<unknown>)[] = [];
let timer: NodeJS.Timeout | null = null;
let draining: Promise<void> | null = null;

async function drainQueue(): Promise<void> {
  while (queue.length > 0) {
    const write = queue.shift() as () => Promise<unknown>;
    await write().catch(() => {});
    // Requests that arrive meanwhile are served between two writes.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function drain(): Promise<void> {
  draining ??= drainQueue().finally(() => (draining = null));
  return draining;
}

/** Run `write` later: after QUIET_MS without a new write queued, in queue order. */
export function deferWrite(write: () => Promise<unknown>): void {
  queue.push(write);
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void drain();
  }, QUIET_MS);
}

/** Run every queued write now; resolves when the queue is empty. */
export async function flushDeferredWrites(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  await drain();
}

/** How many writes wait. */
export const deferredWriteCount = (): number => queue.length;
