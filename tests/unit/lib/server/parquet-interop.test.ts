import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RunLoader } from "@/lib/server/run-loader";
import { BENCH_CACHE_FILE } from "@/lib/server/bench-cache";
import { rowsToParquet } from "@/lib/server/export-rows";
import { NodeAnalyzer } from "@/lib/server/node-analyzer";
import { NODE_CACHE_FILE } from "@/lib/server/node-cache";
import { BATCH_COLUMNS_FILE, forEachBatchTable } from "@/lib/server/batch-columns-file";
import { loadRequestTable, requestCacheFileName } from "@/lib/server/request-cache";
import { getLogHealth } from "@/lib/server/run-health";
import { ingest } from "@/lib/server/dataset/ingest";
import { ROW_COLUMNS } from "@/lib/rows";
import { copyFixture, tempDir } from "../../../helpers/temp-dir";
import { duckdbRead, duckdbSql, pandasJson, sqlText } from "../../../helpers/other-engines";

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

// Every file kind srtlog writes, on one run (fixture 4401470 plus two worker logs), read back by DuckDB
// (npm: always there) with row counts and types worked out from the inputs; pandas too where importable.
const RUN_ID = "4401470";
const PREFILL = "[2026-05-07 13:40:39 DP1 TP1 EP1] Prefill batch, #new-seq: 4, #new-token: 2048, #cached-token: 0, token usage: 0.01, #running-req: 0, #queue-req: 6, input throughput (token/s): 13179.43";
const DECODE = "[2026-05-07 13:40:42 DP0 TP0 EP0] Decode batch, #running-req: 8, #token: 7198, token usage: 0.01, #retracted-req: 0, cuda graph: True, gen throughput (token/s): 1082.11, #queue-req: 0";
const DUCK_TYPE = { STRING: "VARCHAR", INT32: "INTEGER", DOUBLE: "DOUBLE", BOOLEAN: "BOOLEAN" } as const;

async function runWithEverything() {
  const logs = await copyFixture("tests/fixtures/loader/current-v2-logs-layout/logs");
  const runPath = path.join(logs, RUN_ID);
  await writeFile(path.join(runPath, "logs", "eos0001_prefill_w0.out"), [PREFILL, PREFILL].join("\n") + "\n");
  await writeFile(path.join(runPath, "logs", "eos0002_decode_w0.out"), [DECODE, DECODE, DECODE].join("\n") + "\n");
  return { logs, runPath, results: await resultFiles(runPath), batches: { prefill: 2, decode: 3 } };
}

/** A run's sa-bench result files (logs/sa-bench_<name>/<file>), parsed. */
async function resultFiles(runPath: string): Promise<{ rel: string; json: Record<string, unknown[]> }[]> {
  const dirs = (await readdir(path.join(runPath, "logs"))).filter((name) => name.startsWith("sa-bench_"));
  const names = (await Promise.all(dirs.map(async (dir) => (await readdir(path.join(runPath, "logs", dir))).map((name) => `logs/${dir}/${name}`)))).flat();
  return Promise.all(names.map(async (rel) => ({ rel, json: JSON.parse(await readFile(path.join(runPath, rel), "utf8")) })));
}

/** Requests of a result file: its longest per-request array (a short one leaves entries empty). */
const requestsIn = (json: Record<string, unknown[]>) => Math.max(...["input_lens", "output_lens", "ttfts", "itls", "errors"].map((key) => json[key]?.length ?? 0));

/** pandas' row count and column names of each path (a directory is a hive-partitioned table). */
function pandasShapes(paths: string[]): Record<string, { rows: number; columns: string[] }> | null {
  const script = ["import json, sys, pandas as pd", "print(json.dumps({p: (lambda df: {'rows': len(df), 'columns': list(df.columns)})(pd.read_parquet(p)) for p in json.loads(sys.argv[1])}))"].join("\n");
  return pandasJson(script, JSON.stringify(paths));
}

