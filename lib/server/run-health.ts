import "server-only";
import { createReadStream } from "node:fs";
import { emptyCounts, HealthScanner, type HealthScan } from "../../parsers/health-signals";
import { toRunHealth, type RunHealth } from "../health";
import type { Run } from "../model";
import { findNodeFiles } from "./node-files";
import type { FileStamp } from "./scan-runs";

const CHUNK = 1 << 20;
/** Fingerprint (paths, sizes, mtimes) -> scan; in flight or done, so two requests never scan twice. */
const scans = new Map<string, Promise<HealthScan>>();

/** Scan one log in 1 MiB chunks: a 45 MB log is never held whole in memory. */
async function scanFile(file: FileStamp): Promise<HealthScan> {
  const scanner = new HealthScanner(file.rel);
  const decoder = new TextDecoder("utf-8");
  try {
    for await (const chunk of createReadStream(file.path, { highWaterMark: CHUNK })) {
      scanner.push(decoder.decode(chunk as Buffer, { stream: true }));
    }
    scanner.push(decoder.decode());
  } catch {
    // A log that vanished or cannot be read contributes what was read so far.
  }
  return scanner.finish();
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
  for (const log of logs) results.push(await scanFile(log));
  return merge(results);
}

/** The worker-log scan of a run dir, cached in memory by its logs' sizes and mtimes. */
export function getLogHealth(runPath: string): Promise<HealthScan> {
  const logs = findNodeFiles(runPath).workers.flatMap((worker) => worker.logs);
  const key = `${runPath}\0${logs.map((l) => `${l.rel}:${l.size}:${l.mtimeMs}`).join("|")}`;
  let scan = scans.get(key);
  if (!scan) {
    for (const old of scans.keys()) if (old.startsWith(`${runPath}\0`)) scans.delete(old);
    scan = scanLogs(logs);
    scans.set(key, scan);
  }
  return scan;
}

/** A run's health: its worker-log signals plus failed points and missing concurrencies from its results. */
export async function getRunHealth(run: Run): Promise<RunHealth> {
  return toRunHealth(run, await getLogHealth(run.runPath));
}
