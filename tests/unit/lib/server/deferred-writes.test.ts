import { existsSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BENCH_CACHE_FILE } from "@/lib/server/bench-cache";
import { deferWrite, deferredWriteCount, flushDeferredWrites, QUIET_MS } from "@/lib/server/deferred-writes";
import { RunLoader } from "@/lib/server/run-loader";
import { copyFixture } from "../../../helpers/temp-dir";

const LEGACY = "tests/fixtures/loader/legacy-v1-disagg/logs";
const RUN_3667 = "3667_1P_4D_20251110_192145";

afterEach(async () => {
  vi.useRealTimers();
  await flushDeferredWrites();
});

describe("deferred cache writes", () => {
  it("run in queue order once nothing was queued for QUIET_MS; a failing write does not stop the rest", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const done: string[] = [];
    deferWrite(async () => void done.push("a"));
    await vi.advanceTimersByTimeAsync(QUIET_MS - 100);
    deferWrite(async () => {
      throw new Error("disk full");
    });
    deferWrite(async () => void done.push("c"));
    // 2 x (QUIET_MS - 100) since the first write, but only QUIET_MS - 100 since the last: still waiting.
    await vi.advanceTimersByTimeAsync(QUIET_MS - 100);
    expect(done).toEqual([]);
    expect(deferredWriteCount()).toBe(3);
    await vi.advanceTimersByTimeAsync(200);
    vi.useRealTimers();
    await flushDeferredWrites();
    expect(done).toEqual(["a", "c"]);
    expect(deferredWriteCount()).toBe(0);
  });

  it("a server loader answers before its Parquet caches exist; they are written afterwards and read by the next loader", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const logs = await copyFixture(LEGACY);
    const cache = path.join(logs, RUN_3667, ".cache", BENCH_CACHE_FILE);
    const runs = await new RunLoader(logs, { cacheWrites: "defer" }).loadAll();
    expect(runs.map((run) => run.jobId)).toEqual(["12045", "3667"]);
    expect(existsSync(cache)).toBe(false);
    vi.useRealTimers();
    await flushDeferredWrites();
    expect(existsSync(cache)).toBe(true);
    expect(await new RunLoader(logs).loadAll()).toEqual(runs);
  });

  it("the CLI's loader (the default) still writes its caches before it answers", async () => {
    const logs = await copyFixture(LEGACY);
    await new RunLoader(logs).loadAll();
    expect(deferredWriteCount()).toBe(0);
    expect(existsSync(path.join(logs, RUN_3667, ".cache", BENCH_CACHE_FILE))).toBe(true);
  });
});
