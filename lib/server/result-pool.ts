import "server-only";
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { BenchCacheContent } from "./bench-cache";
import { startWorker, track, workerScript } from "./log-pool";
import type { ResultJob } from "./result-job";

/**
 * Worker threads that parse runs' result files for a cold load of many runs (a first `srtlog runs` or
 * a fresh dashboard over 1,000 runs): one per core, each taking the next run when it is free. They
 * hold the Parquet cache writes until `close()`, so parsing is not slowed by them; close() then writes
 * and stops the threads. Started only once a load has asked for START_AFTER parses: a warm load with
 * a few changed runs parses them on its own thread rather than pay ~50 ms per thread to start.
 */
const START_AFTER = 16;
/** Jobs sent ahead to each thread, so it never waits for this thread to hand it the next run. */
const AHEAD = 4;

type Reply = { ready: true } | { flushed: true } | { id: number; ok: true; content: BenchCacheContent } | { id: number; ok: false; error: string };

interface Thread {
  worker: Worker;
  ready: boolean;
  /** Ids of the jobs sent to it and not answered yet. */
  held: Set<number>;
  failed: boolean;
}

export class ResultPool {
  private threads: Thread[] = [];
  private readonly queue: { id: number; job: ResultJob }[] = [];
  private readonly waiting = new Map<number, { resolve: (content: BenchCacheContent) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private asked = 0;
  private closed = false;

  /** A pool for one load, or null when threads are off (SRTLOG_THREADS=0), pointless (one core) or unavailable. */
  static forLoad(): ResultPool | null {
    if (process.env.SRTLOG_THREADS === "0") return null;
    const always = process.env.SRTLOG_THREADS === "always";
    if (!always && availableParallelism() < 2) return null;
    return workerScript() ? new ResultPool(always ? 1 : START_AFTER) : null;
  }

  private constructor(private readonly startAfter: number) {}

  /** Whether the next parse should go to the threads: true once enough have been asked for. */
  wants(): boolean {
    return !this.closed && ++this.asked >= this.startAfter;
  }

  parse(job: ResultJob): Promise<BenchCacheContent> {
    if (this.threads.length === 0) this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.queue.push({ id, job });
      this.dispatch();
    });
  }

  private start(): void {
    const script = workerScript()!;
    this.threads = Array.from({ length: Math.max(1, availableParallelism()) }, () => {
      const thread: Thread = { worker: startWorker(script), ready: false, held: new Set(), failed: false };
      thread.worker.on("message", (reply: Reply) => this.onReply(thread, reply));
      thread.worker.on("error", (error) => this.onFailure(thread, error));
      return thread;
    });
  }

  private onReply(thread: Thread, reply: Reply): void {
    if ("ready" in reply) thread.ready = true;
    else if ("id" in reply) {
      const waiter = this.waiting.get(reply.id)!;
      this.waiting.delete(reply.id);
      thread.held.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.content);
      else waiter.reject(new Error(reply.error));
    }
    if (!("flushed" in reply)) this.dispatch();
  }

  /** A thread that died fails the jobs it held (the caller parses them itself); the others go on. */
  private onFailure(thread: Thread, error: Error): void {
    thread.failed = true;
    const lost = [...thread.held];
    thread.held.clear();
    if (this.threads.every((t) => t.failed)) lost.push(...this.queue.splice(0).map((q) => q.id));
    for (const id of lost) {
      this.waiting.get(id)?.reject(error);
      this.waiting.delete(id);
    }
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      while (thread.ready && !thread.failed && thread.held.size < AHEAD && this.queue.length > 0) {
        const { id, job } = this.queue.shift()!;
        thread.held.add(id);
        thread.worker.postMessage({ id, resultJob: job });
      }
    }
  }

  /** Write the held caches and stop the threads; the returned promise is tracked for flushBackgroundWork. */
  close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.filter((t) => !t.failed);
    this.threads = [];
    return track(Promise.all(threads.map((thread) => flushAndStop(thread.worker))).then(() => {}));
  }
}

function flushAndStop(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => void worker.terminate().then(() => resolve(), () => resolve());
    worker.on("message", (reply: Reply) => {
      if ("flushed" in reply) stop();
    });
    worker.on("error", stop);
    worker.postMessage({ flushResults: true });
  });
}
