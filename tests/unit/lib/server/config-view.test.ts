import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getRunConfigView } from "@/lib/server/config-view";
import { tempDir } from "../../../helpers/temp-dir";
import { makeRun } from "../charts/make-run";

const dump = (mode: string, env: Record<string, string>) =>
  JSON.stringify({
    config: { server_args: { tp_size: 8, dp_size: 8, ep_size: 8, attention_backend: "flashinfer", served_model_name: "deepseek-ai/DeepSeek-R1", disaggregation_mode: mode } },
    environment: env,
    gpu_info: { count: 8, gpus: [{ name: "NVIDIA H200", memory_total: "143771 MiB", driver_version: "560.35.03" }] },
    runtime_info: { command_line_args: ["python3", "-m", "dynamo.sglang", "--tp-size", "8", "--disaggregation-mode", mode, "--enable-dp-attention"] },
    sglang_version: "0.5.4.post1",
  });

describe("getRunConfigView", () => {
  it("guide layout: worker logs and <node>_<role>_config.json in the run dir", async () => {
    const runPath = path.join(await tempDir("srtlog-config-"), "3667_1P_1D_20251110_192145");
    await mkdir(runPath);
    await writeFile(path.join(runPath, "cn01_prefill_w0.err"), "");
    await writeFile(path.join(runPath, "cn01_frontend_0.out"), "");
    await writeFile(path.join(runPath, "cn02_decode_w0.err"), "");
    await writeFile(path.join(runPath, "cn01_prefill_config.json"), dump("prefill", { NCCL_IB_HCA: "mlx5_0", SGLANG_DG_CACHE_DIR: "/cache" }));
    await writeFile(path.join(runPath, "cn02_decode_config.json"), '{"config": {');
    const view = getRunConfigView(makeRun({ runPath, runDir: "3667_1P_1D_20251110_192145", topology: "1P/1D", meta: { decodeNodes: 1, decodeWorkers: 1 } }));
    expect(view.label).toBe("3667 | 1P/1D | 8+8 GPUs");
    expect(view.overview.find((f) => f.title === "Nodes")?.value).toBe("1 prefill + 1 decode (2 in all)");
    expect(view.topology.nodes).toEqual([{ node: "cn01", services: ["frontend 0", "prefill w0"] }, { node: "cn02", services: ["decode w0"] }]);
    expect(view.workers.map((w) => [w.key, w.label, w.configFile])).toEqual([
      ["cn01_prefill_w0", "cn01 · prefill w0", "cn01_prefill_config.json"],
      ["cn02_decode_w0", "cn02 · decode w0", "cn02_decode_config.json"],
    ]);
    const prefill = view.configs["cn01_prefill_config.json"];
    expect(prefill.flags).toContainEqual({ flag: "--disaggregation-mode", value: "prefill" });
    expect(prefill.facts).toContainEqual({ title: "TP / DP / EP / PP", value: "8 / 8 / 8 / -" });
    expect(prefill.environment.find((c) => c.key === "nccl")?.vars).toEqual([["NCCL_IB_HCA", "mlx5_0"]]);
    expect(view.configs["cn02_decode_config.json"].issues[0]).toMatch(/^invalid JSON/);
  });

  it("current layout: logs/ with <node>_config.json shared by a node's workers, and a dump without a worker", async () => {
    const runPath = path.join(await tempDir("srtlog-config-"), "4401463");
    await mkdir(path.join(runPath, "logs"), { recursive: true });
    for (const name of ["eos0234_prefill_w0.out", "eos0234_prefill_w1.out", "eos0250_decode_w0.out", "eos0300_frontend_0.out"]) await writeFile(path.join(runPath, "logs", name), "");
    await writeFile(path.join(runPath, "logs", "eos0234_config.json"), dump("prefill", {}));
    await writeFile(path.join(runPath, "logs", "eos0300_config.json"), dump("null", { OMPI_MCA_x: "1" }));
    const view = getRunConfigView(makeRun({ runPath, runDir: "4401463" }));
    expect(view.workers.map((w) => [w.key, w.role, w.configFile])).toEqual([
      ["eos0234_prefill_w0", "prefill", "logs/eos0234_config.json"],
      ["eos0234_prefill_w1", "prefill", "logs/eos0234_config.json"],
      ["eos0250_decode_w0", "decode", null],
      ["eos0300_config", null, "logs/eos0300_config.json"],
    ]);
    expect(Object.keys(view.configs)).toEqual(["logs/eos0234_config.json", "logs/eos0300_config.json"]);
    expect(view.topology.counts.map((f) => `${f.title} ${f.value}`)).toEqual(["Prefill 2", "Decode 1", "Frontend 1"]);
  });
});
