import { appendFile, copyFile, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { getLogHealth, getRunsHealth } from "@/lib/server/run-health";
import { makeRun } from "../charts/make-run";
import { tempDir } from "../../../helpers/temp-dir";

describe("getLogHealth", () => {
  it("scans every worker log of a run (run dir and logs/), naming the file of each occurrence", async () => {
    const run = await tempDir();
    await mkdir(path.join(run, "logs"));
    await copyFile("tests/fixtures/health/worker.err", path.join(run, "logs", "n1_decode_w0.err"));
    await writeFile(path.join(run, "n2_prefill_w0.out"), "ok\nTraceback (most recent call last):\n");
    await writeFile(path.join(run, "benchmark.out"), "Traceback (most recent call last):\n");
    const scan = await getLogHealth(run);
    expect(scan.counts).toEqual({ oom: 2, nccl: 2, traceback: 2, kvTransfer: 1, retracted: 1, restart: 1 });
    expect(scan.first.find((o) => o.file === "n2_prefill_w0.out")).toMatchObject({ signal: "traceback", line: 2 });
    expect(scan.first.find((o) => o.signal === "oom")).toMatchObject({ file: path.join("logs", "n1_decode_w0.err"), line: 7 });
  });

  it("reuses the scan until a log changes, then rescans", async () => {
    const run = await tempDir();
    const log = path.join(run, "n1_agg_w0.err");
    await writeFile(log, "torch.OutOfMemoryError: CUDA out of memory.\n");
    const first = getLogHealth(run);
    expect(getLogHealth(run)).toBe(first);
    expect((await first).counts.oom).toBe(1);
    await appendFile(log, "torch.OutOfMemoryError: CUDA out of memory.\n");
    expect((await getLogHealth(run)).counts.oom).toBe(2);
  });

  it("streams a log larger than one chunk, with a line split across chunks", async () => {
    const run = await tempDir();
    const filler = "x".repeat(1023) + "\n";
    await writeFile(path.join(run, "n1_agg_w0.out"), filler.repeat(1024) + "yy CUDA out of memory\n" + filler.repeat(10));
    const scan = await getLogHealth(run);
    expect(scan.counts.oom).toBe(1);
    expect(scan.first[0]).toMatchObject({ line: 1025 });
  });

  it("keeps the scan in <run>/.cache/health.json, read back after a restart while the logs are unchanged", async () => {
    const run = await tempDir();
    await writeFile(path.join(run, "n1_agg_w0.err"), "torch.OutOfMemoryError: CUDA out of memory.\n");
    await getLogHealth(run);
    const file = path.join(run, ".cache", "health.json");
    const cached = JSON.parse(await readFile(file, "utf8"));
    expect(cached).toMatchObject({ version: "1", fingerprint: expect.stringContaining("n1_agg_w0.err:") });
    // A marker only the cache holds proves the fresh module read it instead of rescanning.
    await writeFile(file, JSON.stringify({ ...cached, scan: { ...cached.scan, retractedRequests: 42 } }));
    vi.resetModules();
    const fresh = await import("@/lib/server/run-health");
    expect((await fresh.getLogHealth(run)).retractedRequests).toBe(42);
  });

  it("writes no cache for a run without worker logs", async () => {
    const run = await tempDir();
    expect((await getLogHealth(run)).first).toEqual([]);
    expect(await readdir(run)).toEqual([]);
  });

  it("many runs: log signals when the scan is done in time, result-file signals only when it is not", async () => {
    const runPath = await tempDir();
    // 16 MiB of batch-like lines: the scan takes far longer than a 0 ms wait.
    const filler = `${"x".repeat(1023)}\n`.repeat(16 * 1024);
    await writeFile(path.join(runPath, "n1_agg_w0.err"), `${filler}torch.OutOfMemoryError: CUDA out of memory.\n`);
    const run = makeRun({ runPath, missingConcurrencies: [64] });
    const [late] = await getRunsHealth([run], 0);
    expect(late.badge).toBe("1 missing concurrency");
    await getLogHealth(runPath);
    const [done] = await getRunsHealth([run], 1000);
    expect(done.badge).toBe("1 OOM, 1 missing concurrency");
  });
});
