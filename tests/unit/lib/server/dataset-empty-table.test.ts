import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "@/lib/server/dataset/ingest";
import { queryDataset } from "@/lib/server/dataset/duckdb";
import { copyFixture, tempDir } from "../../../helpers/temp-dir";

const RESULTS = "4401470/logs/sa-bench_isl_1024_osl_1024";
const PER_REQUEST = ["input_lens", "output_lens", "ttfts", "itls", "errors", "generated_texts", "start_times"];

/** Run 4401470 of the fixture, its result files with per-request arrays (as written) or without any (`strip`). */
async function logs(strip: boolean): Promise<string> {
  const dir = await copyFixture("tests/fixtures/loader/current-v2-logs-layout/logs");
  for (const other of ["4401455", "4401463"]) await rm(path.join(dir, other), { recursive: true });
  for (const name of await readdir(path.join(dir, RESULTS))) {
    const file = path.join(dir, RESULTS, name);
    const result = JSON.parse(await readFile(file, "utf8"));
    if (strip) for (const key of PER_REQUEST) delete result[key];
    else Object.assign(result, { input_lens: [8], output_lens: [4], ttfts: [0.1], itls: [[0.01, 0.01, 0.01]], errors: [""] });
    await writeFile(file, JSON.stringify(result));
  }
  return dir;
}

async function datasetOf(strip: boolean): Promise<string> {
  const dataset = path.join(await tempDir(), "ds");
  await ingest({ dataset, logsDirs: [await logs(strip)], cluster: "a", progress: () => {} });
  return dataset;
}

const query = (dataset: string, sql: string) => queryDataset(dataset, sql, () => {});

describe("a dataset whose runs have no per-request data", () => {
  it("answers SQL over requests with no rows, not 'Table with name requests does not exist'", async () => {
    const dataset = await datasetOf(true);
    expect((await query(dataset, "SELECT count(*)::INT AS n FROM requests")).rows).toEqual([{ n: 0 }]);
    // The usual join still runs: both of 4401470's points (c32, c128), no requests each.
    const joined = await query(dataset, "SELECT p.concurrency, count(r.request_index)::INT AS n FROM points p LEFT JOIN requests r USING (run_key, concurrency) GROUP BY 1 ORDER BY 1");
    expect(joined.rows).toEqual([{ concurrency: 32, n: 0 }, { concurrency: 128, n: 0 }]);
  });

  it("gives the empty table the columns and types a table with rows has, partition keys included", async () => {
    const describe = async (strip: boolean) => (await query(await datasetOf(strip), "DESCRIBE requests")).rows.map((row) => [row.column_name, row.column_type]);
    const withRows = await describe(false);
    expect(withRows.map(([name]) => name)).toContain("month");
    expect(await describe(true)).toEqual(withRows);
  });
});
