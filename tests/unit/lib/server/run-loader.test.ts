import { chmod, cp, readFile, stat, symlink, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RunLoader } from "@/lib/server/run-loader";
import { BENCH_CACHE_FILE } from "@/lib/server/bench-cache";
import { userCacheDir } from "@/lib/server/cache-dir";
import { ROW_COLUMNS } from "@/lib/rows";
import { copyFixture, tempDir } from "../../../helpers/temp-dir";

const LEGACY = "tests/fixtures/loader/legacy-v1-disagg/logs";
const RUN_3667 = "3667_1P_4D_20251110_192145";

describe("RunLoader, used as the guide's Python examples use it", () => {
  it("loadAll: runs newest first with metadata, topology and completeness", async () => {
    const loader = new RunLoader(await copyFixture(LEGACY));
    const runs = await loader.loadAll();
    expect(runs.map((r) => r.jobId)).toEqual(["12045", "3667"]);
    const run = runs.find((r) => r.jobId === "3667")!;
    expect(run.topology).toBe("1P/4D");
    expect(run.metadata.gpuType).toContain("H100");
    expect(run.isComplete).toBe(false);
    expect(run.missingConcurrencies).toEqual([128]);
    // As in `for i, concurrency in enumerate(run.profiler.concurrency_values)`: points in concurrency order.
    expect(run.points.map((p) => p.concurrency)).toEqual([16, 32, 64]);
  });

  it("loadAllWithSkipped: the skipped runs come with reasons; unreadable metadata with results still loads, warned", async () => {
    const loader = new RunLoader(await copyFixture("tests/fixtures/loader/broken-and-skipped/logs"));
    const { runs, skipped } = await loader.loadAllWithSkipped();
    // 5002's 5002.json is empty, but its results exist: it loads (issue 13 section 1), before it was skipped.
    expect(runs.map((r) => r.runDir)).toEqual(["5004_1P_1D_20251204_000000", "5003", "5002", "5001_1P_1D_20251201_000000"]);
    const run5002 = runs.find((r) => r.runDir === "5002")!;
    expect(run5002.warnings).toEqual(["unreadable 5002.json: empty file; loaded from its results alone, so GPU count, topology, model and dates are unknown"]);
    expect(run5002.metadata).toMatchObject({ jobId: "5002", metadataVersion: "unknown", gpuType: null, prefillWorkers: null });
    expect(skipped.find((s) => s.runDir === "5009")?.reason).toMatch(/^unreadable 5009\.json: not the nested \(run_metadata\) form, and not the flat form: .*model/s);
  });

  it("editTags on a run loaded without <jobid>.json says why, and writes nothing", async () => {
    const logs = await copyFixture("tests/fixtures/loader/broken-and-skipped/logs");
    const loader = new RunLoader(logs);
    const run = (await loader.loadSingle("5001_1P_1D_20251201_000000"))!;
    expect(run.metadata.metadataVersion).toBe("unknown");
    await expect(loader.editTags(run.runPath, { add: ["x"] })).rejects.toThrow(
      "run 5001_1P_1D_20251201_000000 has no 5001.json to keep tags in; tags cannot be saved until it has one",
    );
    await expect(stat(path.join(run.runPath, "5001.json"))).rejects.toThrow();
  });

  it("loadSingle: one run by directory, relative or absolute; null for what is not a run", async () => {
    const logs = await copyFixture(LEGACY);
    const loader = new RunLoader(logs);
    expect((await loader.loadSingle(RUN_3667))?.jobId).toBe("3667");
    expect((await loader.loadSingle(path.join(logs, RUN_3667)))?.jobId).toBe("3667");
    expect(await loader.loadSingle("does-not-exist")).toBeNull();
    expect(await loader.loadSingle("/etc")).toBeNull();
  });

  it("toRows: the data frame, one row per point, with the guide's columns and derived metrics", async () => {
    const loader = new RunLoader(await copyFixture(LEGACY));
    const rows = await loader.toRows();
    const runs = await loader.loadAll();
    expect(rows).toHaveLength(runs.reduce((n, r) => n + r.points.length, 0));
    expect(Object.keys(rows[0])).toEqual([...ROW_COLUMNS]);
    for (const row of rows) {
      const tpot = row["Mean TPOT (ms)"] as number;
      expect(row["Output TPS/User"]).toBeCloseTo(1000 / tpot, 9);
      expect(row["Output TPS/GPU"]).toBeCloseTo((row["Output TPS"] as number) / (row["Total GPUs"] as number), 9);
    }
    const only3667 = await loader.toRows(runs.filter((r) => r.jobId === "3667"));
    expect(new Set(only3667.map((r) => r["Run ID"]))).toEqual(new Set(["3667"]));
  });

  it("updateTags: rewrites <jobid>.json keeping other keys in order, 2-space indent", async () => {
    const logs = await copyFixture(LEGACY);
    const file = path.join(logs, RUN_3667, "3667.json");
    const before = JSON.parse(await readFile(file, "utf8"));
    const loader = new RunLoader(logs);
    expect(await loader.updateTags(path.join(logs, RUN_3667), ["baseline", " h100 ", "baseline"])).toEqual(["baseline", "h100"]);
    const text = await readFile(file, "utf8");
    const after = JSON.parse(text);
    expect(Object.keys(after)).toEqual(Object.keys({ ...before, tags: [] }));
    expect(after.run_metadata).toEqual(before.run_metadata);
    expect(after.tags).toEqual(["baseline", "h100"]);
    expect(text).toContain('\n  "run_metadata": {\n    "');
    expect((await loader.loadSingle(RUN_3667))?.metadata.tags).toEqual(["baseline", "h100"]);
  });

  it("concurrent tag edits of one file all land, and the file is always valid JSON", async () => {
    const logs = await copyFixture(LEGACY);
    const runPath = path.join(logs, RUN_3667);
    const loaders = [new RunLoader(logs), new RunLoader(logs)];
    const tags = Array.from({ length: 24 }, (_, i) => `tag-${i}`);
    await Promise.all(tags.map((tag, i) => loaders[i % 2].editTags(runPath, { add: [tag] })));
    const saved = JSON.parse(await readFile(path.join(runPath, "3667.json"), "utf8")).tags as string[];
    for (const tag of tags) expect(saved).toContain(tag);
    await loaders[0].editTags(runPath, { remove: ["tag-3"] });
    const again = JSON.parse(await readFile(path.join(runPath, "3667.json"), "utf8")).tags as string[];
    expect(again).not.toContain("tag-3");
    expect(again).toHaveLength(saved.length - 1);
  });

  it("updateTags refuses a path that is not a run under the logs dir", async () => {
    const loader = new RunLoader(await copyFixture(LEGACY));
    await expect(loader.updateTags("/etc", ["x"])).rejects.toThrow(/no run at \/etc/);
  });

  it("a logs dir that does not exist is a clear error naming the path", async () => {
    await expect(new RunLoader("/no/such/dir").loadAll()).rejects.toThrow("logs directory /no/such/dir does not exist or cannot be read");
  });
});

