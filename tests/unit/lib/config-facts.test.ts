import { describe, expect, it } from "vitest";
import { disaggregationText, toConfigDetails } from "@/lib/config-view";
import { parseNodeConfig } from "@/parsers/node-config";

/** A config dump as SGLang writes it, with the server args given. */
function facts(serverArgs: Record<string, unknown>) {
  const parsed = parseNodeConfig(JSON.stringify({ config: { server_args: { tp_size: 8, ...serverArgs } }, gpu_info: { count: 8, gpus: [{ name: "NVIDIA H100 80GB HBM3" }] } }));
  if (!parsed.ok) throw new Error(parsed.issue);
  return Object.fromEntries(toConfigDetails("n1_config.json", parsed.config, []).facts.map((f) => [f.title, f.value]));
}

describe("config facts never print a literal null", () => {
  it("SGLang's disaggregation_mode \"null\" reads as not disaggregated", () => {
    expect(facts({ disaggregation_mode: "null" }).Disaggregation).toBe("none (aggregated)");
    expect(facts({ disaggregation_mode: "decode" }).Disaggregation).toBe("decode");
    expect(facts({}).Disaggregation).toBeUndefined();
    expect(disaggregationText(null)).toBeNull();
  });

  it("a setting written as the string \"None\" or \"null\" is left out, like a missing one", () => {
    const shown = facts({ attention_backend: "None", kv_cache_dtype: "null", served_model_name: "deepseek-ai/DeepSeek-R1" });
    expect(shown["Attention backend"]).toBeUndefined();
    expect(shown["KV cache dtype"]).toBeUndefined();
    expect(shown["Served model"]).toBe("deepseek-ai/DeepSeek-R1");
    expect(Object.values(shown).some((value) => /\bnull\b|\bNone\b/.test(value))).toBe(false);
  });
});
