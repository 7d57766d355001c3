import { lutimesSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RunLoader } from "@/lib/server/run-loader";
import { revalidateRunFiles, scanRunFiles } from "@/lib/server/scan-runs";
import { copyFixture } from "../../../helpers/temp-dir";

// A warm page stats each run's directories and files instead of listing the directories again, as
// long as no directory's mtime moved (lib/server/scan-runs.ts revalidateRunFiles). The loaders write no
// per-run cache here: creating <run>/.cache moves the run dir's mtime (then it is simply scanned again).
const FIXTURE = "tests/fixtures/loader/legacy-v1-disagg/logs";
const RUN = "3667_1P_4D_20251110_192145";
const RESULTS = "sa-bench_isl_1024_osl_1024";
const HOUR_AGO = new Date(Date.now() - 3600_000);

/** The run with its directories an hour old, as a finished run's are. */
async function oldRun(): Promise<{ logs: string; run: string; results: string }> {
  const logs = await copyFixture(FIXTURE);
  const run = path.join(logs, RUN);
  const results = path.join(run, RESULTS);
  for (const dir of [run, results]) utimesSync(dir, HOUR_AGO, HOUR_AGO);
  return { logs, run, results };
}

/** A result file for concurrency `c`, made from the 64 one. */
function addResult(results: string, c: number, name = `concurrency_${c}.json`): void {
  const data = JSON.parse(readFileSync(path.join(results, "concurrency_64.json"), "utf8"));
  writeFileSync(path.join(results, name), JSON.stringify({ ...data, max_concurrency: c }));
}

const sources = async (loader: RunLoader) => (await loader.loadAll()).find((r) => r.runDir === RUN)!.points.map((p) => path.basename(p.sourceFile));
const concurrencies = async (loader: RunLoader) => (await loader.loadAll()).find((r) => r.runDir === RUN)!.points.map((p) => p.concurrency);