describe("Parquet cache", () => {
  async function setup() {
    const logs = await copyFixture(LEGACY);
    const runPath = path.join(logs, RUN_3667);
    const cache = path.join(runPath, ".cache", BENCH_CACHE_FILE);
    return { logs, runPath, cache };
  }

  it("is written at the guide's path and reused while the results are unchanged", async () => {
    const { logs, cache } = await setup();
    await new RunLoader(logs).loadAll();
    const first = await stat(cache);
    await new RunLoader(logs).loadAll();
    expect((await stat(cache)).mtimeMs).toBe(first.mtimeMs);
  });

  it("is rebuilt when a result file changes", async () => {
    const { logs, runPath } = await setup();
    await new RunLoader(logs).loadAll();
    const file = path.join(runPath, "sa-bench_isl_1024_osl_1024", "concurrency_16.json");
    const raw = JSON.parse(await readFile(file, "utf8"));
    raw.output_throughput = 12345.5;
    await writeFile(file, JSON.stringify(raw));
    const run = await new RunLoader(logs).loadSingle(RUN_3667);
    expect(run?.points.find((p) => p.concurrency === 16)?.outputTps).toBe(12345.5);
  });

  it("a corrupt cache is replaced, and the run still loads", async () => {
    const { logs, cache } = await setup();
    const expected = (await new RunLoader(logs).loadSingle(RUN_3667))?.points;
    await writeFile(cache, "PAR1 this is not parquet");
    const old = new Date(Date.now() - 60_000);
    await utimes(cache, old, old);
    expect((await new RunLoader(logs).loadSingle(RUN_3667))?.points).toEqual(expected);
    expect((await readFile(cache)).subarray(0, 4).toString()).toBe("PAR1");
    expect((await stat(cache)).size).toBeGreaterThan(100);
  });

  it("falls back to a per-user cache dir when the run dir cannot take one", async () => {
    const { logs, runPath } = await setup();
    process.env.SRTLOG_CACHE_DIR = await tempDir("srtlog-usercache-");
    try {
      // A file where the cache dir should be: writing there fails even for root.
      await writeFile(path.join(runPath, ".cache"), "not a directory");
      const run = await new RunLoader(logs).loadSingle(RUN_3667);
      expect(run?.points).toHaveLength(3);
      await stat(path.join(userCacheDir(runPath), BENCH_CACHE_FILE));
    } finally {
      delete process.env.SRTLOG_CACHE_DIR;
    }
  });

  it("loads from a read-only run dir", async () => {
    const { logs, runPath } = await setup();
    await chmod(runPath, 0o555);
    try {
      const run = await new RunLoader(logs).loadSingle(RUN_3667);
      expect(run?.points).toHaveLength(3);
    } finally {
      await chmod(runPath, 0o755);
    }
  });
});

describe("run discovery", () => {
  it("follows a symlink that stays inside the logs dir, not one that leaves it", async () => {
    const logs = await copyFixture(LEGACY);
    const outside = await copyFixture("tests/fixtures/loader/current-v2-logs-layout/logs");
    await symlink(path.join(outside, "4401470"), path.join(logs, "4401470"));
    const runs = await new RunLoader(logs).loadAll();
    expect(runs.map((r) => r.jobId)).toEqual(["12045", "3667"]);
  });

  it("notices a new run directory on the next load of the same loader", async () => {
    const logs = await copyFixture(LEGACY);
    const loader = new RunLoader(logs);
    expect(await loader.loadAll()).toHaveLength(2);
    const extra = await copyFixture("tests/fixtures/loader/current-v2-logs-layout/logs");
    await symlink(path.join(extra, "4401470"), path.join(logs, "4401470-link-outside"));
    await cp(path.join(extra, "4401470"), path.join(logs, "4401470"), { recursive: true });
    expect((await loader.loadAll()).map((r) => r.jobId)).toEqual(["4401470", "12045", "3667"]);
  });
});
