import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseConfigFileName } from "../../parsers/log-file-name";
import type { NodeConfig } from "../../parsers/node-config";
import { parseConfigFile } from "../../parsers/trtllm-config";
import { groupWorkers, overviewFacts, toConfigDetails, topologyCounts, type ConfigDetails, type ConfigWorker, type RunConfigView } from "../config-view";
import { runGpuLabel } from "../labels";
import { logTopology, reconcileTopology } from "../log-topology";
import type { Run } from "../model";
import { NodeAnalyzer } from "./node-analyzer";
import { findNodeFiles } from "./node-files";

/** Config dumps (`<node>_config.json`, `<node>_<role>_config.json`) in the run dir and its logs/, relative to the run. */
function configFiles(runPath: string): { rel: string; node: string }[] {
  const found: { rel: string; node: string }[] = [];
  for (const dir of ["", "logs"]) {
    let names: string[] = [];
    try {
      names = readdirSync(path.join(/*turbopackIgnore: true*/ runPath, dir)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const parsed = parseConfigFileName(name);
      if (parsed) found.push({ rel: path.join(/*turbopackIgnore: true*/ dir, name), node: parsed.node });
    }
  }
  return found;
}

function readDetails(runPath: string, rel: string): { details: ConfigDetails; config: NodeConfig | null } {
  let text: string;
  try {
    text = readFileSync(path.join(/*turbopackIgnore: true*/ runPath, rel), "utf8");
  } catch (error) {
    return { details: toConfigDetails(rel, null, [`cannot read ${rel}: ${(error as NodeJS.ErrnoException).code ?? error}`]), config: null };
  }
  const parsed = parseConfigFile(rel, text);
  if (!parsed.ok) return { details: toConfigDetails(rel, null, [parsed.issue]), config: null };
  return { details: toConfigDetails(rel, parsed.config, parsed.issues), config: parsed.config };
}

const ROLE_ORDER = ["prefill", "decode", "agg"];

/**
 * A run's configuration from its files alone (no log parsing): overview, which services run on which
 * node, and each worker's config dump. Works for both layouts (files in the run dir or in logs/).
 */
export function getRunConfigView(run: Run): RunConfigView {
  const files = findNodeFiles(run.runPath);
  const topology = new NodeAnalyzer().topology(run.runPath);
  const workers: ConfigWorker[] = files.workers
    .map((w) => ({ key: `${w.node}_${w.workerType}_${w.workerId}`, node: w.node, role: w.workerType, label: `${w.node} · ${w.workerType} ${w.workerId}`, configFile: w.config?.rel ?? null, ...(w.configNote ? { configNote: w.configNote } : {}) }))
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.node.localeCompare(b.node) || a.key.localeCompare(b.key, undefined, { numeric: true }));
  const used = new Set(workers.map((w) => w.configFile));
  for (const file of configFiles(run.runPath)) {
    // A dump on a node with workers that none of them is proven to own: shown, but as nobody's.
    const onWorkerNode = workers.some((w) => w.node === file.node);
    if (!used.has(file.rel)) workers.push({ key: `${path.basename(file.rel, ".json")}`, node: file.node, role: null, label: `${file.node} · ${onWorkerNode ? "config, role unknown" : "config only"}`, configFile: file.rel });
  }
  const reconciled = reconcileTopology(run.metadata, logTopology(files.workers));
  const configs: Record<string, ConfigDetails> = {};
  let servedModel: string | null = null;
  for (const rel of new Set(workers.map((w) => w.configFile).filter((f): f is string => f !== null))) {
    const { details, config } = readDetails(run.runPath, rel);
    configs[rel] = details;
    servedModel ??= config?.serverArgs.servedModel ?? null;
  }
  return {
    runDir: run.runDir,
    label: runGpuLabel(run),
    overview: overviewFacts(run, servedModel, reconciled),
    topology: { counts: topologyCounts(topology.counts), nodes: topology.nodes, conflict: reconciled.conflict },
    workers: groupWorkers(workers).flatMap((group) => group.workers),
    configs,
    ...(run.origin && !existsSync(run.runPath) ? { missingSource: missingSourceText(run) } : {}),
  };
}

function missingSourceText(run: Run): string {
  const why = run.runPath === run.origin!.source ? "which this server cannot read" : "which lies outside SRTLOG_LOGS_ROOTS and the configured logs dir, so this server does not read it";
  return `Ingested from ${run.origin!.source ?? run.runPath} (cluster ${run.origin!.cluster}), ${why}: the overview comes from the dataset, but the topology by node, worker configs, command lines and environment live in the run's files and are not in the dataset.`;
}