describe("every file srtlog writes, read by another engine", () => {
  it("caches (benchmark, node, batch columns, requests, health) and dataset tables have the rows and types of their inputs", async () => {
    const { logs, runPath, results, batches } = await runWithEverything();
    const cache = (name: string) => path.join(runPath, ".cache", name);
    expect((await new RunLoader(logs).loadSingle(RUN_ID))!.points).toHaveLength(results.length);
    const analyzer = new NodeAnalyzer();
    await analyzer.parseRunLogs(runPath);
    await analyzer.flush();
    for (const { rel } of results) await loadRequestTable(runPath, rel);
    await getLogHealth(runPath);
    const dataset = path.join(await tempDir(), "ds");
    await ingest({ dataset, logsDirs: [logs], cluster: "a", progress: () => {} });

    const bench = await duckdbSql(`SELECT * FROM read_parquet(${sqlText(cache(BENCH_CACHE_FILE))})`);
    expect(bench.rows.map((r) => r.concurrency).sort()).toEqual(results.map((r) => r.json.max_concurrency).sort());
    expect(bench.types).toMatchObject({ run_id: "VARCHAR", concurrency: "INTEGER", output_tps: "DOUBLE", source_file: "VARCHAR" });

    const nodes = await duckdbSql(`SELECT * FROM read_parquet(${sqlText(cache(NODE_CACHE_FILE))})`);
    expect(nodes.rows.map((r) => r.metric_type)).toEqual([...Array(batches.prefill).fill("prefill"), ...Array(batches.decode).fill("decode")]);
    expect(nodes.types).toMatchObject({ node: "VARCHAR", dp: "INTEGER", timestamp: "DOUBLE", gen_throughput: "DOUBLE" });
    // The batch columns are raw arrays for srtlog alone (no other engine reads them): they hold the same batches.
    let columnRows = 0;
    await forEachBatchTable(cache(BATCH_COLUMNS_FILE), (table) => void (columnRows += table.length));
    expect(columnRows).toBe(batches.prefill + batches.decode);

    for (const { rel, json } of results) {
      const requests = await duckdbSql(`SELECT * FROM read_parquet(${sqlText(cache(requestCacheFileName(rel)))})`);
      expect(requests.rows.map((r) => r.inputLen)).toEqual(json.input_lens);
      expect(requests.types).toMatchObject({ index: "INTEGER", inputLen: "DOUBLE", ttftMs: "DOUBLE", error: "VARCHAR", phase: "VARCHAR" });
    }

    const health = await duckdbSql(`SELECT version, scan.counts AS counts FROM read_json(${sqlText(cache("health.json"))})`);
    expect(health.rows).toHaveLength(1);
    expect(health.types.version).toBe("VARCHAR");
    expect(health.types.counts).toMatch(/^STRUCT\(/);

    // The dataset as an outside engine sees it: a glob over the partition directories, keys from the path.
    const doc = JSON.parse(await readFile(path.join(dataset, "dataset.json"), "utf8"));
    const runDirs = await readdir(logs);
    const everyResult = (await Promise.all(runDirs.map((dir) => resultFiles(path.join(logs, dir))))).flat();
    const expected: Record<string, number> = { runs: runDirs.length, points: everyResult.length, requests: everyResult.reduce((sum, r) => sum + requestsIn(r.json), 0) };
    for (const [table, rows] of Object.entries(expected)) {
      const read = await duckdbSql(`SELECT * FROM read_parquet(${sqlText(`${dataset}/${table}/*/*/*.parquet`)}, hive_partitioning = true)`);
      expect(read.rows.length, table).toBe(rows);
      const declared = Object.fromEntries((doc.tables[table] as { name: string; type: keyof typeof DUCK_TYPE }[]).map((c) => [c.name, DUCK_TYPE[c.type]]));
      expect(read.types, table).toEqual({ ...declared, cluster: "VARCHAR", month: "VARCHAR" });
    }

    const shapes = pandasShapes([cache(BENCH_CACHE_FILE), cache(NODE_CACHE_FILE), ...Object.keys(expected).map((t) => path.join(dataset, t))]);
    if (shapes !== null) {
      // pandas is optional (make test needs no pip): checked where python3 imports it.
      expect(shapes[cache(BENCH_CACHE_FILE)].rows).toBe(results.length);
      expect(shapes[cache(NODE_CACHE_FILE)].rows).toBe(batches.prefill + batches.decode);
      for (const [table, rows] of Object.entries(expected)) {
        expect(shapes[path.join(dataset, table)].rows, table).toBe(rows);
        expect(shapes[path.join(dataset, table)].columns.slice(-2), table).toEqual(["cluster", "month"]);
      }
    }
  });
});
