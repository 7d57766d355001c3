import path from "node:path";
import { describe, expect, it } from "vitest";
import { flattenRun } from "@/lib/run-diff";
import { getRunConfigView } from "@/lib/server/config-view";
import { NodeAnalyzer } from "@/lib/server/node-analyzer";
import { RunLoader } from "@/lib/server/run-loader";
import { getRunSettings } from "@/lib/server/run-diff";
import { copyFixture } from "../../../helpers/temp-dir";
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