describe("revalidateRunFiles", () => {
  it("gives the same files as a fresh scan while nothing moved, with the files' new stamps after an in-place change", async () => {
    const { run, results } = await oldRun();
    const scanned = scanRunFiles(run, "3667", 1024, 1024);
    expect(scanned.dirs.map((d) => d.rel)).toEqual(["", RESULTS]);
    expect(revalidateRunFiles(run, scanned)).toEqual({ ...scanned });
    const file = path.join(results, "concurrency_16.json");
    writeFileSync(file, readFileSync(file, "utf8") + "\n");
    utimesSync(results, HOUR_AGO, HOUR_AGO); // an in-place write does not touch the directory; make sure
    const again = revalidateRunFiles(run, scanned)!;
    const fresh = scanRunFiles(run, "3667", 1024, 1024);
    expect({ ...again, listedAtMs: 0 }).toEqual({ ...fresh, listedAtMs: 0, dirs: scanned.dirs });
    expect(again.resultFiles.find((f) => f.rel.endsWith("concurrency_16.json"))!.size).toBe(statSync(file).size);
  });

  it("trusts an unchanged directory mtime: a file slipped in with the mtime put back is not seen (the shortcut is taken) until clear() (Sync Now)", async () => {
    const { logs, results } = await oldRun();
    const loader = new RunLoader(logs, { cacheWrites: "index-only" });
    expect(await concurrencies(loader)).toEqual([16, 32, 64]);
    addResult(results, 128);
    utimesSync(results, HOUR_AGO, HOUR_AGO);
    expect(await concurrencies(loader)).toEqual([16, 32, 64]);
    loader.clear();
    expect(await concurrencies(loader)).toEqual([16, 32, 64, 128]);
  });

  it("does not trust a directory modified within 2 s of its listing (coarse timestamps): the same trick is seen", async () => {
    const { logs, results } = await oldRun();
    const recent = new Date(Date.now() - 500);
    utimesSync(results, recent, recent);
    const loader = new RunLoader(logs, { cacheWrites: "index-only" });
    expect(await concurrencies(loader)).toEqual([16, 32, 64]);
    addResult(results, 128);
    utimesSync(results, recent, recent);
    expect(await concurrencies(loader)).toEqual([16, 32, 64, 128]);
  });

  it("a listing made too close to a directory change is made again later and then kept, in memory and in the index", async () => {
    const { logs, run, results } = await oldRun();
    const recent = new Date(Date.now() - 500);
    utimesSync(results, recent, recent);
    await new RunLoader(logs, { cacheWrites: "index-only" }).loadAll();
    // Time passes: the directory's change is now well before any new listing.
    utimesSync(results, HOUR_AGO, HOUR_AGO);
    const loader = new RunLoader(logs, { cacheWrites: "index-only" });
    expect(await concurrencies(loader)).toEqual([16, 32, 64]);
    addResult(results, 128);
    for (const dir of [run, results]) utimesSync(dir, HOUR_AGO, HOUR_AGO);
    // The settled listing is used now, by this loader and by a new one reading the index.
    expect(await concurrencies(loader)).toEqual([16, 32, 64]);
    expect(await concurrencies(new RunLoader(logs, { cacheWrites: "index-only" }))).toEqual([16, 32, 64]);
  });

  it("a result added, removed or renamed the ordinary way (the directory's mtime moves) is picked up by the same loader", async () => {
    const { logs, results } = await oldRun();
    const loader = new RunLoader(logs, { cacheWrites: "index-only" });
    expect(await concurrencies(loader)).toEqual([16, 32, 64]);
    addResult(results, 128);
    expect(await concurrencies(loader)).toEqual([16, 32, 64, 128]);
    // The listing above is recent now; age it so the next check takes the shortcut if it can.
    for (const dir of [path.join(logs, RUN), results]) utimesSync(dir, HOUR_AGO, HOUR_AGO);
    const aged = new RunLoader(logs, { cacheWrites: "index-only" });
    await aged.loadAll();
    rmSync(path.join(results, "concurrency_32.json"));
    expect(await concurrencies(aged)).toEqual([16, 64, 128]);
    renameSync(path.join(results, "concurrency_16.json"), path.join(results, "concurrency_16_renamed.json"));
    expect(await sources(aged)).toEqual(["concurrency_16_renamed.json", "concurrency_64.json", "concurrency_128.json"]);
  });

  it("a metadata file that appears in logs/ (srtctl copies it there at the end) is found: logs/ is one of the directories watched", async () => {
    const { logs, run } = await oldRun();
    const loader = new RunLoader(logs, { cacheWrites: "index-only" });
    const before = (await loader.loadAll()).find((r) => r.runDir === RUN)!;
    expect(before.metadataFile).toBe("3667.json");
    const moved = path.join(run, "logs");
    renameSync(path.join(run, RESULTS), path.join(run, "tmp-results"));
    // A new logs/ dir changes the run dir's mtime: the run is scanned again and its results are found there.
    mkdirSync(moved);
    renameSync(path.join(run, "tmp-results"), path.join(moved, RESULTS));
    const after = (await loader.loadAll()).find((r) => r.runDir === RUN)!;
    expect(after.resultDirs).toEqual([`logs/${RESULTS}`]);
    expect(after.points.map((p) => p.concurrency)).toEqual([16, 32, 64]);
  });

  it("a logs/ symlink whose target was missing (a scratch mount down) is read once the target is there, with no run dir change", async () => {
    const { logs, run } = await oldRun();
    const target = path.join(path.dirname(logs), "scratch-logs");
    const away = `${target}-away`;
    mkdirSync(away);
    renameSync(path.join(run, "3667.json"), path.join(away, "3667.json"));
    symlinkSync(target, path.join(run, "logs"));
    lutimesSync(path.join(run, "logs"), HOUR_AGO, HOUR_AGO);
    utimesSync(run, HOUR_AGO, HOUR_AGO);
    const runMtime = statSync(run).mtimeMs;
    const loader = new RunLoader(logs, { cacheWrites: "index-only" });
    const unknownGpus = (await loader.loadAll()).find((r) => r.runDir === RUN)!;
    expect(unknownGpus.warnings.join()).toMatch(/^no 3667\.json in /);
    expect(unknownGpus.totalGpus).toBeNull();
    // The mount comes back: only the far end changes, the run dir and its link stay as they were.
    renameSync(away, target);
    utimesSync(target, HOUR_AGO, HOUR_AGO);
    expect(statSync(run).mtimeMs).toBe(runMtime);
    const found = (await loader.loadAll()).find((r) => r.runDir === RUN)!;
    expect(found.warnings.join()).not.toMatch(/no 3667\.json/);
    expect(found.totalGpus).not.toBeNull();
  });
});
