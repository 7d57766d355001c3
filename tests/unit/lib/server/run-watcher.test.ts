import { appendFile, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { watchedRuns, watchRun, type LiveEvent } from "@/lib/server/run-watcher";
import { tempDir } from "../../../helpers/temp-dir";

process.env.SRTLOG_WATCH_MS = "100";
const LINE = "[2026-12-06 11:00:00 DP0 TP0 EP0] Decode batch, #running-req: 1, #queue-req: 0\n";

async function liveRun() {
  const runPath = path.join(await tempDir("srtlog-watch-"), "4242");
  await mkdir(path.join(runPath, "logs", "sa-bench_isl_1024_osl_1024"), { recursive: true });
  await writeFile(path.join(runPath, "logs", "n1_decode_w0.out"), LINE);
  return { runPath, jobId: "4242", metadata: { profiler: { isl: 1024, osl: 1024, concurrencies: [16] } } as never };
}

const until = async (test: () => boolean) => {
  for (let i = 0; i < 50 && !test(); i++) await new Promise((r) => setTimeout(r, 50));
};

describe("watchRun", () => {
  it("shares one watcher among subscribers, tells each of a change, and ends with 'finished'", async () => {
    const run = await liveRun();
    const a: LiveEvent[] = [];
    const b: LiveEvent[] = [];
    watchRun(run, (e) => a.push(e));
    watchRun(run, (e) => b.push(e));
    expect(watchedRuns().filter((w) => w.runPath === run.runPath)).toEqual([{ runPath: run.runPath, subscribers: 2 }]);
    await appendFile(path.join(run.runPath, "logs", "n1_decode_w0.out"), LINE);
    await until(() => a.length > 0 && b.length > 0);
    expect(a.map((e) => e.type)).toEqual(["change"]);
    expect(b).toEqual(a);
    await writeFile(path.join(run.runPath, "logs", "sa-bench_isl_1024_osl_1024", "results_concurrency_16_gpus_8.json"), "{}");
    await until(() => a.some((e) => e.type === "finished"));
    expect(a.map((e) => e.type)).toEqual(["change", "change", "finished"]);
    expect(watchedRuns().some((w) => w.runPath === run.runPath)).toBe(false);
  });

  it("stops the watcher when the last subscriber leaves", async () => {
    const run = await liveRun();
    const off1 = watchRun(run, () => {});
    const off2 = watchRun(run, () => {});
    off1();
    expect(watchedRuns().find((w) => w.runPath === run.runPath)?.subscribers).toBe(1);
    off2();
    expect(watchedRuns().some((w) => w.runPath === run.runPath)).toBe(false);
  });

  it("says 'gone' once when the run directory disappears", async () => {
    const run = await liveRun();
    const events: LiveEvent[] = [];
    watchRun(run, (e) => events.push(e));
    await rm(run.runPath, { recursive: true });
    await until(() => events.length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(events).toEqual([{ type: "gone" }]);
  });
});
