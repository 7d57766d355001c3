import { describe, expect, it } from "vitest";
import { parseConfigFileName, parseLogFileName } from "../../../parsers/log-file-name";

describe("parseLogFileName", () => {
  it("reads worker logs, including the legacy .err", () => {
    expect(parseLogFileName("theia0044_prefill_w0.out")).toEqual({ node: "theia0044", role: "prefill", workerId: "w0", index: 0, ext: ".out" });
    expect(parseLogFileName("eos0250_decode_w12.err")).toEqual({ node: "eos0250", role: "decode", workerId: "w12", index: 12, ext: ".err" });
    expect(parseLogFileName("eos0001_agg_w0.out")).toMatchObject({ node: "eos0001", role: "agg", workerId: "w0" });
  });

  it("keeps `-` and `_` in node names and takes the role from the last segment", () => {
    expect(parseLogFileName("watchtower-navy-cn01_decode_w3.out")).toMatchObject({ node: "watchtower-navy-cn01", role: "decode", workerId: "w3" });
    expect(parseLogFileName("gpu_node_01_prefill_w1.out")).toMatchObject({ node: "gpu_node_01", role: "prefill", workerId: "w1" });
    expect(parseLogFileName("rack_decode_w2_prefill_w0.out")).toMatchObject({ node: "rack_decode_w2", role: "prefill", workerId: "w0" });
  });

  it("reads frontend, router and nginx logs", () => {
    expect(parseLogFileName("gpu_node_01_frontend_0.out")).toEqual({ node: "gpu_node_01", role: "frontend", workerId: "0", index: 0, ext: ".out" });
    expect(parseLogFileName("eos0001_router_2.out")).toMatchObject({ node: "eos0001", role: "router", workerId: "2", index: 2 });
    expect(parseLogFileName("watchtower-navy-cn01_nginx.out")).toEqual({ node: "watchtower-navy-cn01", role: "nginx", workerId: null, index: null, ext: ".out" });
  });

  it("accepts a path and uses its last segment", () => {
    expect(parseLogFileName("/home/rihuo/srt-slurm/outputs/1543570/logs/theia0044_prefill_w0.out")).toMatchObject({ node: "theia0044", workerId: "w0" });
  });

  it("rejects everything else in a logs dir", () => {
    for (const name of [
      "theia0044_prefill_w0_gpu_utilization.log", "theia0044_config.json", "sweep_1543570.log", "benchmark.out", "log.out",
      "log.err", "infra.out", "model_download.out", "stage_model_theia0044.out", "fingerprint_prefill_w0.json", "nginx.conf",
      "theia0044_prefill_w0.txt", "_prefill_w0.out", "theia0044_prefill_wx.out", "theia0044_nginx_1.out",
    ]) {
      expect(parseLogFileName(name), name).toBeNull();
    }
  });
});

describe("parseConfigFileName", () => {
  it("reads <node>_config.json and <node>_<role>_config.json", () => {
    expect(parseConfigFileName("watchtower-navy-cn01_config.json")).toEqual({ node: "watchtower-navy-cn01" });
    expect(parseConfigFileName("gpu_node_01_config.json")).toEqual({ node: "gpu_node_01" });
    expect(parseConfigFileName("gpu_node_01_prefill_config.json")).toEqual({ node: "gpu_node_01", role: "prefill" });
    expect(parseConfigFileName("logs/eos0219_decode_config.json")).toEqual({ node: "eos0219", role: "decode" });
  });

  it("rejects other files", () => {
    for (const name of ["trtllm_config_prefill.yaml", "fingerprint_prefill_w0.json", "_config.json", "config.yaml", "eos0219_config.json.bak"]) {
      expect(parseConfigFileName(name), name).toBeNull();
    }
  });
});

describe("parseLogFileName: per-DP-rank worker logs", () => {
  it("reads `_DP<d>` after the worker index for every role, and hostnames with `-`", () => {
    expect(parseLogFileName("bia0004_agg_w0_DP0.out")).toEqual({ node: "bia0004", role: "agg", workerId: "w0", index: 0, dp: 0, ext: ".out" });
    expect(parseLogFileName("nvl72d068-T01_prefill_w2_DP13.err")).toEqual({ node: "nvl72d068-T01", role: "prefill", workerId: "w2", index: 2, dp: 13, ext: ".err" });
    expect(parseLogFileName("node-a_decode_w3_DP1.out")).toMatchObject({ node: "node-a", role: "decode", workerId: "w3", dp: 1 });
  });

  it("rejects other suffixes", () => {
    for (const name of ["bia0004_agg_w0_DP.out", "bia0004_agg_w0_dp0.out", "bia0004_agg_w0_DP0_x.out", "bia0004_agg_DP0.out"]) expect(parseLogFileName(name), name).toBeNull();
  });
});
