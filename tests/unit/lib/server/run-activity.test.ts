import { mkdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getRunActivity, observeRun } from "@/lib/server/run-activity";
import { tempDir } from "../../../helpers/temp-dir";

const MIN = 60_000;

async function liveRun(concurrencies: number[] | null) {
  const run = path.join(await tempDir(), "4242");
  await mkdir(path.join(run, "logs", "sa-bench_isl_1024_osl_1024"), { recursive: true });
  await writeFile(path.join(run, "logs", "n1_decode_w0.out"), "[2026-12-06 11:00:00] Decode batch, #running-req: 1, #queue-req: 0\n");
  await writeFile(path.join(run, "logs", "sa-bench_isl_1024_osl_1024", "results_concurrency_16_gpus_8.json"), "{}");
  const metadata = { profiler: { isl: 1024, osl: 1024, concurrencies } } as never;
  return { runPath: run, jobId: "4242", metadata };
}

async function age(run: { runPath: string }, minutes: number, now: number) {
  const when = new Date(now - minutes * MIN);
  for (const file of ["logs/n1_decode_w0.out", "logs/sa-bench_isl_1024_osl_1024/results_concurrency_16_gpus_8.json"]) await utimes(path.join(run.runPath, file), when, when);
}

describe("observeRun / getRunActivity", () => {
  it("sees results present against the expected list and the newest mtime", async () => {
    const run = await liveRun([16, 32]);
    const now = Date.now();
    await age(run, 2, now);
    const seen = observeRun(run);
    expect(seen.resultsComplete).toBe(false);
    expect(seen.orchestratorEnded).toBe(false);
    expect(Math.abs(seen.newestMtimeMs! - (now - 2 * MIN))).toBeLessThan(1000);
    expect(getRunActivity(run, now)).toBe("running");
    // The same run, quiet for 2 h after being seen running: stalled.
    expect(getRunActivity(run, now + 2 * 60 * MIN)).toBe("stalled");
  });

  it("is finished once the last concurrency's result lands or the sweep log ends", async () => {
    const run = await liveRun([16, 32]);
    expect(getRunActivity(run)).toBe("running");
    await writeFile(path.join(run.runPath, "logs", "sa-bench_isl_1024_osl_1024", "results_concurrency_32_gpus_8.json"), "{}");
    expect(getRunActivity(run)).toBe("finished");
    const other = await liveRun(null);
    expect(getRunActivity(other)).toBe("running");
    await writeFile(path.join(other.runPath, "logs", "sweep_4242.log"), "✓ Sweep completed successfully\nEnd: Sun Dec  6 11:00:00 UTC 2026\n");
    expect(getRunActivity(other)).toBe("finished");
  });

  it("calls a run read from a dataset finished even while its source still looks live: a dataset is a snapshot", async () => {
    const run = await liveRun([16, 32]);
    expect(getRunActivity(run)).toBe("running");
    const ingested = { ...run, origin: { dataset: "/d", runKey: "c/4242", cluster: "c", month: "2026-12" } };
    expect(getRunActivity(ingested)).toBe("finished");
  });

  it("calls a run whose directory vanished finished, without throwing", async () => {
    const run = await liveRun([16, 32]);
    const { rm } = await import("node:fs/promises");
    await rm(run.runPath, { recursive: true });
    expect(getRunActivity(run)).toBe("finished");
  });

  it("calls a run finished when its loaded points cover every expected concurrency, whatever its files' names and mtimes", async () => {
    const run = await liveRun([16, 32]);
    // Logs written just now and no file named for concurrency 32: observing the files says running.
    expect(getRunActivity(run)).toBe("running");
    const loaded = { ...run, runPath: `${run.runPath}/`, points: [{ concurrency: 16 }, { concurrency: 32 }] as never };
    expect(getRunActivity(loaded)).toBe("finished");
    expect(getRunActivity({ ...loaded, points: [{ concurrency: 16 }] as never })).toBe("running");
  });
});
