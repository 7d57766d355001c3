import "server-only";
// The one module that imports the DuckDB binding. It carries a native binary, so it is imported
// dynamically: in the esbuild bundle (where it is external) a static import would be hoisted to the top
// of dist/srtlog.mjs and load the binary for every command, `srtlog --help` included.
import type { DuckDBInstance as Instance } from "@duckdb/node-api";
import { SrtlogError } from "../../errors";
import { TABLES } from "./schema";
import { openDataset, readableFiles } from "./store";
import { readTagTable } from "./tags";

export interface QueryResult {
  columns: string[];
  types: string[];
  /** JSON-safe values: DuckDB's own conversion (big integers and decimals as strings). */
  rows: Record<string, unknown>[];
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** `CREATE VIEW` of a table over the files its manifests name (not a glob: a glob could catch a file being replaced). */
export function viewSql(table: string, files: string[]): string {
  const list = `[${files.map(quote).join(", ")}]`;
  return `CREATE VIEW ${table} AS SELECT * FROM read_parquet(${list}, hive_partitioning = true, hive_types = {'cluster': VARCHAR, 'month': VARCHAR}, union_by_name = true)`;
}

/**
 * Tags edited in the dashboard (the dataset's tag table) override the ingested ones in the `runs` view,
 * joined as `srtlog export` joins them. Null when there are no edits: `runs` is then the files as they are.
 */
function tagEditSql(dataset: string, warn: (message: string) => void): string[] | null {
  const edits = Object.entries(readTagTable(dataset, warn).runs);
  if (edits.length === 0) return null;
  const values = edits.map(([key, edit]) => `(${quote(key)}, ${quote(edit.tags.join(", "))})`).join(", ");
  return [
    `CREATE TEMP TABLE _tag_edits AS SELECT * FROM (VALUES ${values}) AS t(run_key, tags)`,
    "CREATE VIEW runs AS SELECT r.* REPLACE (COALESCE(e.tags, r.tags) AS tags) FROM _runs_ingested r LEFT JOIN _tag_edits e ON e.run_key = r.run_key",
  ];
}

/**
 * Run one SQL text over a dataset's tables. Tables without files have no view, so a query naming one
 * fails with DuckDB's own "does not exist" message. SQL errors come back as SrtlogError (exit 2).
 */
export async function queryDataset(dataset: string, sql: string, warn: (message: string) => void): Promise<QueryResult> {
  await openDataset(dataset, false);
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance: Instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    for (const table of TABLES) {
      const files = readableFiles(dataset, table, warn);
      if (files.length === 0) continue;
      const edits = table === "runs" ? tagEditSql(dataset, warn) : null;
      await connection.run(viewSql(edits ? "_runs_ingested" : table, files));
      for (const statement of edits ?? []) await connection.run(statement);
    }
    let reader;
    try {
      reader = await connection.runAndReadAll(sql);
    } catch (error) {
      throw new SrtlogError("bad_input", (error as Error).message);
    }
    return { columns: reader.columnNames(), types: reader.columnTypes().map((type) => type.toString()), rows: reader.getRowObjectsJson() };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
