import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RunLoader } from "@/lib/server/run-loader";
import { BENCH_CACHE_FILE, readBenchCache } from "@/lib/server/bench-cache";
import { fingerprintOf, scanRunFiles } from "@/lib/server/scan-runs";
import { copyFixture } from "../../../helpers/temp-dir";

// Cold loads of many runs parse result files on worker threads (lib/server/result-pool.ts); what they
// give must be what this thread gives, and the threads must leave the same Parquet caches behind.
const FIXTURES = ["tests/fixtures/loader/current-v2-logs-layout/logs", "tests/fixtures/loader/result-variants/logs", "tests/fixtures/loader/broken-and-skipped/logs"];
const ENV = ["SRTLOG_THREADS", "SRTLOG_WORKER_CACHE", "SRTLOG_CACHE_DIR"] as const;

describe("result parsing on worker threads", () => {
  const saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));
  let workerCache: string;

  beforeEach(() => {
    workerCache = mkdtempSync(path.join(tmpdir(), "srtlog-worker-cache-"));
    process.env.SRTLOG_WORKER_CACHE = workerCache;
  });
  afterEach(() => {
    for (const name of ENV) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    rmSync(workerCache, { recursive: true, force: true });
  });

  it.each(FIXTURES)("%s: threads give the same runs and skips as this thread, and write every run's cache", async (fixture) => {
    // Same content; only the temp dirs differ.
    const load = async () => {
      const logs = await copyFixture(fixture);
      const result = await new RunLoader(logs).loadAllWithSkipped();
      return { logs, result, text: JSON.stringify(result).replaceAll(path.dirname(logs), "<tmp>") };
    };
    process.env.SRTLOG_THREADS = "0";
    const here = await load();
    expect(existsSync(path.join(workerCache, "results.mjs"))).toBe(false);
    process.env.SRTLOG_THREADS = "always";
    const { result: threaded, text } = await load();
    expect(existsSync(path.join(workerCache, "results.mjs")), "a thread loaded the result parser").toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(here.text));
    expect(threaded.runs.length).toBeGreaterThan(0);
    for (const run of threaded.runs) {
      const files = scanRunFiles(run.runPath, run.jobId, run.metadata.profiler.isl, run.metadata.profiler.osl);
      expect(existsSync(path.join(run.runPath, ".cache", BENCH_CACHE_FILE)), run.runDir).toBe(true);
      expect((await readBenchCache(run.runPath, fingerprintOf(files.resultFiles)))?.points, run.runDir).toEqual(run.points);
    }
  });
});
