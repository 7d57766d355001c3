import { describe, expect, it } from "vitest";
import { configOwnership } from "@/lib/config-owner";
import { configRole, parseNodeConfig } from "@/parsers/node-config";

const claim = (contentRole: "prefill" | "decode" | "agg" | null | undefined, fileRole: "prefill" | "decode" | "agg" | null = null) => ({ file: "logs/n1_config.json", fileRole, contentRole });

describe("configOwnership", () => {
  it("a dump that says prefill is not the decode worker's, even on the decode worker's node", () => {
    expect(configOwnership("prefill", "n1", ["prefill", "decode"], claim("prefill"))).toEqual({ owned: true });
    expect(configOwnership("decode", "n1", ["prefill", "decode"], claim("prefill"))).toEqual({
      owned: false,
      note: "config unknown: logs/n1_config.json is the prefill worker's dump (its disaggregation mode says prefill), and no dump of this decode worker was found",
    });
  });

  it("a silent dump belongs to the node's role when every worker there has it, else to nobody", () => {
    expect(configOwnership("agg", "eos0001", ["agg", "agg", "agg"], claim(undefined))).toEqual({ owned: true });
    expect(configOwnership("decode", "n2", ["decode"], claim(null))).toEqual({ owned: true });
    expect(configOwnership("decode", "n1", ["prefill", "decode"], claim(null))).toEqual({
      owned: false,
      note: "config unknown: logs/n1_config.json does not say which role wrote it (no disaggregation mode), and n1 runs prefill and decode workers",
    });
  });

  it("a role in the file name decides", () => {
    expect(configOwnership("decode", "n1", ["prefill", "decode"], claim(undefined, "decode"))).toEqual({ owned: true });
  });
});

describe("configRole", () => {
  const role = (dump: object) => {
    const parsed = parseNodeConfig(JSON.stringify(dump));
    if (!parsed.ok) throw new Error(parsed.issue);
    return configRole(parsed.config);
  };

  it("reads server_args.disaggregation_mode (SGLang writes \"null\" for aggregated workers)", () => {
    expect(role({ config: { server_args: { disaggregation_mode: "prefill" } } })).toBe("prefill");
    expect(role({ config: { server_args: { disaggregation_mode: "null" } } })).toBe("agg");
  });

  it("else --disaggregation-mode, else the old --is-decode-worker flag; else nothing", () => {
    expect(role({ runtime_info: { command_line_args: ["python3", "-m", "dynamo.vllm", "--disaggregation-mode", "decode"] } })).toBe("decode");
    expect(role({ runtime_info: { command_line_args: "python3 -m dynamo.vllm --disaggregation-mode=prefill" } })).toBe("prefill");
    expect(role({ runtime_info: { command_line_args: ["python3", "-m", "dynamo.vllm", "--is-decode-worker"] } })).toBe("decode");
    expect(role({ runtime_info: { command_line_args: ["python3", "-m", "dynamo.vllm", "--tensor-parallel-size", "8"] } })).toBeNull();
  });
});
