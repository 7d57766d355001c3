import "server-only";
import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { parseLogFile, type LogFileParse } from "./parse-log-file";

/** Below this many bytes in all, starting threads costs more than it saves. */
const THREADS_FROM_BYTES = 64 << 20;

function workerScript(): string | null {
  // SRTLOG_ROOT is set by bin/srtlog.mjs; the dashboard and tests run from the project root.
  const root = process.env.SRTLOG_ROOT || process.cwd();
  const script = path.join(/*turbopackIgnore: true*/ root, "lib", "server", "log-worker.mjs");
  return existsSync(script) ? script : null;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * The parent's Node flags without its module hooks (`--import tsx` of the bench and dev scripts):
 * the worker loads what it needs itself, and tsx would add ~50 ms to each thread's start.
 */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    if (/^--(import|require|loader|experimental-loader)$/.test(args[i]) || args[i] === "-r") i++;
    else if (!/^--(import|require|loader|experimental-loader)=/.test(args[i])) out.push(args[i]);
  }
  return out;
}

function startWorker(script: string): Worker {
  return new Worker(script, { execArgv: workerExecArgv() });
}

type Reply = { ready: true } | { collected: LogFileParse[] } | { id: number; ok: true } | { id: number; ok: false; error: string };

/** Called after each file: how many are done, of how many, and their bytes so far. */
export type ParseProgress = (done: number, total: number, bytes: number) => void;

/**
 * Run `files` through one worker thread, one at a time, taking the next from the shared queue; when
 * the queue is empty, collect what the thread parsed (it keeps results until then, see log-worker.mjs).
 */
function drain(script: string, queue: string[], results: Map<string, LogFileParse>, yearHint: number | undefined, progress: (file: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(script);
    let current: string | undefined;
    const next = () => {
      current = queue.shift();
      worker.postMessage(current === undefined ? { collect: true } : { id: 0, path: current, yearHint });
    };
    worker.on("message", (reply: Reply) => {
      if ("ready" in reply) return next();
      if ("collected" in reply) {
        for (const parse of reply.collected) results.set(parse.path, parse);
        void worker.terminate().then(() => resolve());
        return;
      }
      if (!reply.ok) {
        void worker.terminate(); // an idle thread would keep the process alive
        return reject(new Error(`${current}: ${reply.error}`));
      }
      progress(current!);
      next();
    });
    worker.on("error", reject);
  });
}

/**
 * Parse worker logs on all cores: one thread per core, biggest files first so the last thread is not
 * left with the largest log. Small jobs, or no worker script, parse on this thread.
 */
export async function parseLogFiles(files: readonly string[], yearHint?: number, onProgress?: ParseProgress): Promise<LogFileParse[]> {
  const sizes = new Map(files.map((file) => [file, sizeOf(file)]));
  let done = 0;
  let bytes = 0;
  const progress = (file: string) => onProgress?.(++done, files.length, (bytes += sizes.get(file) ?? 0));
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const threads = Math.max(1, Math.min(availableParallelism(), files.length));
  const script = workerScript();
  const forced = process.env.SRTLOG_THREADS === "always";
  if (!script || (!forced && (threads < 2 || total < THREADS_FROM_BYTES || process.env.SRTLOG_THREADS === "0"))) {
    const out: LogFileParse[] = [];
    for (const file of files) {
      out.push(await parseLogFile(file, yearHint));
      progress(file);
    }
    return out;
  }
  const queue = [...files].sort((a, b) => sizes.get(b)! - sizes.get(a)!);
  const results = new Map<string, LogFileParse>();
  await Promise.all(Array.from({ length: threads }, () => drain(script, queue, results, yearHint, progress)));
  return files.map((file) => results.get(file)!);
}

const pendingWrites = new Set<Promise<void>>();

/**
 * Run `task` on a fresh worker thread (a cache write: Parquet encoding of millions of rows is CPU
 * work the caller should not wait for). Falls back to this thread when no worker script is found.
 */
export function inBackground(message: object, fallback: () => Promise<void>): Promise<void> {
  const script = workerScript();
  const done: Promise<void> = script
    ? new Promise<void>((resolve, reject) => {
        const worker = startWorker(script);
        worker.on("message", (reply: Reply) => {
          if ("ready" in reply) return worker.postMessage({ id: 0, ...message });
          if ("collected" in reply) return; // only parse jobs collect
          void worker.terminate();
          if (reply.ok) resolve();
          else reject(new Error(reply.error));
        });
        worker.on("error", reject);
      })
    : fallback();
  return track(done);
}

/** Remember work that outlives its request, so flushBackgroundWork can wait for it. */
export function track(work: Promise<void>): Promise<void> {
  const tracked = work.catch(() => {}).finally(() => pendingWrites.delete(tracked));
  pendingWrites.add(tracked);
  return work;
}

/** Wait for background cache writes, e.g. before a CLI process exits. */
export async function flushBackgroundWork(): Promise<void> {
  while (pendingWrites.size > 0) await Promise.all(pendingWrites);
}
