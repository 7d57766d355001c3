import "server-only";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseConfigFileName, parseLogFileName, type LogRole } from "../../parsers/log-file-name";
import { configRole, parseNodeConfig, type ConfigRole } from "../../parsers/node-config";
import { trtllmConfigRole } from "../../parsers/trtllm-config";
import { configOwnership } from "../config-owner";
import { logTopology, type LogTopology } from "../log-topology";
import type { WorkerType } from "../node-metrics";
import { sortedNames } from "./dir-listing";
import type { FileStamp } from "./scan-runs";

/** One worker's log files (`.err` first: in the legacy layout it holds the SGLang log) and its config. */
export interface WorkerFiles {
  node: string;
  workerType: WorkerType;
  workerId: string;
  logs: FileStamp[];
  config: FileStamp | null;
  /** Why `config` is null though the node has a dump (it is another role's); absent otherwise. */
  configNote?: string;
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
    for (const name of sortedNames(dir)) {
      const config = parseConfigFileName(name);
      const engine = trtllmConfigRole(name);
      const stamp = config || engine || parseLogFileName(name) ? stampOf(runPath, path.join(dir, name)) : null;
      if (config && stamp) configs.set(config.role ? `${config.node}\0${config.role}` : config.node, stamp);
      // TRT-LLM writes no dump; srtctl's engine yaml per role says the same for every worker of it.
      if (engine && stamp) configs.set(`\0${engine}`, stamp);
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
  }
  assignConfigs([...workers.values()], configs);
  return { workers: [...workers.values()], services };
}

/** The role a dump states, read only when needed (its node mixes roles); null when it cannot be read. */
function dumpRole(stamp: FileStamp, cache: Map<string, ConfigRole | null>): ConfigRole | null {
  if (!cache.has(stamp.path)) {
    let role: ConfigRole | null = null;
    try {
      const parsed = parseNodeConfig(readFileSync(stamp.path, "utf8"));
      role = parsed.ok ? configRole(parsed.config) : null;
    } catch {
      role = null;
    }
    cache.set(stamp.path, role);
  }
  return cache.get(stamp.path)!;
}

/**
 * Gives each worker its node's dump only when the dump is proven to be its role's (lib/config-owner):
 * a node running prefill and decode workers has one `<node>_config.json`, written by one of them.
 * Without one, a TRT-LLM run's engine yaml for the worker's role (`trtllm_config_<role>.yaml`).
 */
function assignConfigs(workers: WorkerFiles[], configs: Map<string, FileStamp>): void {
  const rolesOn = new Map<string, ConfigRole[]>();
  for (const w of workers) rolesOn.set(w.node, [...(rolesOn.get(w.node) ?? []), w.workerType]);
  const read = new Map<string, ConfigRole | null>();
  for (const worker of workers) {
    const named = configs.get(`${worker.node}\0${worker.workerType}`);
    const stamp = named ?? configs.get(worker.node);
    const engine = configs.get(`\0${worker.workerType}`) ?? null;
    worker.config = engine;
    if (!stamp) continue;
    const nodeRoles = rolesOn.get(worker.node)!;
    const mixed = new Set(nodeRoles).size > 1;
    const claim = { file: stamp.rel, fileRole: named ? worker.workerType : null, contentRole: !named && mixed ? dumpRole(stamp, read) : undefined };
    const owner = configOwnership(worker.workerType, worker.node, nodeRoles, claim);
    if (owner.owned) worker.config = stamp;
    else if (!engine) worker.configNote = owner.note;
  }
}

/** Workers and nodes per role, as the worker log file names show them. */
export function logTopologyOf(runPath: string): LogTopology {
  return logTopology(findNodeFiles(runPath).workers);
}
