import { describe, expect, it } from "vitest";
import { envGroupOf, memoryToMiB, nodeConfigSchema, parseCommandLineFlags, parseNodeConfig } from "../../../parsers/node-config";

/** Shaped like dynamo's --dump-config-to output (FORMATS.md §5): compact JSON, sorted keys. */
const DUMP = {
  config: {
    dynamo_args: { component: "prefill", endpoint: "dyn://dynamo.prefill.generate" },
    server_args: {
      attention_backend: "flashinfer", chunked_prefill_size: 16384, context_length: 9300, disaggregation_mode: "prefill",
      dp_size: 8, enable_dp_attention: true, ep_size: 8, kv_cache_dtype: "fp8_e4m3", mem_fraction_static: 0.84,
      model_path: "/model/DeepSeek-R1", pp_size: 1, served_model_name: "deepseek-ai/DeepSeek-R1", tp_size: 8,
    },
  },
  dynamo_version: "0.8.0",
  environment: {
    CUDA_DEVICE_MAX_CONNECTIONS: "1", DYN_SKIP_SGLANG_LOG_FORMATTING: "1", HOME: "/root", MC_FORCE_MNNVL: "1",
    MC_TE_METRIC: "true", NCCL_CUMEM_ENABLE: "1", NCCL_MNNVL_ENABLE: "1", OMPI_MCA_btl: "^openib",
    PYTORCH_CUDA_ALLOC_CONF: "expandable_segments:True", SGLANG_ENABLE_JIT_DEEPGEMM: "false", SGL_FORCE_SHUTDOWN: "1",
    TORCH_NCCL_AVOID_RECORD_STREAMS: "1", UCX_TLS: "rc,cuda",
  },
  gpu_info: { count: 4, gpus: [0, 1, 2, 3].map(() => ({ driver_version: "575.57.08", memory_total: "189471 MiB", name: "NVIDIA GB200" })) },
  installed_packages: { sglang: "0.5.6.post2" },
  runtime_info: {
    command_line_args: ["-m", "dynamo.sglang", "--model-path", "/model/DeepSeek-R1", "--tp-size", "8", "--enable-dp-attention", "--load-balance-method=round_robin", "--tool-call-parser", "a", "--tool-call-parser", "b", "--mem-fraction-static", "0.84"],
  },
  sglang_version: "0.5.6.post2",
  system_info: { hostname: "gb200-rack1-07" },
};

function ok(source: string) {
  const result = parseNodeConfig(source);
  if (!result.ok) throw new Error(result.issue);
  return result;
}

