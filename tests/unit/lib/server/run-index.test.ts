import { renameSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RunLoader } from "@/lib/server/run-loader";
import { loadRun } from "@/lib/server/load-run";
import { listRunDirs } from "@/lib/server/scan-runs";
import { decodeRunIndex, encodeRunIndex, RUN_INDEX_FILE, type IndexedLoad } from "@/lib/server/run-index";
import { copyFixture, tempDir } from "../../../helpers/temp-dir";

// The logs dir's index cache (lib/server/run-index.ts): a warm start reads one file, and a run whose
// files changed is read again, whatever the index says.
const FIXTURE = "tests/fixtures/loader/legacy-v1-disagg/logs";
const indexOf = (logs: string) => path.join(logs, ".cache", RUN_INDEX_FILE);

/** Change what the index says about one run, so a load that shows it must have come from the index. */
function tamperIndex(logs: string, runDir: string, topology: string): void {
  const file = indexOf(logs);
  const index = JSON.parse(readFileSync(file, "utf8"));
  index.entries[runDir].load.run.topology = topology;
  writeFileSync(file, JSON.stringify(index));
}

const savedCacheDir = process.env.SRTLOG_CACHE_DIR;
afterEach(() => {
  if (savedCacheDir === undefined) delete process.env.SRTLOG_CACHE_DIR;
  else process.env.SRTLOG_CACHE_DIR = savedCacheDir;
});

