import "server-only";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { concatBatchTables, type BatchTable } from "../../parsers/worker-log/batch-table";
import { DERIVED_INPUT_COLUMN } from "../../parsers/worker-log/derived-input";
import { parseLogFileName } from "../../parsers/log-file-name";
import type { NodeConfig } from "../../parsers/node-config";
import { parseConfigFile } from "../../parsers/trtllm-config";
import { nodesOfType, summariseNode, type NodeIssue, type NodeMetrics, type NodeSummary, type WorkerType } from "../node-metrics";
import { SrtlogError } from "../errors";
import { flushBackgroundWork, inBackground, parseLogFiles, track, type ParseProgress } from "./log-pool";
import type { LogFileParse } from "./parse-log-file";
import { findNodeFiles, type WorkerFiles } from "./node-files";
import { readNodeCache, readNodeCacheFooter, writeNodeCache, writeNodeColumns, writeNodeParquetJob } from "./node-cache";
import { fingerprintOf } from "./scan-runs";

/** Below this many batch rows the cache is written right away on this thread. */
const BACKGROUND_FROM_ROWS = 200_000;

export interface NodeParseOptions {
  /** Read and write `<run>/.cache/node_metrics.parquet` (default true). */
  cache?: boolean;
  /** Told after each log file is parsed (not called when the cache answers). */
  onProgress?: ParseProgress;
}

/** Physical nodes and what runs on each, from the log file names. */
export interface RunTopology {
  nodes: { node: string; services: string[] }[];
  counts: { prefill: number; decode: number; agg: number; frontend: number };
}

function readConfig(worker: WorkerFiles, issues: NodeIssue[]): NodeConfig | null {
  if (!worker.config) return null;
  const parsed = parseConfigFile(worker.config.rel, readFileSync(worker.config.path, "utf8"));
  if (parsed.ok) return parsed.config;
  issues.push({ file: worker.config.rel, line: null, message: parsed.issue });
  return null;
}

/** Rows whose input throughput was derived rather than printed. */
function countDerived(batches: BatchTable): number {
  const flags = batches.metrics[DERIVED_INPUT_COLUMN];
  let n = 0;
  if (flags) for (let i = 0; i < flags.length; i++) if (flags[i] === 1) n++;
  return n;
}

/** One node from its worker's parsed logs (legacy `.err` + `.out` merged) and its config. */
function buildNode(worker: WorkerFiles, parses: LogFileParse[], relOf: (file: string) => string): NodeMetrics {
  const issues: NodeIssue[] = parses.flatMap((p) => p.issues.map((issue) => ({ file: relOf(p.path), line: issue.line, message: issue.message })));
  const config = readConfig(worker, issues);
  const fromLog = parses.map((p) => p.summary.parallelSizes).find((sizes) => sizes !== null) ?? null;
  const pick = (key: "tp" | "dp" | "ep" | "pp") => (key !== "pp" ? config?.serverArgs[key] : config?.serverArgs.pp) ?? fromLog?.[key] ?? null;
  const batches = concatBatchTables(parses.map((p) => p.table));
  const notes = parses.map((p) => (p.summary.note ? `${relOf(p.path)}: ${p.summary.note}` : "")).filter(Boolean);
  if (batches.length === 0) notes.push(`no batch lines in ${worker.logs.map((f) => f.rel).join(", ")}`);
  const derived = countDerived(batches);
  if (derived > 0) notes.push(`input throughput derived from #new-token for ${derived} prefill batches that print none (column ${DERIVED_INPUT_COLUMN})`);
  if (worker.configNote) notes.push(worker.configNote);
  return {
    files: worker.logs.map((f) => f.rel),
    node: worker.node,
    workerType: worker.workerType,
    workerId: worker.workerId,
    parallel: { tp: pick("tp"), dp: pick("dp"), ep: pick("ep"), pp: pick("pp") },
    config,
    configFile: worker.config?.rel ?? null,
    batches,
    memory: parses.flatMap((p) => p.memory),
    issues,
    notes,
  };
}

function byWorker(a: { workerType: string; node: string; workerId: string }, b: typeof a): number {
  const order = ["prefill", "decode", "agg"];
  return order.indexOf(a.workerType) - order.indexOf(b.workerType) || a.node.localeCompare(b.node) || a.workerId.localeCompare(b.workerId, undefined, { numeric: true });
}

/**
 * Parses worker logs into per-node metrics: the TypeScript face of the Python `NodeAnalyzer`.
 * Logs are parsed on all cores; results are cached in `<run>/.cache/node_metrics.parquet`.
 */
