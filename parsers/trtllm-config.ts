import { parse } from "yaml";
import { envGroupsSchema, parseNodeConfig, readServerArgs, type NodeConfigResult } from "./node-config";

/**
 * `trtllm_config_<prefill|decode|agg>.yaml`: the TRT-LLM engine config srtctl writes into the log dir
 * for each worker role (TRT-LLM writes no `<node>_config.json`). Its keys are the LLM API's:
 * `tensor_parallel_size`, `pipeline_parallel_size`, `moe_expert_parallel_size`, `enable_attention_dp`
 * (attention data-parallel over the TP ranks, so DP = TP), `max_batch_size`, `max_num_tokens`, ...
 * Returned as a config dump with those keys as its server args; never throws.
 */

const TRTLLM_CONFIG = /^trtllm_config_(prefill|decode|agg)\.yaml$/;

/** The role a TRT-LLM engine config file is for, from its name; null for other names. */
export function trtllmConfigRole(name: string): "prefill" | "decode" | "agg" | null {
  const match = TRTLLM_CONFIG.exec(name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1));
  return match ? (match[1] as "prefill" | "decode" | "agg") : null;
}

export function parseTrtllmConfig(text: string): NodeConfigResult {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    return { ok: false, issue: `invalid YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, issue: "the TRT-LLM config is not a mapping" };
  const args = value as Record<string, unknown>;
  const attentionDp = args.enable_attention_dp === true && args.dp_size === undefined ? { dp_size: args.tensor_parallel_size } : {};
  const serverArgs = { ...readServerArgs({ ...args, ...attentionDp }), raw: args };
  const environment = envGroupsSchema.parse({ nccl: {}, sglang: {}, cuda: {}, mooncake: {}, ompi: {}, other: {} });
  return {
    ok: true,
    config: {
      gpu: { count: null, name: null, memoryTotal: null, memoryTotalMiB: null, driver: null },
      serverArgs,
      dynamoArgs: {},
      environment,
      flags: {},
      positionalArgs: [],
      versions: { sglang: null, vllm: null, dynamo: null },
      dumpError: null,
    },
    issues: [],
  };
}

/** A worker config file of either kind, by its name: a TRT-LLM engine yaml or a `<node>_config.json` dump. */
export function parseConfigFile(name: string, text: string): NodeConfigResult {
  return trtllmConfigRole(name) ? parseTrtllmConfig(text) : parseNodeConfig(text);
}
