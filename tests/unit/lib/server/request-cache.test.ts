import { existsSync } from "node:fs";
import { mkdir, symlink, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRequestTable, requestCacheFileName, requestSourceKind } from "@/lib/server/request-cache";
import { tempDir } from "../../../helpers/temp-dir";

async function runWithResult(result: object): Promise<{ run: string; rel: string }> {
  const logs = await tempDir();
  const run = path.join(logs, "123_run");
  const rel = "sa-bench_isl_8_osl_4/results_concurrency_2.json";
  await mkdir(path.join(run, path.dirname(rel)), { recursive: true });
  await writeFile(path.join(run, rel), JSON.stringify(result));
  return { run, rel };
}

const RESULT = {
  max_concurrency: 2,
  input_lens: [8, 9],
  output_lens: [4, 0],
  ttfts: [0.1, 0],
  itls: [[0.01, 0.02, 0.03], []],
  errors: ["", "HTTP 503"],
  generated_texts: ["abcd", ""],
};

describe("loadRequestTable", () => {
  it("parses once, writes a Parquet cache beside the others, and reads it back the same", async () => {
    const { run, rel } = await runWithResult(RESULT);
    const first = await loadRequestTable(run, rel);
    expect(first.from).toBe("parse");
    expect(first.source).toBe("sa-bench");
    expect(existsSync(path.join(run, ".cache", requestCacheFileName(rel)))).toBe(true);
    // 100 ms + 60 ms of gaps; TPOT 60 / 3 = 20 ms.
    expect(first.table.e2eMs[0]).toBeCloseTo(160, 9);
    expect(first.table.tpotMs[0]).toBeCloseTo(20, 9);
    expect(first.table.error).toEqual(["", "HTTP 503"]);
    const second = await loadRequestTable(run, rel);
    expect(second.from).toBe("cache");
    expect(second.table).toEqual(first.table);
  });

  it("parses again when the source changes", async () => {
    const { run, rel } = await runWithResult(RESULT);
    await loadRequestTable(run, rel);
    await writeFile(path.join(run, rel), JSON.stringify({ ...RESULT, input_lens: [7, 7] }));
    const later = new Date(Date.now() + 5000);
    await utimes(path.join(run, rel), later, later);
    const again = await loadRequestTable(run, rel);
    expect(again.from).toBe("parse");
    expect(again.table.inputLen).toEqual([7, 7]);
  });

  it("keeps the issues of a damaged file in the cache too", async () => {
    const { run, rel } = await runWithResult(RESULT);
    await writeFile(path.join(run, rel), '{"input_lens": [1, 2], "ttfts": [0.5');
    const first = await loadRequestTable(run, rel);
    expect(first.issues).toEqual([`${rel}: file ends inside the JSON (byte 36); requests read so far are kept`, `${rel}: per-request arrays differ in length: input_lens 2, ttfts 0; missing entries are left empty`]);
    const second = await loadRequestTable(run, rel);
    expect(second.from).toBe("cache");
    expect(second.issues).toEqual(first.issues);
  });

  it("refuses a path that leaves the run and names a missing one", async () => {
    const { run } = await runWithResult(RESULT);
    const outside = path.join(path.dirname(run), "secret.json");
    await writeFile(outside, "{}");
    await symlink(outside, path.join(run, "link.json"));
    expect(() => loadRequestTable(run, "link.json")).toThrow("link.json is outside the run directory");
    expect(() => loadRequestTable(run, "nope.json")).toThrow(`no per-request source nope.json in ${run}`);
  });

  it("tells AIPerf exports from sa-bench results by name", () => {
    expect(requestSourceKind("artifacts/x/profile_export.jsonl")).toBe("aiperf");
    expect(requestSourceKind("artifacts/x/profile_export.w0.jsonl")).toBe("aiperf");
    expect(requestSourceKind("sa-bench/results_concurrency_2.json")).toBe("sa-bench");
  });
});
