import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROW_COLUMNS } from "@/lib/rows";
import { copyFixture, tempDir } from "../../helpers/temp-dir";

const BIN = path.resolve("bin/srtlog.mjs");

function srtlog(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, SRTLOG_LOGS_DIR: "" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("srtlog runs", () => {
  it("--json prints one object with runs, their points and the skipped runs", async () => {
    const logs = await copyFixture("tests/fixtures/loader/broken-and-skipped/logs");
    const { code, stdout } = srtlog("runs", "--logs", logs, "--json");
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    // 5004 has good metadata; 5003/5002/5001 load from their results although their metadata is broken or missing.
    expect(out.runs.map((r: { runDir: string }) => r.runDir)).toEqual(["5004_1P_1D_20251204_000000", "5003", "5002", "5001_1P_1D_20251201_000000"]);
    const run = out.runs[0];
    for (const key of ["jobId", "runDir", "topology", "totalGpus", "gpuType", "profiler", "isl", "osl", "tags", "isComplete", "missingConcurrencies", "points"]) {
      expect(run, key).toHaveProperty(key);
    }
    expect(run.runDir).toBe("5004_1P_1D_20251204_000000");
    expect(Object.keys(run.points[0])).toEqual(expect.arrayContaining(["concurrency", "outputTps", "totalTps", "meanTtftMs", "meanTpotMs", "meanItlMs"]));
    expect(out.runs[2].warnings).toEqual(["unreadable 5002.json: empty file; loaded from its results alone, so GPU count, topology, model and dates are unknown"]);
    expect(out.skipped.map((s: { runDir: string }) => s.runDir)).toContain("5009");
    expect(out.skipped.every((s: { reason: string }) => s.reason.length > 0)).toBe(true);
  });

  it("prints a table for people, with skipped runs and why", async () => {
    const logs = await copyFixture("tests/fixtures/loader/broken-and-skipped/logs");
    const { code, stdout } = srtlog("runs", "--logs", logs);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Job\s+Topology/);
    expect(stdout).toContain("skipped 5009: unreadable 5009.json: not the nested (run_metadata) form");
    expect(stdout).toContain("warning 5002: unreadable 5002.json: empty file; loaded from its results alone");
  });

  it("a bad --logs path or flag is one line on stderr and exit code 2", () => {
    const missing = srtlog("runs", "--logs", "/no/such/logs");
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe("srtlog runs: logs directory /no/such/logs does not exist or cannot be read");
    const flag = srtlog("runs", "--frobnicate");
    expect(flag.code).toBe(2);
    expect(flag.stderr.trim().split("\n")).toHaveLength(1);
    expect(srtlog("nonsense").code).toBe(2);
  });
});

describe("srtlog export", () => {
  it("csv: RFC 4180 with the data-frame columns, one line per point", async () => {
    const logs = await copyFixture("tests/fixtures/loader/legacy-v1-disagg/logs");
    const { code, stdout } = srtlog("export", "--logs", logs, "--format", "csv");
    expect(code).toBe(0);
    const lines = stdout.split("\r\n");
    expect(lines[0]).toBe(ROW_COLUMNS.join(","));
    expect(lines.at(-1)).toBe("");
    // 3667 has 3 points (16, 32, 64), 12045 has 2 (64, 256).
    expect(lines.length - 2).toBe(5);
  });

  it("json: records, and --out writes a file", async () => {
    const logs = await copyFixture("tests/fixtures/loader/legacy-v1-disagg/logs");
    const out = path.join(await tempDir(), "rows.json");
    expect(srtlog("export", "--logs", logs, "--format", "json", "--out", out).code).toBe(0);
    const rows = JSON.parse(await readFile(out, "utf8"));
    expect(rows).toHaveLength(5);
    expect(Object.keys(rows[0])).toEqual([...ROW_COLUMNS]);
  });

  it("parquet to a file; an unknown format is exit code 2", async () => {
    const logs = await copyFixture("tests/fixtures/loader/legacy-v1-disagg/logs");
    const out = path.join(await tempDir(), "rows.parquet");
    expect(srtlog("export", "--logs", logs, "--format", "parquet", "--out", out).code).toBe(0);
    expect((await readFile(out)).subarray(0, 4).toString()).toBe("PAR1");
    const bad = srtlog("export", "--logs", logs, "--format", "xlsx");
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("srtlog export: --format must be one of csv, json, parquet");
  });
});
