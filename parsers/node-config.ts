import { z } from "zod";

/**
 * `<node>_config.json`, written by dynamo's `--dump-config-to` (compact JSON, sorted keys):
 * `{config: {server_args, dynamo_args}, environment, gpu_info: {count?, gpus: [...]}, runtime_info:
 * {command_line_args?}, system_info, sglang_version?, vllm_version?, dynamo_version?}`, or
 * `{error, system_info}` when dumping failed. Inner shapes are loose: only what we read is checked.
 */
const textish = z.union([z.string(), z.number()]).optional();
const gpuSchema = z.looseObject({ name: textish, memory_total: textish, driver_version: textish });
export const rawNodeConfigSchema = z.looseObject({
  config: z.looseObject({ server_args: z.record(z.string(), z.unknown()).optional(), dynamo_args: z.record(z.string(), z.unknown()).optional() }).optional(),
  environment: z.record(z.string(), z.unknown()).optional(),
  gpu_info: z.looseObject({ count: z.number().optional(), gpus: z.array(gpuSchema).optional() }).optional(),
  runtime_info: z.looseObject({ command_line_args: z.union([z.array(z.string()), z.string()]).optional() }).optional(),
  sglang_version: textish,
  vllm_version: textish,
  dynamo_version: textish,
  error: z.unknown().optional(),
});
export type RawNodeConfig = z.infer<typeof rawNodeConfigSchema>;

const text = z.string().nullable();
const count = z.number().nullable();

export const envGroupsSchema = z.object({
  nccl: z.record(z.string(), z.string()),
  sglang: z.record(z.string(), z.string()),
  cuda: z.record(z.string(), z.string()),
  mooncake: z.record(z.string(), z.string()),
  ompi: z.record(z.string(), z.string()),
  other: z.record(z.string(), z.string()),
});
export type EnvGroups = z.infer<typeof envGroupsSchema>;

/** A flag's value: the string after it, `true` when none follows, an array when repeated. */
export const flagValueSchema = z.union([z.string(), z.boolean(), z.array(z.union([z.string(), z.boolean()]))]);
export type FlagValue = z.infer<typeof flagValueSchema>;

export const nodeConfigSchema = z.object({
  gpu: z.object({ count, name: text, memoryTotal: text, memoryTotalMiB: count, driver: text }),
  serverArgs: z.object({
    tp: count, dp: count, pp: count, ep: count,
    attentionBackend: text, kvCacheDtype: text, servedModel: text, modelPath: text,
    chunkedPrefillSize: count, contextLength: count, disaggregationMode: text,
    memFractionStatic: count, maxRunningRequests: count, enableDpAttention: z.boolean().nullable(),
    /** Every server arg as dumped. */
    raw: z.record(z.string(), z.unknown()),
  }),
  dynamoArgs: z.record(z.string(), z.unknown()),
  environment: envGroupsSchema,
  /** command_line_args as flag (without leading dashes) -> value. */
  flags: z.record(z.string(), flagValueSchema),
  /** Arguments that are not flags or flag values (program, module, ...). */
  positionalArgs: z.array(z.string()),
  versions: z.object({ sglang: text, vllm: text, dynamo: text }),
  /** The `error` of a failed dump, else null. */
  dumpError: text,
});
export type NodeConfig = z.infer<typeof nodeConfigSchema>;

export type NodeConfigResult = { ok: true; config: NodeConfig; issues: string[] } | { ok: false; issue: string };

const asText = (value: unknown): string | null =>
  typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : null;
const asNumber = (value: unknown): number | null => {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
};

/** `81559 MiB`, `80 GB`, or a bare number (bytes when huge, else MiB as nvidia-smi prints) -> MiB. */
export function memoryToMiB(value: unknown): number | null {
  if (typeof value === "number") return value > 1e7 ? Math.round(value / 2 ** 20) : value;
  const match = typeof value === "string" ? /^\s*([\d.]+)\s*(MiB|MB|GiB|GB|KiB|KB|B)?\s*$/i.exec(value) : null;
  if (match === null) return null;
  const unit = (match[2] ?? "MiB").toLowerCase();
  const factor: Record<string, number> = { b: 2 ** -20, kib: 2 ** -10, kb: 1e3 / 2 ** 20, mib: 1, mb: 1e6 / 2 ** 20, gib: 1024, gb: 1e9 / 2 ** 20 };
  return Math.round(Number(match[1]) * factor[unit] * 100) / 100;
}