export class NodeAnalyzer {
  /** Every worker of a run, with its batches, memory snapshots and config. */
  async parseRunLogs(runPath: string, options: NodeParseOptions = {}): Promise<NodeMetrics[]> {
    const files = findNodeFiles(runPath);
    const fingerprint = fingerprintOf(files.workers.flatMap((w) => [...w.logs, w.config]));
    if (options.cache !== false) {
      const cached = readNodeCache(runPath, fingerprint);
      if (cached) return cached;
    }
    const nodes = await this.parseWorkers(runPath, files.workers, options.onProgress);
    if (options.cache !== false) this.saveCache(runPath, fingerprint, nodes);
    return nodes;
  }

  /** Nodes without their batch rows: from the cache footer alone when it is valid. */
  async summariseRunLogs(runPath: string, options: NodeParseOptions = {}): Promise<NodeSummary[]> {
    const files = findNodeFiles(runPath);
    const fingerprint = fingerprintOf(files.workers.flatMap((w) => [...w.logs, w.config]));
    const footer = options.cache !== false ? readNodeCacheFooter(runPath, fingerprint) : null;
    if (footer) return footer.nodes.map(({ config: _config, ...summary }) => summary);
    return (await this.parseRunLogs(runPath, options)).map(summariseNode);
  }

  /** One log file on its own (no cache), named like `<node>_<role>_w<i>.out`. */
  async parseSingleLog(file: string): Promise<NodeMetrics> {
    try {
      statSync(file);
    } catch {
      throw new SrtlogError("bad_input", `no such log file: ${file}`);
    }
    const name = parseLogFileName(path.basename(file));
    const workerType: WorkerType = name && ["prefill", "decode", "agg"].includes(name.role) ? (name.role as WorkerType) : "agg";
    const worker: WorkerFiles = { node: name?.node ?? path.basename(file), workerType, workerId: name?.workerId ?? "w0", logs: [{ rel: path.basename(file), path: file, size: 0, mtimeMs: 0 }], config: null };
    const [parse] = await parseLogFiles([file]);
    return buildNode(worker, [parse], (f) => path.basename(f));
  }

  /**
   * Raw columns are written at once; for big runs the Parquet encoding then runs on a worker thread
   * that reads one node at a time back from disk, so the caller is not kept waiting and memory is not
   * doubled by a copy of every node.
   */
  private saveCache(runPath: string, fingerprint: string, nodes: NodeMetrics[]): void {
    const rows = nodes.reduce((n, node) => n + node.batches.length, 0);
    const pending =
      rows < BACKGROUND_FROM_ROWS && process.env.SRTLOG_THREADS !== "always"
        ? track(writeNodeCache(runPath, fingerprint, nodes))
        : track(
            writeNodeColumns(runPath, fingerprint, nodes).then((job) => {
              if (job) return inBackground({ parquetJob: job }, () => writeNodeParquetJob(job));
            }),
          );
    pending.catch((error) => console.error(`srtlog: could not cache node metrics of ${runPath}: ${error instanceof Error ? error.message : error}`));
  }

  /** Which services run on which physical node, and how many of each role, from file names alone. */
  topology(runPath: string): RunTopology {
    const { services } = findNodeFiles(runPath);
    const count = (role: string) => Object.values(services).flat().filter((service) => service.split(" ")[0] === role).length;
    return {
      nodes: Object.keys(services).sort().map((node) => ({ node, services: services[node] })),
      counts: { prefill: count("prefill"), decode: count("decode"), agg: count("agg"), frontend: count("frontend") },
    };
  }

  /** Wait until cache files started by earlier parses are written. */
  flush(): Promise<void> {
    return flushBackgroundWork();
  }

  getPrefillNodes<T extends { workerType: WorkerType }>(nodes: readonly T[]): T[] {
    return nodesOfType(nodes, "prefill");
  }

  getDecodeNodes<T extends { workerType: WorkerType }>(nodes: readonly T[]): T[] {
    return nodesOfType(nodes, "decode");
  }

  getAggNodes<T extends { workerType: WorkerType }>(nodes: readonly T[]): T[] {
    return nodesOfType(nodes, "agg");
  }

  private async parseWorkers(runPath: string, workers: WorkerFiles[], onProgress?: ParseProgress): Promise<NodeMetrics[]> {
    const parses = await parseLogFiles(workers.flatMap((w) => w.logs.map((f) => f.path)), undefined, onProgress);
    const byPath = new Map(parses.map((p) => [p.path, p]));
    const relOf = (file: string) => path.relative(runPath, file);
    return workers.map((worker) => buildNode(worker, worker.logs.map((f) => byPath.get(f.path)!), relOf)).sort(byWorker);
  }
}
