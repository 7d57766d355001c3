import type { EnvGroups, FlagValue, NodeConfig } from "../parsers/node-config";
import { islOslLabel, shortGpuName } from "./labels";
import { logTopology, reconcileTopology, type ReconciledTopology } from "./log-topology";
import type { Run } from "./model";
import type { WorkerType } from "./node-metrics";
import type { Fact } from "./rate-match";

/** A worker (or a config dump without one) the Configuration tab can show. */
export interface ConfigWorker {
  /** `eos0234_prefill_w0`, or `eos0300_config` for a dump no worker log goes with. */
  key: string;
  node: string;
  role: WorkerType | null;
  label: string;
  /** The config dump, relative to the run dir; null when the worker has none. */
  configFile: string | null;
  /** Why there is no config though the node has a dump: it is not proven to be this worker's role. */
  configNote?: string;
}

export interface EnvCategory {
  key: keyof EnvGroups;
  title: string;
  /** NCCL and SGLANG are what people check first; the rest start folded. */
  open: boolean;
  vars: [string, string][];
}

/** One config dump, ready to show. */
export interface ConfigDetails {
  file: string;
  facts: Fact[];
  flags: { flag: string; value: string }[];
  environment: EnvCategory[];
  issues: string[];
}

/** Everything the Configuration tab shows for a run. */
export interface RunConfigView {
  runDir: string;
  label: string;
  overview: Fact[];
  topology: { counts: Fact[]; nodes: { node: string; services: string[] }[]; conflict: string | null };
  workers: ConfigWorker[];
  /** By config file. */
  configs: Record<string, ConfigDetails>;
  /** An ingested run whose source directory this server cannot read: what is missing, and why. */
  missingSource?: string;
}

export const ENV_TITLES: { key: keyof EnvGroups; title: string; open: boolean }[] = [
  { key: "nccl", title: "NCCL", open: true },
  { key: "sglang", title: "SGLANG", open: true },
  { key: "cuda", title: "CUDA", open: false },
  { key: "mooncake", title: "Mooncake", open: false },
  { key: "ompi", title: "OMPI", open: false },
  { key: "other", title: "Other", open: false },
];

/** The environment by category, variables sorted by name; every category listed, even when empty. */
export function envCategories(env: EnvGroups): EnvCategory[] {
  return ENV_TITLES.map(({ key, title, open }) => ({ key, title, open, vars: Object.entries(env[key]).sort(([a], [b]) => a.localeCompare(b)) }));
}

/** Command-line flags in the order given: `--tp-size 4`, a bare `--trust-remote-code`, a repeated flag's values joined. */
export function flagEntries(flags: Record<string, FlagValue>): { flag: string; value: string }[] {
  const text = (value: string | boolean) => (value === true ? "" : String(value));
  return Object.entries(flags).map(([name, value]) => ({
    // Names are kept without dashes; one letter was `-m`, longer ones `--tp-size`.
    flag: `${name.length === 1 ? "-" : "--"}${name}`,
    value: Array.isArray(value) ? value.map(text).join(" ") : text(value),
  }));
}

function serverFacts(config: NodeConfig): Fact[] {
  const a = config.serverArgs;
  const gpu = config.gpu;
  const versions = Object.entries(config.versions).filter(([, v]) => v !== null).map(([name, v]) => `${name} ${v}`);
  const facts: [string, unknown][] = [
    ["GPUs", gpu.count !== null || gpu.name ? `${gpu.count ?? "?"} × ${gpu.name ?? "?"}` : null],
    ["GPU memory", gpu.memoryTotal],
    ["Driver", gpu.driver],
    ["TP / DP / EP / PP", [a.tp, a.dp, a.ep, a.pp].some((v) => v !== null) ? [a.tp, a.dp, a.ep, a.pp].map((v) => v ?? "-").join(" / ") : null],
    ["Attention backend", a.attentionBackend],
    ["KV cache dtype", a.kvCacheDtype],
    ["Served model", a.servedModel],
    ["Disaggregation", disaggregationText(a.disaggregationMode)],
    ["Versions", versions.length > 0 ? versions.join(", ") : null],
  ];
  return facts.filter(([, value]) => !isBlank(value)).map(([title, value]) => ({ title, value: String(value) }));
}