/** Which environment group a variable belongs to. */
export function envGroupOf(name: string): keyof EnvGroups {
  if (name === "DYN_SKIP_SGLANG_LOG_FORMATTING" || /^(SGLANG_|SGL_)/.test(name)) return "sglang";
  if (/^(TORCH_)?NCCL_/.test(name)) return "nccl";
  if (/^(CUDA_|PYTORCH_CUDA_|TORCH_CUDA_)/.test(name)) return "cuda";
  if (/^(MC_|MOONCAKE_)/.test(name)) return "mooncake";
  if (name.startsWith("OMPI_")) return "ompi";
  return "other";
}

/** Groups environment variables into NCCL / SGLANG / CUDA / Mooncake (MC_) / OMPI / other. */
export function groupEnvironment(env: Record<string, unknown>): EnvGroups {
  const groups: EnvGroups = { nccl: {}, sglang: {}, cuda: {}, mooncake: {}, ompi: {}, other: {} };
  for (const [name, value] of Object.entries(env)) groups[envGroupOf(name)][name] = asText(value) ?? JSON.stringify(value);
  return groups;
}

/** Splits a command string on blanks, honouring simple '...' / "..." quoting. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) words.push(match[1] ?? match[2] ?? match[3]);
  return words;
}

const isFlag = (word: string) => /^--?[A-Za-z]/.test(word);

function setFlag(flags: Record<string, FlagValue>, name: string, value: string | boolean): void {
  const previous = flags[name];
  if (previous === undefined) flags[name] = value;
  else flags[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
}

/**
 * `--flag value`, `--flag=value` and bare `--flag` (true). A repeated flag keeps every value, in
 * order, as an array (argparse `append` flags need them all; for the rest the last one wins).
 * Values stay strings: argv has no types.
 */
export function parseCommandLineFlags(args: string[] | string): { flags: Record<string, FlagValue>; positional: string[] } {
  const words = typeof args === "string" ? splitCommandLine(args) : args;
  const flags: Record<string, FlagValue> = Object.create(null) as Record<string, FlagValue>;
  const positional: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!isFlag(word)) {
      positional.push(word);
      continue;
    }
    const eq = word.indexOf("=");
    const name = (eq > 0 ? word.slice(0, eq) : word).replace(/^--?/, "");
    if (eq > 0) setFlag(flags, name, word.slice(eq + 1));
    else if (i + 1 < words.length && !isFlag(words[i + 1])) setFlag(flags, name, words[++i]);
    else setFlag(flags, name, true);
  }
  return { flags: { ...flags }, positional };
}

function readGpu(raw: RawNodeConfig, issues: string[]): NodeConfig["gpu"] {
  const gpus = raw.gpu_info?.gpus ?? [];
  if (raw.gpu_info === undefined) issues.push("no gpu_info");
  const first = gpus[0] ?? {};
  const names = new Set(gpus.map((gpu) => asText(gpu.name)));
  if (names.size > 1) issues.push(`mixed GPU models on one node: ${[...names].join(", ")}`);
  return {
    count: raw.gpu_info?.count ?? (gpus.length > 0 ? gpus.length : null),
    name: asText(first.name) ?? null,
    memoryTotal: asText(first.memory_total) ?? null,
    memoryTotalMiB: memoryToMiB(first.memory_total),
    driver: asText(first.driver_version) ?? null,
  };
}

/** The first of several spellings (SGLang `tp_size`, vLLM `tensor_parallel_size`) that is set. */
function pick(args: Record<string, unknown>, ...keys: string[]): unknown {
  for (const key of keys) if (args[key] !== undefined && args[key] !== null) return args[key];
  return null;
}

