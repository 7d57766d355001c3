import { describe, expect, it } from "vitest";
import { parseConfigFile, parseTrtllmConfig, trtllmConfigRole } from "@/parsers/trtllm-config";

// What srtctl's trtllm backend writes (yaml.safe_dump of the recipe's per-mode config).
const DECODE_YAML = `enable_attention_dp: true
max_batch_size: 256
max_num_tokens: 512
max_seq_len: 9280
moe_expert_parallel_size: 16
pipeline_parallel_size: 1
tensor_parallel_size: 16
kv_cache_config:
  free_gpu_memory_fraction: 0.85
`;

describe("TRT-LLM engine configs (issue 20 item 7)", () => {
  it("knows the role from the file name", () => {
    expect(trtllmConfigRole("logs/trtllm_config_decode.yaml")).toBe("decode");
    expect(trtllmConfigRole("trtllm_config_agg.yaml")).toBe("agg");
    expect(trtllmConfigRole("n1_config.json")).toBeNull();
  });

  it("reads TP/EP/PP, DP = TP under attention DP, batch size and sequence length", () => {
    const result = parseTrtllmConfig(DECODE_YAML);
    if (!result.ok) throw new Error(result.issue);
    expect(result.config.serverArgs).toMatchObject({ tp: 16, dp: 16, ep: 16, pp: 1, maxRunningRequests: 256, contextLength: 9280 });
    expect(result.config.serverArgs.raw).toMatchObject({ kv_cache_config: { free_gpu_memory_fraction: 0.85 } });
    expect(result.issues).toEqual([]);
  });

  it("bad YAML is an issue, not a throw; a JSON dump name goes to the dump parser", () => {
    expect(parseTrtllmConfig("a: [1, 2")).toMatchObject({ ok: false, issue: expect.stringMatching(/^invalid YAML: /) });
    expect(parseTrtllmConfig("- 1\n- 2\n")).toEqual({ ok: false, issue: "the TRT-LLM config is not a mapping" });
    expect(parseConfigFile("n1_config.json", "")).toEqual({ ok: false, issue: "empty config file" });
  });
});
