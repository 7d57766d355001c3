import "server-only";
import { readFileSync } from "node:fs";
import { concatBatchTables, type BatchTable } from "../../parsers/worker-log/batch-table";
import { DERIVED_INPUT_COLUMN } from "../../parsers/worker-log/derived-input";
import type { NodeConfig } from "../../parsers/node-config";
import { parseConfigFile } from "../../parsers/trtllm-config";
import type { NodeIssue, NodeMetrics } from "../node-metrics";
import type { LogFileParse } from "./parse-log-file";
import type { LogSummary } from "../../parsers/worker-log/schemas";

/** What building a node needs of each of its logs' parses. */
export type FileParse = Omit<LogFileParse, "summary"> & { summary: Pick<LogSummary, "note" | "parallelSizes"> };
import type { WorkerFiles } from "./node-files";

function readConfig(worker: WorkerFiles, issues: NodeIssue[]): NodeConfig | null {
  if (!worker.config) return null;
  // A <node>_config.json dump, or a TRT-LLM run's trtllm_config_<role>.yaml.
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
export function buildNode(worker: WorkerFiles, parses: FileParse[], relOf: (file: string) => string): NodeMetrics {
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

/** Prefill, then decode, then agg workers; by node and worker index within each. */
export function byWorker(a: { workerType: string; node: string; workerId: string }, b: typeof a): number {
  const order = ["prefill", "decode", "agg"];
  return order.indexOf(a.workerType) - order.indexOf(b.workerType) || a.node.localeCompare(b.node) || a.workerId.localeCompare(b.workerId, undefined, { numeric: true });
}