/**
 * A command line as server-args-like keys (`--tensor-parallel-size 8` -> `tensor_parallel_size: "8"`,
 * TRT-LLM's `--tp_size` as it is, bare flags true, a repeated flag's last value): what vLLM and TRT-LLM
 * workers give instead of `config.server_args`.
 */
export function argsFromFlags(flags: Record<string, FlagValue>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(flags)) args[name.replace(/-/g, "_")] = Array.isArray(value) ? value.at(-1) : value;
  return args;
}

/** vLLM's `--enable-expert-parallel` spreads experts over every attention rank: EP = TP × DP. */
function expertParallel(args: Record<string, unknown>, tp: number | null, dp: number | null): number | null {
  const explicit = asNumber(pick(args, "ep_size", "expert_parallel_size", "moe_expert_parallel_size", "ep"));
  if (explicit !== null) return explicit;
  const enabled = pick(args, "enable_expert_parallel");
  return enabled === true || enabled === "true" ? (tp ?? 1) * (dp ?? 1) : null;
}

/** The typed server settings of a dict of SGLang / vLLM / TRT-LLM argument names (raw kept as given). */
export function readServerArgs(args: Record<string, unknown>): NodeConfig["serverArgs"] {
  const dpAttention = pick(args, "enable_dp_attention");
  // SGLang, vLLM and TRT-LLM (`--tp_size`) spellings; `tp`/`dp`/`pp` are vLLM's short flags (-tp 8).
  const tp = asNumber(pick(args, "tp_size", "tensor_parallel_size", "tp"));
  const dp = asNumber(pick(args, "dp_size", "data_parallel_size", "dp"));
  return {
    tp,
    dp,
    pp: asNumber(pick(args, "pp_size", "pipeline_parallel_size", "pp")),
    ep: expertParallel(args, tp, dp),
    attentionBackend: asText(pick(args, "attention_backend")),
    kvCacheDtype: asText(pick(args, "kv_cache_dtype")),
    servedModel: asText(pick(args, "served_model_name", "model_path", "model")),
    modelPath: asText(pick(args, "model_path", "model")),
    chunkedPrefillSize: asNumber(pick(args, "chunked_prefill_size")),
    contextLength: asNumber(pick(args, "context_length", "max_model_len", "max_seq_len")),
    disaggregationMode: asText(pick(args, "disaggregation_mode")),
    memFractionStatic: asNumber(pick(args, "mem_fraction_static", "gpu_memory_utilization")),
    maxRunningRequests: asNumber(pick(args, "max_running_requests", "max_num_seqs", "max_batch_size")),
    enableDpAttention: typeof dpAttention === "boolean" ? dpAttention : null,
    raw: args,
  };
}

/** Converts a checked raw dump into the app model, noting what was missing. */
export function toNodeConfig(raw: RawNodeConfig): { config: NodeConfig; issues: string[] } {
  const issues: string[] = [];
  const dumpError = raw.error === undefined || raw.error === null ? null : (asText(raw.error) ?? JSON.stringify(raw.error));
  if (dumpError !== null) issues.push(`config dump failed: ${dumpError}`);
  const serverArgs = raw.config?.server_args;
  const cmd = raw.runtime_info?.command_line_args;
  const { flags, positional } = cmd === undefined ? { flags: {}, positional: [] } : parseCommandLineFlags(cmd);
  // vLLM and TRT-LLM dumps have no server_args: their command line says the same, so only a dump with neither is short.
  const hasFlags = Object.keys(flags).length > 0;
  if (serverArgs === undefined && !hasFlags && dumpError === null) issues.push("no config.server_args and no command line");
  const config: NodeConfig = {
    gpu: readGpu(raw, dumpError === null ? issues : []),
    // raw stays what was dumped as server_args, so Run Diff does not list a flag twice.
    serverArgs: { ...readServerArgs(serverArgs ?? argsFromFlags(flags)), raw: serverArgs ?? {} },
    dynamoArgs: raw.config?.dynamo_args ?? {},
    environment: groupEnvironment(raw.environment ?? {}),
    flags,
    positionalArgs: positional,
    versions: { sglang: asText(raw.sglang_version) ?? null, vllm: asText(raw.vllm_version) ?? null, dynamo: asText(raw.dynamo_version) ?? null },
    dumpError,
  };
  return { config, issues };
}

