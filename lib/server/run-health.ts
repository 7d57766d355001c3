import "server-only";
import { readFileSync } from "node:fs";
import { cache } from "react";
import { emptyCounts, HealthScanner, type HealthScan } from "../../parsers/health-signals";
import { toRunHealth, type RunHealth } from "../health";
import type { Run } from "../model";
import { cacheCandidates, writeCacheFile } from "./cache-dir";
import { scanLogIncrementally } from "./health-tail";
import { findNodeFiles } from "./node-files";
import { writeFileAtomic } from "./parquet";
import type { FileStamp } from "./scan-runs";

/** Bump when HEALTH_SIGNALS or the scan changes, so cached health.json files are rebuilt. */
export const HEALTH_VERSION = "1";
const CACHE_FILE = "health.json";
/** Fingerprint (paths, sizes, mtimes) -> scan; in flight or done, so two requests never scan twice. */
const scans = new Map<string, Promise<HealthScan>>();
/** Run path -> its key in `scans`, so a new fingerprint drops the old scan without a walk over every key (5,000 runs: 4 s on a cold page). */
const keyOfRun = new Map<string, string>();

/**
 * Scan one log, reading only what was appended since the last scan in this process (health-tail.ts):
 * a running job's growing logs cost their new bytes, and a new OOM or traceback line raises the badge.
 */
async function scanFile(file: FileStamp): Promise<HealthScan> {
  // A log that vanished or cannot be read contributes nothing.
  return scanLogIncrementally(file.path, file.rel)?.scan ?? new HealthScanner(file.rel).finish();
}

function merge(scans: HealthScan[]): HealthScan {
  const total: HealthScan = { counts: emptyCounts(), retractedRequests: 0, first: [] };
  for (const scan of scans) {
    for (const id of Object.keys(total.counts) as (keyof HealthScan["counts"])[]) total.counts[id] += scan.counts[id];
    total.retractedRequests += scan.retractedRequests;
    total.first.push(...scan.first);
  }
  return total;
}

async function scanLogs(logs: FileStamp[]): Promise<HealthScan> {
  const results: HealthScan[] = [];
  for (const log of logs) {
    // A log's scan is synchronous: yield to the timers first, so a page's health wait (getRunsHealth)
    // can run out and render without the signals of scans still going.
    await new Promise((resolve) => setTimeout(resolve, 0));
    results.push(await scanFile(log));
  }
  return merge(results);
}

/** `<run>/.cache/health.json` (or the per-user copy) when written by this version from these logs. */
function readCachedScan(runPath: string, fingerprint: string): HealthScan | null {
  for (const file of cacheCandidates(runPath, CACHE_FILE)) {
    try {
      const cached = JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8"));
      if (cached.version === HEALTH_VERSION && cached.fingerprint === fingerprint) return cached.scan as HealthScan;
    } catch {
      // Absent or unreadable: scan again and overwrite.
    }
  }
  return null;
}

async function loadScan(runPath: string, logs: FileStamp[], fingerprint: string): Promise<HealthScan> {
  if (logs.length === 0) return scanLogs(logs);
  const cached = readCachedScan(runPath, fingerprint);
  if (cached) return cached;
  const scan = await scanLogs(logs);
  const body = JSON.stringify({ version: HEALTH_VERSION, fingerprint, scan });
  // A cache that cannot be written anywhere only costs a rescan after a restart.
  await writeCacheFile(runPath, CACHE_FILE, (file) => writeFileAtomic(file, body)).catch(() => {});
  return scan;
}

/** A run's worker logs, listed once per request: the sidebar and the summary both ask, for every run (1,000 at scale). */
const workerLogsOf = cache((runPath: string): FileStamp[] => findNodeFiles(runPath).workers.flatMap((worker) => worker.logs));

/** The worker-log scan of a run dir, cached in memory and in `.cache/health.json` by its logs' sizes and mtimes. */
export function getLogHealth(runPath: string): Promise<HealthScan> {
  const logs = workerLogsOf(runPath);
  const fingerprint = logs.map((l) => `${l.rel}:${l.size}:${l.mtimeMs}`).join("|");
  const key = `${runPath}\0${fingerprint}`;
  let scan = scans.get(key);
  if (!scan) {
    const old = keyOfRun.get(runPath);
    if (old !== undefined) scans.delete(old);
    scan = loadScan(runPath, logs, fingerprint);
    scans.set(key, scan);
    keyOfRun.set(runPath, key);
  }
  return scan;
}

/** A run's health: its worker-log signals plus failed points and missing concurrencies from its results. */
export async function getRunHealth(run: Run): Promise<RunHealth> {
  return toRunHealth(run, await getLogHealth(run.runPath));
}

/** How long a page waits for log scans before showing result-file signals only (SRTLOG_HEALTH_WAIT_MS). */
export function healthWaitMs(): number {
  const ms = Number(process.env.SRTLOG_HEALTH_WAIT_MS ?? 1500);
  return Number.isFinite(ms) && ms >= 0 ? ms : 1500;
}

/**
 * Health of many runs, waiting at most `waitMs` for their log scans: a run whose scan is still going
 * (a cold dir of big logs) gets its result-file signals now and its log signals on a later render.
 */
export async function getRunsHealth(runs: Run[], waitMs = healthWaitMs()): Promise<RunHealth[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(resolve, waitMs, null)));
  const pending: HealthScan = { counts: emptyCounts(), retractedRequests: 0, first: [] };
  try {
    return await Promise.all(runs.map(async (run) => toRunHealth(run, (await Promise.race([getLogHealth(run.runPath), late])) ?? pending)));
  } finally {
    clearTimeout(timer);
  }
}