describe("parseNodeConfig", () => {
  it("reads GPU, server args, versions and dynamo args", () => {
    const { config, issues } = ok(JSON.stringify(DUMP));
    expect(issues).toEqual([]);
    expect(config.gpu).toEqual({ count: 4, name: "NVIDIA GB200", memoryTotal: "189471 MiB", memoryTotalMiB: 189471, driver: "575.57.08" });
    expect(config.serverArgs).toMatchObject({
      tp: 8, dp: 8, pp: 1, ep: 8, attentionBackend: "flashinfer", kvCacheDtype: "fp8_e4m3", servedModel: "deepseek-ai/DeepSeek-R1",
      modelPath: "/model/DeepSeek-R1", chunkedPrefillSize: 16384, contextLength: 9300, disaggregationMode: "prefill",
      memFractionStatic: 0.84, maxRunningRequests: null, enableDpAttention: true,
    });
    expect(config.serverArgs.raw.served_model_name).toBe("deepseek-ai/DeepSeek-R1");
    expect(config.versions).toEqual({ sglang: "0.5.6.post2", vllm: null, dynamo: "0.8.0" });
    expect(config.dynamoArgs).toEqual({ component: "prefill", endpoint: "dyn://dynamo.prefill.generate" });
    expect(config.dumpError).toBeNull();
    expect(nodeConfigSchema.safeParse(config).success).toBe(true);
  });

  it("groups the environment", () => {
    const { environment } = ok(JSON.stringify(DUMP)).config;
    expect(environment).toEqual({
      nccl: { NCCL_CUMEM_ENABLE: "1", NCCL_MNNVL_ENABLE: "1", TORCH_NCCL_AVOID_RECORD_STREAMS: "1" },
      sglang: { DYN_SKIP_SGLANG_LOG_FORMATTING: "1", SGLANG_ENABLE_JIT_DEEPGEMM: "false", SGL_FORCE_SHUTDOWN: "1" },
      cuda: { CUDA_DEVICE_MAX_CONNECTIONS: "1", PYTORCH_CUDA_ALLOC_CONF: "expandable_segments:True" },
      mooncake: { MC_FORCE_MNNVL: "1", MC_TE_METRIC: "true" },
      ompi: { OMPI_MCA_btl: "^openib" },
      other: { HOME: "/root", UCX_TLS: "rc,cuda" },
    });
    expect(envGroupOf("MOONCAKE_CONFIG_PATH")).toBe("mooncake");
  });

  it("parses command_line_args given as a list", () => {
    const { flags, positionalArgs } = ok(JSON.stringify(DUMP)).config;
    expect(flags).toEqual({
      m: "dynamo.sglang", "model-path": "/model/DeepSeek-R1", "tp-size": "8", "enable-dp-attention": true,
      "load-balance-method": "round_robin", "tool-call-parser": ["a", "b"], "mem-fraction-static": "0.84",
    });
    expect(positionalArgs).toEqual([]);
  });

  it("parses command_line_args given as one string", () => {
    const dump = { ...DUMP, runtime_info: { command_line_args: `python3 -m dynamo.sglang --served-model-name "my model" --dp 8 --trust-remote-code --port=30000` } };
    const { flags, positionalArgs } = ok(JSON.stringify(dump)).config;
    expect(flags).toEqual({ m: "dynamo.sglang", "served-model-name": "my model", dp: "8", "trust-remote-code": true, port: "30000" });
    expect(positionalArgs).toEqual(["python3"]);
  });

  it("a failed dump {error, system_info} is kept as dumpError with an issue", () => {
    const result = ok(JSON.stringify({ error: "nvidia-smi not found", system_info: { hostname: "n1" } }));
    expect(result.config.dumpError).toBe("nvidia-smi not found");
    expect(result.issues).toEqual(["config dump failed: nvidia-smi not found"]);
    expect(result.config.gpu.count).toBeNull();
  });

  it("notes what is missing", () => {
    const result = ok(JSON.stringify({ environment: {}, sglang_version: "0.5.6" }));
    expect(result.issues).toEqual(["no config.server_args and no command line", "no gpu_info"]);
    expect(result.config.serverArgs.tp).toBeNull();
  });

  it("reads vLLM spellings of the parallel sizes", () => {
    const dump = { config: { server_args: { tensor_parallel_size: 4, data_parallel_size: 2, max_model_len: 8192, model: "/m" } }, gpu_info: { gpus: [] }, vllm_version: "0.11.0" };
    const { config } = ok(JSON.stringify(dump));
    expect(config.serverArgs).toMatchObject({ tp: 4, dp: 2, pp: null, contextLength: 8192, servedModel: "/m" });
    expect(config.versions.vllm).toBe("0.11.0");
  });
});

describe("parseNodeConfig: broken files never throw", () => {
  it("truncated JSON names the line and column and says it ends early", () => {
    const pretty = JSON.stringify(DUMP, null, 2);
    const cut = pretty.slice(0, pretty.indexOf('"tp_size"') + 10); // ends after `"tp_size":`
    const line = cut.split("\n").length;
    const column = cut.split("\n")[line - 1].length + 1;
    expect(parseNodeConfig(cut)).toEqual({ ok: false, issue: `invalid JSON at line ${line} column ${column}: Unexpected end of JSON input (the file ends early: truncated?)` });
  });

  it("a bad token is located even when the engine gives no position", () => {
    expect(parseNodeConfig('{"config": {"x": tru}}')).toEqual({ ok: false, issue: "invalid JSON at line 1 column 21: Unexpected token '}'" });
    // `tru` followed by a newline: the newline is the first character that cannot continue it.
    expect(parseNodeConfig('{\n  "config": {\n    "x": tru\n  }\n}')).toEqual({ ok: false, issue: "invalid JSON at line 3 column 13: Unexpected token '\\n'" });
    expect(parseNodeConfig('{\n  "a": 1\n  "b": 2\n}')).toEqual({ ok: false, issue: "invalid JSON at line 3 column 3: Expected ',' or '}' after property value" });
  });

  it("empty files and wrong shapes are issues", () => {
    expect(parseNodeConfig("  \n")).toEqual({ ok: false, issue: "empty config file" });
    const array = parseNodeConfig("[1, 2]");
    expect(array.ok).toBe(false);
    expect(!array.ok && array.issue).toMatch(/^unexpected config shape:\n.*expected object, received array/);
    const badGpu = parseNodeConfig(JSON.stringify({ gpu_info: { count: "four" } }));
    expect(!badGpu.ok && badGpu.issue).toMatch(/gpu_info\.count/);
  });
});

