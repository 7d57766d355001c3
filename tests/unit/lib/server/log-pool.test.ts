import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseLogFiles } from "../../../../lib/server/log-pool";
import type { LogFileParse } from "../../../../lib/server/parse-log-file";
import { parseWorkerLog } from "../../../../parsers/worker-log";
import { BatchTableBuilder } from "../../../../parsers/worker-log/batch-table";
import { deriveInputThroughput } from "../../../../parsers/worker-log/derived-input";

const DIR = fileURLToPath(new URL("../../../fixtures/real/logs/", import.meta.url));
const FILES = readdirSync(DIR)
  .filter((name) => name.endsWith(".log"))
  .map((name) => DIR + name);
const ENV = ["SRTLOG_THREADS", "SRTLOG_WORKER_CACHE", "SRTLOG_WORKER_BUNDLE"] as const;

/** Typed arrays as plain arrays, so NaN compares equal and a mismatch prints readably. */
function plain(parses: LogFileParse[]) {
  return parses.map(({ table, ...rest }) => ({
    ...rest,
    table: Object.fromEntries(Object.entries(table).map(([key, value]) => [key, key === "metrics" ? Object.entries(value).map(([name, column]) => [name, Array.from(column as Float64Array)]) : ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value])),
  }));
}

async function parseHere(): Promise<ReturnType<typeof plain>> {
  process.env.SRTLOG_THREADS = "0";
  try {
    return plain(await parseLogFiles(FILES, 2026));
  } finally {
    process.env.SRTLOG_THREADS = "always";
  }
}

describe("parseLogFiles on worker threads", () => {
  let cache: string;
  const saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));

  beforeEach(() => {
    cache = mkdtempSync(path.join(tmpdir(), "srtlog-worker-cache-"));
    process.env.SRTLOG_THREADS = "always";
    process.env.SRTLOG_WORKER_CACHE = cache;
    delete process.env.SRTLOG_WORKER_BUNDLE;
  });

  afterEach(() => {
    rmSync(cache, { recursive: true, force: true });
    for (const name of ENV) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it("builds the worker bundle on first use and parses to the same result as this thread", async () => {
    const threaded = plain(await parseLogFiles(FILES, 2026));
    expect(threaded).toEqual(await parseHere());
    expect(threaded.reduce((n, p) => n + (p.table.length as number), 0)).toBeGreaterThan(100);
    const inputs = Object.keys(JSON.parse(readFileSync(path.join(cache, "parse.inputs.json"), "utf8")));
    expect(inputs).toContain("lib/server/parse-log-file.ts");
    expect(inputs).toContain("parsers/worker-log/sglang-batch-bytes.ts");
    expect(inputs.some((file) => file.includes("node_modules"))).toBe(false);
  });

  it("rebuilds a bundle whose sources changed instead of running it", async () => {
    writeFileSync(path.join(cache, "parse.mjs"), 'export function parseLogFile() { throw new Error("stale bundle ran"); }\n');
    writeFileSync(path.join(cache, "parse.inputs.json"), JSON.stringify({ "lib/server/parse-log-file.ts": "1:0" }));
    expect(plain(await parseLogFiles(FILES, 2026))).toEqual(await parseHere());
    expect(readFileSync(path.join(cache, "parse.mjs"), "utf8")).not.toContain("stale bundle ran");
  });

  it("falls back to loading the sources through tsx when no bundle can be written", async () => {
    const blocker = path.join(cache, "not-a-dir");
    writeFileSync(blocker, "");
    process.env.SRTLOG_WORKER_CACHE = path.join(blocker, "srtlog");
    expect(plain(await parseLogFiles(FILES, 2026))).toEqual(await parseHere());
  });

  it("reads logs bigger than its 1 MiB read buffer like the whole bytes at once", async () => {
    const lines = FILES.flatMap((file) => readFileSync(file, "utf8").split("\n"));
    const big = path.join(cache, "big_decode_w0.out");
    writeFileSync(big, Array.from({ length: 80 }, () => lines.join("\n")).join("\n"));
    const builder = new BatchTableBuilder();
    const whole = parseWorkerLog(readFileSync(big), { yearHint: 2026, batchSink: builder, onRecord: (r) => r.kind === "batch" && builder.add(r) });
    // parseLogFile also fills derived input throughput; the whole-bytes parse gets the same step.
    const expected = plain([{ path: big, table: deriveInputThroughput(builder.finish()), memory: [], issues: whole.issues, summary: whole.summary }])[0];
    expect(whole.summary.bytes).toBeGreaterThan(3 << 20);
    for (const threads of ["always", "0"]) {
      process.env.SRTLOG_THREADS = threads;
      const [parse] = plain(await parseLogFiles([big], 2026));
      expect({ ...parse, memory: [] }).toEqual(expected);
    }
  });

  it("rejects with the path of a log a thread could not read", async () => {
    const missing = path.join(cache, "gone_decode_w0.out");
    await expect(parseLogFiles([...FILES, missing], 2026)).rejects.toThrow(`${missing}: ENOENT`);
  });

  it("can be told to skip the bundle", async () => {
    process.env.SRTLOG_WORKER_BUNDLE = "0";
    expect(plain(await parseLogFiles(FILES, 2026))).toEqual(await parseHere());
    expect(readdirSync(cache)).toEqual([]);
  });
});
