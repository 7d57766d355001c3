import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkLogsDir } from "@/lib/server/dashboard-logs";
import { getDashboard } from "@/lib/server/dashboard-data";
import { ingest } from "@/lib/server/dataset/ingest";
import { copyFixture, tempDir } from "../../../../helpers/temp-dir";

// Which datasets a dashboard may open: the one it was started on (SRTLOG_DATASET), or one under
// SRTLOG_LOGS_ROOTS; a dataset picked in the form alone is not enough (it gathers many clusters' runs).
afterEach(() => vi.unstubAllEnvs());

async function smallDataset(): Promise<string> {
  const logs = await copyFixture("tests/fixtures/loader/legacy-v1-disagg/logs");
  const dataset = path.join(await tempDir("srtlog-dsaccess-"), "dataset");
  await ingest({ dataset, logsDirs: [logs], cluster: "c1", progress: () => {} });
  return dataset;
}

describe("dashboard on a dataset: access", () => {
  it("SRTLOG_DATASET is the default when no logs dir is set, and its runs are the dashboard's", async () => {
    const dataset = await smallDataset();
    vi.stubEnv("SRTLOG_LOGS_DIR", "");
    vi.stubEnv("LOGS_DIR", "");
    vi.stubEnv("SRTLOG_LOGS_ROOTS", "");
    vi.stubEnv("SRTLOG_DATASET", dataset);
    expect(checkLogsDir(undefined)).toEqual({ ok: true, dir: dataset, isDefault: true });
    const d = await getDashboard("run=all&cluster=c1");
    expect(d.filtered.map((run) => run.runDir).sort()).toEqual(["c1:12045_2P_2D_20251115_101500", "c1:3667_1P_4D_20251110_192145"]);
    expect(d.options.cluster).toEqual(["c1"]);
  });

  it("another dataset: refused when picked in the form only, allowed under SRTLOG_LOGS_ROOTS or when it is the configured one", async () => {
    const dataset = await smallDataset();
    const logs = await tempDir();
    await mkdir(path.join(logs, "x"));
    await writeFile(path.join(logs, "x", "x.json"), "{}");
    vi.stubEnv("SRTLOG_LOGS_DIR", logs);
    vi.stubEnv("SRTLOG_LOGS_ROOTS", "");
    vi.stubEnv("SRTLOG_DATASET", "");
    expect(checkLogsDir(dataset, [dataset])).toEqual({
      ok: false, dir: dataset, isDefault: false,
      message: `${dataset} is a dataset this server was not started on: set SRTLOG_DATASET to it, or SRTLOG_LOGS_ROOTS covering it`,
    });
    vi.stubEnv("SRTLOG_DATASET", dataset);
    expect(checkLogsDir(dataset)).toEqual({ ok: true, dir: dataset, isDefault: false });
    vi.stubEnv("SRTLOG_DATASET", "");
    vi.stubEnv("SRTLOG_LOGS_ROOTS", path.dirname(dataset));
    expect(checkLogsDir(dataset)).toEqual({ ok: true, dir: dataset, isDefault: false });
  });
});
