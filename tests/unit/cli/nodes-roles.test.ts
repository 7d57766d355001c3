import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { copyFixture } from "../../helpers/temp-dir";

const BIN = path.resolve("bin/srtlog.mjs");

describe("srtlog nodes on a node hosting two roles (issue 20 items 2 and 7)", () => {
  it("n1's decode worker gets no config (the dump is prefill's) and says so; TP comes from the vLLM flags", async () => {
    const logs = await copyFixture("tests/fixtures/roles/logs");
    const result = spawnSync(process.execPath, [BIN, "nodes", path.join(logs, "4420001"), "--json", "--no-cache"], { encoding: "utf8", env: { ...process.env, SRTLOG_LOGS_DIR: "" } });
    expect(result.status, result.stderr).toBe(0);
    const nodes = JSON.parse(result.stdout).nodes as { node: string; workerType: string; config: { tp: number | null }; notes: string[] }[];
    const byKey = Object.fromEntries(nodes.map((n) => [`${n.node} ${n.workerType}`, n]));
    // n1_config.json: --tensor-parallel-size 8 --disaggregation-mode prefill; n2_config.json: 4 and decode.
    expect(byKey["n1 prefill"].config.tp).toBe(8);
    expect(byKey["n2 decode"].config.tp).toBe(4);
    expect(byKey["n1 decode"].config.tp).toBeNull();
    expect(byKey["n1 decode"].notes).toContain("config unknown: logs/n1_config.json is the prefill worker's dump (its disaggregation mode says prefill), and no dump of this decode worker was found");
  });
});
