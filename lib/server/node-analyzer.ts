import "server-only";
import { statSync } from "node:fs";
import path from "node:path";
import { parseLogFileName } from "../../parsers/log-file-name";
import { nodesOfType, summariseNode, type NodeMetrics, type NodeSummary, type WorkerType } from "../node-metrics";
import { buildNode, byWorker } from "./build-node";
import { SrtlogError } from "../errors";
import { flushBackgroundWork, inBackground, parseLogFiles, track, type ParseProgress } from "./log-pool";
import type { LogFileParse } from "./parse-log-file";
import { findNodeFiles, type WorkerFiles } from "./node-files";
import { readNodeCache, readNodeCacheFooter, readNodeCacheState, writeNodeCache, writeNodeColumns, writeNodeParquetJob } from "./node-cache";
import { tailAfterFullParse, type FileTail } from "./log-tail";
import { emptyStats, updateNodes, type NodeState, type UpdateStats } from "./node-update";
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


/**
 * Parses worker logs into per-node metrics: the TypeScript face of the Python `NodeAnalyzer`.
 * Logs are parsed on all cores; results are cached in `<run>/.cache/node_metrics.parquet`.
 */
export class NodeAnalyzer {
  /** What the last parseRunLogs / followRun read: bytes handed to the parser and what happened to each log. */
  lastStats: UpdateStats = emptyStats();
  /** The state the last parseRunLogs built (null when a valid cache answered): a follower continues from it. */
  lastState: NodeState | null = null;

  /**
   * Every worker of a run, with its batches, memory snapshots and config. A valid cache answers at
   * once; a cache of the same run whose logs have grown since is brought up to date by parsing only
   * the appended bytes; otherwise every log is parsed.
   */
  async parseRunLogs(runPath: string, options: NodeParseOptions = {}): Promise<NodeMetrics[]> {
    const files = findNodeFiles(runPath);
    const fingerprint = fingerprintOf(files.workers.flatMap((w) => [...w.logs, w.config]));
    this.lastStats = emptyStats();
    this.lastState = null;
    if (options.cache !== false) {
      const cached = readNodeCache(runPath, fingerprint);
      if (cached) return cached;
    }
    const previous = options.cache !== false ? readNodeCacheState(runPath) : null;
    const state = await this.followRun(runPath, previous, options.onProgress);
    this.lastState = state;
    if (options.cache !== false) this.saveCache(runPath, fingerprint, state);
    return state.nodes;
  }

  /**
   * The run's nodes and the tail of each log, from `previous` (a follower's last answer) plus what
   * was appended since; a full parse when there is no previous state. Writes no cache: a follower
   * decides how often to save (saveRunState).
   */
  async followRun(runPath: string, previous: NodeState | null, onProgress?: ParseProgress): Promise<NodeState> {
    const { workers } = findNodeFiles(runPath);
    if (previous) {
      const { state, stats } = updateNodes(runPath, workers, previous);
      this.lastStats = stats;
      return state;
    }
    return this.parseWorkers(runPath, workers, onProgress);
  }

  /** Save a follower's state as the run's node cache (columns, Parquet and tails). */
  saveRunState(runPath: string, state: NodeState): Promise<void> {
    const files = findNodeFiles(runPath);
    const fingerprint = fingerprintOf(files.workers.flatMap((w) => [...w.logs, w.config]));
    return this.saveCache(runPath, fingerprint, state);
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
  private saveCache(runPath: string, fingerprint: string, { nodes, tails }: NodeState): Promise<void> {
    const rows = nodes.reduce((n, node) => n + node.batches.length, 0);
    const pending =
      rows < BACKGROUND_FROM_ROWS && process.env.SRTLOG_THREADS !== "always"
        ? track(writeNodeCache(runPath, fingerprint, nodes, tails))
        : track(
            writeNodeColumns(runPath, fingerprint, nodes, tails).then((job) => {
              if (job) return inBackground({ parquetJob: job }, () => writeNodeParquetJob(job));
            }),
          );
    return pending.catch((error) => console.error(`srtlog: could not cache node metrics of ${runPath}: ${error instanceof Error ? error.message : error}`));
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

  private async parseWorkers(runPath: string, workers: WorkerFiles[], onProgress?: ParseProgress): Promise<NodeState> {
    const parses = await parseLogFiles(workers.flatMap((w) => w.logs.map((f) => f.path)), undefined, onProgress);
    const byPath = new Map(parses.map((p) => [p.path, p]));
    const relOf = (file: string) => path.relative(runPath, file);
    const built = workers.map((worker) => {
      const own = worker.logs.map((f) => byPath.get(f.path)!);
      return { node: buildNode(worker, own, relOf), tails: tailsOf(worker, own) };
    });
    built.sort((a, b) => byWorker(a.node, b.node));
    this.lastStats = { ...emptyStats(), bytesParsed: parses.reduce((n, p) => n + p.summary.bytes, 0), added: workers.flatMap((w) => w.logs.map((f) => f.rel)) };
    return { nodes: built.map((b) => b.node), tails: built.map((b) => b.tails) };
  }
}

/** Where each log's full parse ended; a log that vanished since gets a tail that forces a re-parse. */
function tailsOf(worker: WorkerFiles, parses: LogFileParse[]): FileTail[] {
  return worker.logs.map((file, i) => {
    const { summary, table, memory } = parses[i];
    const fields = { lines: summary.lines, rows: table.length, memory: memory.length, records: summary.records, parallelSizes: summary.parallelSizes };
    return tailAfterFullParse(file.path, file.rel, summary.bytes, fields) ?? { rel: file.rel, offset: summary.bytes, partial: true, head: "", end: "", mtimeMs: 0, ...fields };
  });
}
