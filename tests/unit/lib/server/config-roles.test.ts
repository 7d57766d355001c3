import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { flattenRun } from "@/lib/run-diff";
import { getRunConfigView } from "@/lib/server/config-view";
import { NodeAnalyzer } from "@/lib/server/node-analyzer";
import { RunLoader } from "@/lib/server/run-loader";
import { getRunSettings } from "@/lib/server/run-diff";
import { copyFixture, tempDir } from "../../../helpers/temp-dir";
import { makeRun } from "../charts/make-run";

/**
 * Issue 20 item 2, tests/fixtures/roles: node n1 runs prefill w0 and decode w0; n1_config.json is the
 * prefill worker's dump, the decode dump is n2_config.json (n2 runs decode w1 only).
 */
async function run(jobId: "4420001" | "4420002") {
  const logs = await copyFixture("tests/fixtures/roles/logs");
  return makeRun({ runPath: path.join(logs, jobId), runDir: jobId, jobId });
}

describe("a node hosting workers of two roles", () => {
  it("Run Diff reads the decode settings from the decode dump, never the prefill one", async () => {
    const settings = getRunSettings(await run("4420001"));
    expect(settings.roles.prefill.flags).toMatchObject({ "disaggregation-mode": "prefill", "tensor-parallel-size": "8" });
    expect(settings.roles.decode.flags).toMatchObject({ "disaggregation-mode": "decode", "tensor-parallel-size": "4" });
    const flat = flattenRun(settings);
    expect(flat["decode.flags.disaggregation-mode"]).toBe("decode");
    expect(flat["decode.flags.max-num-seqs"]).toBe("256");
    expect(settings.unknownRoles).toEqual({});
  });

  it("a dump that names no role on a mixed node leaves the role unknown, said plainly", async () => {
    const settings = getRunSettings(await run("4420002"));
    expect(settings.roles.prefill).toBeUndefined();
    expect(settings.roles.decode.flags).toMatchObject({ "tensor-parallel-size": "4" });
    expect(flattenRun(settings)["prefill.config"]).toBe(
      "unknown: logs/n1_config.json does not say which role wrote it (no disaggregation mode), and n1 runs prefill and decode workers",
    );
  });

  it("the Configuration tab gives n1's decode worker no config, and says why", async () => {
    const view = getRunConfigView(await run("4420001"));
    expect(view.workers.map((w) => [w.key, w.configFile, w.configNote ?? null])).toEqual([
      ["n1_prefill_w0", "logs/n1_config.json", null],
      ["n1_decode_w0", null, "config unknown: logs/n1_config.json is the prefill worker's dump (its disaggregation mode says prefill), and no dump of this decode worker was found"],
      ["n2_decode_w1", "logs/n2_config.json", null],
    ]);
  });

  it("a dump no worker is proven to own is listed as the node's config of unknown role", async () => {
    const view = getRunConfigView(await run("4420002"));
    expect(view.workers.map((w) => [w.key, w.label, w.configFile])).toEqual([
      ["n1_prefill_w0", "n1 · prefill w0", null],
      ["n1_decode_w0", "n1 · decode w0", null],
      ["n2_decode_w1", "n2 · decode w1", "logs/n2_config.json"],
      ["n1_config", "n1 · config, role unknown", "logs/n1_config.json"],
    ]);
  });

  it("srtlog nodes (NodeAnalyzer) notes the unknown config of n1's decode worker", async () => {
    const r = await run("4420001");
    const nodes = await new NodeAnalyzer().summariseRunLogs(r.runPath, { cache: false });
    const decodeN1 = nodes.find((n) => n.node === "n1" && n.workerType === "decode")!;
    expect(decodeN1.configFile).toBeNull();
    expect(decodeN1.notes).toContain("config unknown: logs/n1_config.json is the prefill worker's dump (its disaggregation mode says prefill), and no dump of this decode worker was found");
    expect(nodes.find((n) => n.node === "n2")!.configFile).toBe("logs/n2_config.json");
  });
});

describe("Configuration overview of the 1P2D run (issue 20 item 3)", () => {
  it("nodes as the logs prove them, and the one-line conflict with the metadata", async () => {
    const { runs } = await new RunLoader(await copyFixture("tests/fixtures/roles/logs")).loadAllWithSkipped();
    const view = getRunConfigView(runs.find((r) => r.jobId === "4420001")!);
    // Metadata: prefill_nodes 2, decode_nodes 0; logs: decode w0 on n1 (shared with prefill w0), decode w1 on n2.
    expect(view.overview.find((f) => f.title === "Nodes")?.value).toBe("2 prefill + 2 decode (n1 runs both)");
    expect(view.topology.conflict).toBe("Metadata says 0 decode nodes; the worker logs show 2 decode workers on 2 nodes (n1, n2). Counts here follow the logs.");
  });
});

describe("vLLM dumps on the Configuration tab (issue 20 item 7)", () => {
  it("TP from --tensor-parallel-size, and no 'no config.server_args' warning", async () => {
    const view = getRunConfigView(await run("4420001"));
    const decode = view.configs["logs/n2_config.json"];
    expect(decode.facts).toContainEqual({ title: "TP / DP / EP / PP", value: "4 / - / - / -" });
    expect(decode.facts).toContainEqual({ title: "Served model", value: "Qwen/Qwen3-32B" });
    expect(decode.issues).toEqual([]);
  });
});

describe("a TRT-LLM run: no config dumps, one engine yaml per role (issue 20 item 7)", () => {
  it("each worker's config is its role's trtllm_config_<role>.yaml, with TP/DP/EP/PP from it", async () => {
    const runPath = path.join(await tempDir("srtlog-trtllm-"), "4430001");
    await mkdir(path.join(runPath, "logs"), { recursive: true });
    for (const name of ["n1_prefill_w0.out", "n2_decode_w0.out"]) await writeFile(path.join(runPath, "logs", name), "");
    await writeFile(path.join(runPath, "logs", "trtllm_config_prefill.yaml"), "tensor_parallel_size: 4\nmoe_expert_parallel_size: 4\npipeline_parallel_size: 1\n");
    await writeFile(path.join(runPath, "logs", "trtllm_config_decode.yaml"), "tensor_parallel_size: 8\nenable_attention_dp: true\nmoe_expert_parallel_size: 8\n");
    const view = getRunConfigView(makeRun({ runPath, runDir: "4430001" }));
    expect(view.workers.map((w) => [w.key, w.configFile])).toEqual([
      ["n1_prefill_w0", "logs/trtllm_config_prefill.yaml"],
      ["n2_decode_w0", "logs/trtllm_config_decode.yaml"],
    ]);
    expect(view.configs["logs/trtllm_config_prefill.yaml"].facts).toContainEqual({ title: "TP / DP / EP / PP", value: "4 / - / 4 / 1" });
    expect(view.configs["logs/trtllm_config_decode.yaml"].facts).toContainEqual({ title: "TP / DP / EP / PP", value: "8 / 8 / 8 / -" });
    expect(getRunSettings(makeRun({ runPath, runDir: "4430001" })).roles.decode.serverArgs).toMatchObject({ tensor_parallel_size: 8 });
  });
});