/** SGLang writes `disaggregation_mode: "null"` (a string) when a server is not disaggregated. */
export function disaggregationText(mode: string | null): string | null {
  return mode === null ? null : mode.trim().toLowerCase() === "null" ? "none (aggregated)" : mode;
}

/** A value a card must not print: missing, or a null spelled out by a Python or JSON writer. */
function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && /^\s*(null|none|)\s*$/i.test(value));
}

/** A parsed config dump as the tab shows it. */
export function toConfigDetails(file: string, config: NodeConfig | null, issues: string[]): ConfigDetails {
  if (!config) return { file, facts: [], flags: [], environment: [], issues };
  return { file, facts: serverFacts(config), flags: flagEntries(config.flags), environment: envCategories(config.environment), issues };
}

const GROUPS: { title: string; roles: (WorkerType | null)[] }[] = [
  { title: "Prefill", roles: ["prefill"] },
  { title: "Decode", roles: ["decode"] },
  { title: "Other", roles: ["agg", null] },
];

/** Workers for the node selector: prefill, decode, then the rest (aggregated workers, stray dumps). */
export function groupWorkers(workers: readonly ConfigWorker[]): { title: string; workers: ConfigWorker[] }[] {
  return GROUPS.map((group) => ({ title: group.title, workers: workers.filter((w) => group.roles.includes(w.role)) })).filter((group) => group.workers.length > 0);
}

/** The worker the URL picks, else the first one that has a config dump, else the first. */
export function pickWorker(workers: readonly ConfigWorker[], key: string | undefined): ConfigWorker | null {
  return workers.find((w) => w.key === key) ?? workers.find((w) => w.configFile !== null) ?? workers[0] ?? null;
}

function nodesFact(run: Run, topo: ReconciledTopology): string {
  const { prefill, decode, agg } = topo.roles;
  if (run.metadata.mode === "aggregated") return `${agg.nodes ?? "?"} aggregated`;
  // With nodes running both roles the sum is no total, and the true one is not in the files: name them instead.
  const shared = topo.sharedNodes;
  const total = shared.length > 0 ? ` (${shared.join(", ")} run${shared.length === 1 ? "s" : ""} both)` : prefill.nodes !== null && decode.nodes !== null ? ` (${prefill.nodes + decode.nodes} in all)` : "";
  return `${prefill.nodes ?? "?"} prefill + ${decode.nodes ?? "?"} decode${total}`;
}

/** "H200 (NVIDIA H200)": the short name, and the full one when it says more. */
function gpuTypeText(gpuType: string | null): string {
  const short = shortGpuName(gpuType);
  if (!gpuType || !short) return "N/A";
  return short.toLowerCase() === gpuType.trim().toLowerCase() ? short : `${short} (${gpuType})`;
}

/**
 * Nodes (the metadata's, unless the worker logs contradict them), GPU type, ISL/OSL, profiler and model
 * of a run; the model from a config dump when metadata has none.
 */
export function overviewFacts(run: Run, servedModel: string | null, topo: ReconciledTopology = reconcileTopology(run.metadata, logTopology([]))): Fact[] {
  const m = run.metadata;
  return [
    { title: "Nodes", value: nodesFact(run, topo) },
    { title: "GPU Type", value: gpuTypeText(m.gpuType) },
    { title: "ISL/OSL", value: islOslLabel(run) },
    { title: "Profiler", value: m.profiler.type },
    { title: "Model", value: m.modelPath ?? servedModel ?? "N/A" },
  ];
}

/** Prefill, decode, aggregated (when any) and frontend counts of a run's topology. */
export function topologyCounts(counts: { prefill: number; decode: number; agg: number; frontend: number }): Fact[] {
  const facts: Fact[] = [
    { title: "Prefill", value: String(counts.prefill) },
    { title: "Decode", value: String(counts.decode) },
  ];
  if (counts.agg > 0) facts.push({ title: "Aggregated", value: String(counts.agg) });
  facts.push({ title: "Frontend", value: String(counts.frontend) });
  return facts;
}
