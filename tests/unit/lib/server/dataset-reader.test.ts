import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { ingest } from "@/lib/server/dataset/ingest";
import { defineViews, runSql } from "@/lib/server/dataset/duckdb";
import { copyFixture, tempDir } from "../../../helpers/temp-dir";

const RESULTS = "4401470/logs/sa-bench_isl_1024_osl_1024";

describe("a query while an ingest replaces a partition", () => {
  it("reads the new partition when the file it listed was deleted before it read it", async () => {
    const logs = await copyFixture("tests/fixtures/loader/current-v2-logs-layout/logs");
    const dataset = path.join(await tempDir(), "ds");
    const run = () => ingest({ dataset, logsDirs: [logs], cluster: "a", progress: () => {} });
    await run();
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const warnings: string[] = [];
    try {
      // The reader lists the parts (views over the files the manifests name) ...
      await defineViews(connection, dataset, (m) => warnings.push(m));
      const count = "SELECT count(*)::INTEGER AS n FROM points WHERE run_key = 'a/4401470'";
      // 4401470 has two result files (concurrencies 32 and 128).
      expect((await runSql(connection, dataset, count, () => {})).rows).toEqual([{ n: 2 }]);
      // ... then an ingest replaces the January partition (one more point) and deletes the old file ...
      const result = JSON.parse(await readFile(path.join(logs, RESULTS, "results_concurrency_32_gpus_16.json"), "utf8"));
      await writeFile(path.join(logs, RESULTS, "results_concurrency_64_gpus_16.json"), JSON.stringify({ ...result, max_concurrency: 64 }));
      expect((await run()).updated).toEqual(["a/4401470"]);
      // ... so the views as listed name a file that is gone (this is what a query met before the fix) ...
      await expect(connection.runAndReadAll(count)).rejects.toThrow(/No such file or directory|No files found/);
      // ... and the query lists again and reads the partition as it is now.
      expect((await runSql(connection, dataset, count, () => {})).rows).toEqual([{ n: 3 }]);
      expect(warnings).toEqual([]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