describe("run index", () => {
  it("a new loader takes unchanged runs from the index, and re-reads a run whose files changed", async () => {
    const logs = await copyFixture(FIXTURE);
    const cold = await new RunLoader(logs).loadAll();
    const [first, second] = cold.map((run) => run.runDir);
    tamperIndex(logs, first, "FROM-INDEX");
    tamperIndex(logs, second, "FROM-INDEX");
    // A tag edit rewrites the second run's <jobid>.json: its stamp no longer matches.
    const second0 = cold.find((run) => run.runDir === second)!;
    await new RunLoader(logs).updateTags(second0.runPath, ["edited"]);
    const warm = await new RunLoader(logs).loadAll();
    expect(warm.find((run) => run.runDir === first)!.topology).toBe("FROM-INDEX");
    const reread = warm.find((run) => run.runDir === second)!;
    expect(reread.topology).toBe(second0.topology);
    expect(reread.metadata.tags).toEqual(["edited"]);
  });

  it("a new result file, or a run removed, updates the index on the next load", async () => {
    const logs = await copyFixture(FIXTURE);
    const cold = await new RunLoader(logs).loadAll();
    const run = cold[0];
    const source = run.points[0].sourceFile;
    const dir = path.join(run.runPath, run.resultDirs[0]);
    const resultFile = path.join(dir, path.basename(source));
    const text = readFileSync(resultFile, "utf8");
    const concurrency = run.points[0].concurrency;
    const unseen = 7777;
    writeFileSync(path.join(dir, path.basename(resultFile).replace(`_${concurrency}_`, `_${unseen}_`).replace(`concurrency_${concurrency}.`, `concurrency_${unseen}.`)), text.replace(`"max_concurrency": ${concurrency}`, `"max_concurrency": ${unseen}`));
    rmSync(cold[1].runPath, { recursive: true });
    const warm = await new RunLoader(logs).loadAll();
    expect(warm.map((r) => r.runDir)).toEqual(cold.filter((r) => r !== cold[1]).map((r) => r.runDir));
    expect(warm[0].points.map((p) => p.concurrency)).toContain(unseen);
    const index = decodeRunIndex(readFileSync(indexOf(logs), "utf8"))!;
    expect([...index.keys()].sort()).toEqual(warm.map((r) => r.runDir).sort());
  });

  it("a damaged or other-version index is ignored and rewritten", async () => {
    const logs = await copyFixture(FIXTURE);
    const cold = await new RunLoader(logs).loadAllWithSkipped();
    writeFileSync(indexOf(logs), readFileSync(indexOf(logs), "utf8").slice(0, 500));
    expect(await new RunLoader(logs).loadAllWithSkipped()).toStrictEqual(cold);
    expect(decodeRunIndex(readFileSync(indexOf(logs), "utf8"))).not.toBeNull();
    const index = JSON.parse(readFileSync(indexOf(logs), "utf8"));
    index.version = "0/old";
    index.entries[cold.runs[0].runDir].load.run.topology = "STALE";
    writeFileSync(indexOf(logs), JSON.stringify(index));
    expect((await new RunLoader(logs).loadAll())[0].topology).toBe(cold.runs[0].topology);
  });

  it("a logs dir seen at another path does not reuse runs indexed at the old one", async () => {
    const logs = await copyFixture(FIXTURE);
    await new RunLoader(logs).loadAll();
    const moved = path.join(path.dirname(logs), "moved");
    renameSync(logs, moved); // mtimes stay exactly as they were, so every stamp still matches
    const runs = await new RunLoader(moved).loadAll();
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(run.runPath.startsWith(moved + path.sep)).toBe(true);
  });

  it("skipped runs are indexed too, with their reasons", async () => {
    const logs = await copyFixture("tests/fixtures/loader/broken-and-skipped/logs");
    const cold = await new RunLoader(logs).loadAllWithSkipped();
    expect(cold.skipped.length).toBeGreaterThan(0);
    const index = decodeRunIndex(readFileSync(indexOf(logs), "utf8"))!;
    for (const skip of cold.skipped) expect(index.get(skip.runDir)?.load).toMatchObject({ ok: false, reason: skip.reason });
    expect(await new RunLoader(logs).loadAllWithSkipped()).toStrictEqual(cold);
  });

  it("an index that would be written outside the logs dir (a linked .cache) goes to the per-user cache dir", async () => {
    const logs = await copyFixture(FIXTURE);
    const outside = await tempDir("srtlog-outside-");
    const userCache = await tempDir("srtlog-usercache-");
    process.env.SRTLOG_CACHE_DIR = userCache;
    symlinkSync(outside, path.join(logs, ".cache"));
    const cold = await new RunLoader(logs).loadAll();
    expect(existsSync(path.join(outside, RUN_INDEX_FILE))).toBe(false);
    rmSync(path.join(logs, ".cache"));
    mkdirSync(path.join(logs, ".cache"));
    // Read back from the per-user copy: same runs.
    expect(await new RunLoader(logs).loadAll()).toStrictEqual(cold);
  });

  it("every real load of the fixtures comes back from the index equal (points, file stamps with their paths, skips)", async () => {
    const logs = await copyFixture(FIXTURE);
    const entries = new Map<string, IndexedLoad>();
    for (const entry of listRunDirs(logs)) entries.set(entry.name, { stamp: entry.name, load: await loadRun(entry) });
    expect([...entries.values()].some((e) => e.load.ok && e.load.files.resultFiles.length > 0)).toBe(true);
    const decoded = decodeRunIndex(encodeRunIndex(entries))!;
    expect(new Map(decoded)).toStrictEqual(entries);
  });

  it("non-finite numbers survive the round trip", () => {
    const load = { ok: false as const, runDir: "1_x", reason: "r" };
    const entries = new Map<string, IndexedLoad>([["1_x", { stamp: "s", load }]]);
    const withNumbers = { stamp: "t", load: { ok: true, run: { points: [{ requestRate: Infinity }, { requestRate: -Infinity }, { requestRate: Number.NaN }, { requestRate: 2 }] } } };
    entries.set("2_y", withNumbers as unknown as IndexedLoad);
    const decoded = decodeRunIndex(encodeRunIndex(entries))!;
    const points = (decoded.get("2_y")!.load as unknown as { run: { points: { requestRate: number }[] } }).run.points;
    expect(points.map((p) => p.requestRate)).toEqual([Infinity, -Infinity, Number.NaN, 2]);
    expect(decoded.get("1_x")).toEqual({ stamp: "s", load });
  });
});