describe("helpers", () => {
  it("memoryToMiB reads MiB strings, GB strings and bytes", () => {
    expect(memoryToMiB("81559 MiB")).toBe(81559);
    expect(memoryToMiB("80 GiB")).toBe(81920);
    expect(memoryToMiB(85899345920)).toBe(81920);
    expect(memoryToMiB(81559)).toBe(81559);
    expect(memoryToMiB("n/a")).toBeNull();
  });

  it("parseCommandLineFlags treats a negative number as a value", () => {
    expect(parseCommandLineFlags(["--offset", "-1", "--verbose"]).flags).toEqual({ offset: "-1", verbose: true });
  });
});

describe("vLLM and TRT-LLM dumps without server_args (issue 20 item 7)", () => {
  const dump = (args: string[]) => JSON.stringify({ gpu_info: { count: 8, gpus: [] }, runtime_info: { command_line_args: ["python3", "-m", "dynamo.vllm", ...args] }, vllm_version: "0.15.1" });
  const parsed = (args: string[]) => {
    const result = parseNodeConfig(dump(args));
    if (!result.ok) throw new Error(result.issue);
    return result;
  };

  it("takes TP/DP/PP and the model from vLLM's flags, with no 'no config.server_args' warning", () => {
    const { config, issues } = parsed(["--model", "/model", "--served-model-name", "Qwen/Qwen3-32B", "--tensor-parallel-size", "4", "--data-parallel-size", "2", "--pipeline-parallel-size", "2", "--max-model-len", "8192"]);
    expect(config.serverArgs).toMatchObject({ tp: 4, dp: 2, pp: 2, ep: null, servedModel: "Qwen/Qwen3-32B", contextLength: 8192, raw: {} });
    expect(issues).toEqual([]);
  });

  it("--enable-expert-parallel means EP = TP × DP (vLLM); --expert-parallel-size and short -tp/-dp flags are read too", () => {
    expect(parsed(["--tensor-parallel-size", "2", "--data-parallel-size", "4", "--enable-expert-parallel"]).config.serverArgs.ep).toBe(8);
    expect(parsed(["-tp", "8", "--enable-expert-parallel"]).config.serverArgs).toMatchObject({ tp: 8, ep: 8 });
    expect(parsed(["-tp", "8", "-dp", "2", "--expert-parallel-size", "4"]).config.serverArgs).toMatchObject({ tp: 8, dp: 2, ep: 4 });
  });

  it("TRT-LLM's underscore flags (--tp_size, --pp_size, --ep_size)", () => {
    expect(parsed(["--tp_size", "4", "--pp_size", "2", "--ep_size", "4"]).config.serverArgs).toMatchObject({ tp: 4, pp: 2, ep: 4 });
    // trtllm-serve as srtctl launches it
    expect(parsed(["--tensor_parallel_size", "8", "--moe_expert_parallel_size", "8", "--pipeline_parallel_size", "1"]).config.serverArgs).toMatchObject({ tp: 8, ep: 8, pp: 1 });
  });

  it("server_args, when dumped, still win over the flags", () => {
    const result = parseNodeConfig(JSON.stringify({ config: { server_args: { tp_size: 8 } }, gpu_info: { gpus: [] }, runtime_info: { command_line_args: ["--tp-size", "4"] } }));
    expect(result.ok && result.config.serverArgs.tp).toBe(8);
  });
});
