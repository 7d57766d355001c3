import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";
import { parseConfigFileName, parseLogFileName, type LogRole } from "../../parsers/log-file-name";
import type { WorkerType } from "../node-metrics";
import type { FileStamp } from "./scan-runs";
import { statSync } from "node:fs";

/** One worker's log files (`.err` first: in the legacy layout it holds the SGLang log) and its config. */
export interface WorkerFiles {
  node: string;
  workerType: WorkerType;
  workerId: string;
  logs: FileStamp[];
  config: FileStamp | null;
}

/** Everything that runs in a run: workers with their files, and the other services per node. */
export interface RunNodeFiles {
  workers: WorkerFiles[];
  /** node -> services on it (prefill w0, frontend 0, nginx...), from file names. */
  services: Record<string, string[]>;
}

export const WORKER_LOG_PATTERNS = "<node>_{prefill,decode,agg}_w<i>[_DP<d>].{out,err} in the run dir or its logs/";
const WORKER_TYPES = new Set<LogRole>(["prefill", "decode", "agg"]);

function stampOf(runPath: string, file: string): FileStamp | null {
  try {
    const stat = statSync(file);
    return stat.isFile() ? { rel: path.relative(runPath, file), path: file, size: stat.size, mtimeMs: stat.mtimeMs } : null;
  } catch {
    return null;
  }
}

function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/**
 * Find worker logs and node configs in `<run>/` and `<run>/logs/` from their names. The per-DP-rank
 * logs of one worker (`<node>_agg_w0_DP0.out`, `..._DP1.out`) are that worker's files, as `.err` and
 * `.out` are: one server, its rows told apart by their DP rank.
 */
export function findNodeFiles(runPath: string): RunNodeFiles {
  const workers = new Map<string, WorkerFiles>();
  const configs = new Map<string, FileStamp>();
  const services: Record<string, string[]> = {};
  for (const dir of [runPath, path.join(/*turbopackIgnore: true*/ runPath, "logs")]) {
    for (const name of namesIn(dir)) {
      const config = parseConfigFileName(name);
      const stamp = config || parseLogFileName(name) ? stampOf(runPath, path.join(dir, name)) : null;
      if (config && stamp) configs.set(config.role ? `${config.node}\0${config.role}` : config.node, stamp);
      const log = config ? null : parseLogFileName(name);
      if (!log || !stamp) continue;
      const service = log.workerId ? `${log.role} ${log.workerId}` : log.role;
      if (!(services[log.node] ??= []).includes(service)) services[log.node].push(service);
      if (!WORKER_TYPES.has(log.role)) continue;
      const key = `${log.node}\0${log.role}\0${log.workerId}`;
      const worker = workers.get(key) ?? { node: log.node, workerType: log.role as WorkerType, workerId: log.workerId ?? "w0", logs: [], config: null };
      worker.logs.push(stamp);
      workers.set(key, worker);
    }
  }
  for (const worker of workers.values()) {
    worker.logs.sort((a, b) => Number(b.rel.endsWith(".err")) - Number(a.rel.endsWith(".err")) || a.rel.localeCompare(b.rel, undefined, { numeric: true }));
    worker.config = configs.get(`${worker.node}\0${worker.workerType}`) ?? configs.get(worker.node) ?? null;
  }
  return { workers: [...workers.values()], services };
}