/** The roles a worker (and so its config dump) can have. */
export type ConfigRole = "prefill" | "decode" | "agg";

function flagText(value: FlagValue | undefined): string | null {
  if (value === undefined) return null;
  const last = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === "string" ? last : null;
}

/**
 * Which role wrote a dump, as the dump itself says: `server_args.disaggregation_mode` (SGLang writes
 * "null" for an aggregated worker), else `--disaggregation-mode` on the command line (srtctl passes it
 * to prefill/decode workers of every backend), else dynamo's older `--is-prefill-worker` /
 * `--is-decode-worker`. null when the dump does not say: a vLLM aggregated worker gets no flag at all,
 * so absence proves nothing.
 */
export function configRole(config: Pick<NodeConfig, "serverArgs" | "flags">): ConfigRole | null {
  const mode = (config.serverArgs.disaggregationMode ?? flagText(config.flags["disaggregation-mode"]))?.trim().toLowerCase();
  if (mode === "prefill" || mode === "decode") return mode;
  if (mode === "null" || mode === "none" || mode === "agg") return "agg";
  if (config.flags["is-prefill-worker"] !== undefined) return "prefill";
  if (config.flags["is-decode-worker"] !== undefined) return "decode";
  return null;
}

/** 1-based line and column of a character offset. */
function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf("\n"); i >= 0 && i < offset; i = source.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Whether JSON.parse of the first `length` characters fails before their end. */
function brokenPrefix(source: string, length: number): boolean {
  try {
    JSON.parse(source.slice(0, length));
    return false;
  } catch (error) {
    const message = (error as Error).message;
    if (/unexpected end/i.test(message)) return false;
    const at = /position (\d+)/.exec(message);
    return at === null ? true : Number(at[1]) < length;
  }
}

/**
 * Offset of the first JSON syntax error. V8 names a position for most errors but not for
 * "Unexpected token", so fall back to a binary search over prefixes (log2(n) parses, failure path only).
 */
export function jsonErrorOffset(source: string, message: string): number {
  if (/unexpected end/i.test(message)) return source.trimEnd().length;
  const at = /position (\d+)/.exec(message);
  if (at !== null) return Number(at[1]);
  let clean = 0;
  let broken = source.length;
  while (broken - clean > 1) {
    const mid = (clean + broken) >> 1;
    if (brokenPrefix(source, mid)) broken = mid;
    else clean = mid;
  }
  return broken - 1;
}

function describeJsonError(source: string, error: unknown): string {
  const message = (error as Error).message ?? String(error);
  const offset = jsonErrorOffset(source, message);
  const { line, column } = lineColumn(source, offset);
  const reason = message
    .replace(/ in JSON at position \d+.*$/s, "")
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, "") // V8 quotes a snippet, sometimes elided
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r");
  const truncated = offset >= source.trimEnd().length ? " (the file ends early: truncated?)" : "";
  return `invalid JSON at line ${line} column ${column}: ${reason}${truncated}`;
}

/**
 * Parses a `<node>_config.json` dump. Never throws: invalid JSON gives
 * `{ok: false, issue: "invalid JSON at line L column C: ..."}`, a wrong shape names the bad fields.
 */
export function parseNodeConfig(source: string): NodeConfigResult {
  if (source.trim() === "") return { ok: false, issue: "empty config file" };
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    return { ok: false, issue: describeJsonError(source, error) };
  }
  const checked = rawNodeConfigSchema.safeParse(value);
  if (!checked.success) return { ok: false, issue: `unexpected config shape:\n${z.prettifyError(checked.error)}` };
  return { ok: true, ...toNodeConfig(checked.data) };
}
