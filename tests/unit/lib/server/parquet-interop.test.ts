import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RunLoader } from "@/lib/server/run-loader";
import { BENCH_CACHE_FILE } from "@/lib/server/bench-cache";
import { rowsToParquet } from "@/lib/server/export-rows";
import { ROW_COLUMNS } from "@/lib/rows";
import { copyFixture, tempDir } from "../../../helpers/temp-dir";
import { duckdbRead, pandasJson } from "../../../helpers/other-engines";

const RUN = "3667_1P_4D_20251110_192145";

/** pandas + pyarrow, as a user's notebook would read the cache: an extra check where python3 has them. */
function pandasRead(file: string): Record<string, unknown>[] | null {
  const script = [
    "import json, sys, pandas as pd",
    "df = pd.read_parquet(sys.argv[1])",
    "print(df.to_json(orient='records'))",
  ].join("\n");
  return pandasJson<Record<string, unknown>[]>(script, file);
}

describe("Parquet files other tools read", () => {
  it("the benchmark cache reads in pandas and DuckDB with the values we parsed", async () => {
    const logs = await copyFixture("tests/fixtures/loader/legacy-v1-disagg/logs");
    const run = (await new RunLoader(logs).loadSingle(RUN))!;
    const file = path.join(logs, RUN, ".cache", BENCH_CACHE_FILE);
    const readers = [await duckdbRead(file), pandasRead(file)].filter((rows) => rows !== null);
    expect(readers.length).toBeGreaterThan(0);
    for (const rows of readers) {
      expect(rows.map((r) => Number(r.concurrency))).toEqual(run.points.map((p) => p.concurrency));
      expect(rows.map((r) => r.output_tps)).toEqual(run.points.map((p) => p.outputTps));
      expect(rows.map((r) => r.mean_tpot_ms)).toEqual(run.points.map((p) => p.meanTpotMs));
      expect(rows.map((r) => r.source_file)).toEqual(run.points.map((p) => p.sourceFile));
      expect(new Set(rows.map((r) => r.run_id))).toEqual(new Set(["3667"]));
    }
  });

  it("an export keeps the data-frame column names and nulls", async () => {
    const logs = await copyFixture("tests/fixtures/loader/result-variants/logs");
    const rows = await new RunLoader(logs).toRows();
    const file = path.join(await tempDir(), "export.parquet");
    await writeFile(file, rowsToParquet(rows));
    for (const back of [await duckdbRead(file), pandasRead(file)]) {
      if (back === null) continue; // pandas is optional here; DuckDB always reads
      expect(Object.keys(back[0])).toEqual([...ROW_COLUMNS]);
      expect(back.map((r) => r["Concurrency"])).toEqual(rows.map((r) => r["Concurrency"]));
      expect(back.map((r) => r["Mean TPOT (ms)"])).toEqual(rows.map((r) => r["Mean TPOT (ms)"]));
    }
    // Exact doubles from DuckDB (pandas' to_json rounds to 10 digits).
    expect((await duckdbRead(file)).map((r) => r["Output TPS"])).toEqual(rows.map((r) => r["Output TPS"]));
  });
});
