import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { badge, diffRuns } from "@/lib/run-diff";
import { getRunSettings } from "@/lib/server/run-diff";
import { tempDir } from "../../../helpers/temp-dir";
import { makeRun } from "../charts/make-run";

const dump = (mem: number) =>
  JSON.stringify({
    config: { server_args: { tp_size: 8, mem_fraction_static: mem } },
    environment: { NCCL_IB_HCA: "mlx5_0", MY_VAR: "1" },
    runtime_info: { command_line_args: ["python3", "-m", "dynamo.sglang", "--tp-size", "8", "--enable-dp-attention"] },
  });

async function runDir(name: string, mem: number, recipe: string) {
  const runPath = path.join(await tempDir("srtlog-diff-"), name);
  await mkdir(path.join(runPath, "logs"), { recursive: true });
  await writeFile(path.join(runPath, "cn01_prefill_w0.err"), "");
  await writeFile(path.join(runPath, "cn01_prefill_config.json"), dump(mem));
  await writeFile(path.join(runPath, "logs", "config.yaml"), recipe);
  return makeRun({ runPath, runDir: name, jobId: name, meta: { jobId: name } });
}

describe("getRunSettings", () => {
  it("reads each role's config dump (server args, flags, every env var) and the recipe from logs/", async () => {
    const settings = getRunSettings(await runDir("1", 0.8, "backend:\n  tp: 8\n"));
    expect(settings.roles.prefill).toMatchObject({ serverArgs: { tp_size: 8, mem_fraction_static: 0.8 }, environment: { NCCL_IB_HCA: "mlx5_0", MY_VAR: "1" } });
    expect(settings.roles.prefill.flags).toMatchObject({ "tp-size": "8", "enable-dp-attention": true });
    expect(settings.recipe).toEqual({ backend: { tp: 8 } });
    expect(settings.metadata).not.toHaveProperty("jobId");
  });

  it("two runs that differ in one server arg: a single variable", async () => {
    const rows = diffRuns(getRunSettings(await runDir("1", 0.8, "a: 1\n")), getRunSettings(await runDir("2", 0.9, "a: 1\n")));
    expect(rows.filter((r) => r.differs).map((r) => r.key)).toEqual(["prefill.server_args.mem_fraction_static"]);
    expect(badge(rows)).toBe("single variable");
  });
});
