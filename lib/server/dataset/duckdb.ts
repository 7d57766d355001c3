import "server-only";
// The one module that imports the DuckDB binding. It carries a native binary, so it is imported
// dynamically: in the esbuild bundle (where it is external) a static import would be hoisted to the top
// of dist/srtlog.mjs and load the binary for every command, `srtlog --help` included.
import type { DuckDBConnection as Connection, DuckDBInstance as Instance } from "@duckdb/node-api";
import { createRequire } from "node:module";
import { SrtlogError } from "../../errors";
import { PARTITION_KEYS, TABLE_COLUMNS, TABLES, type TableName } from "./schema";
import { openDataset, readableFiles } from "./store";
import { readTagTable } from "./tags";

export interface QueryResult {
  columns: string[];
  types: string[];
  /** JSON-safe values: DuckDB's own conversion (big integers and decimals as strings). */
  rows: Record<string, unknown>[];
}

/**
 * The binding, by require: import() of this CommonJS package has Node scan its sources for export names
 * (cjs-module-lexer) on every start, which cost a query more than 100 ms of its own time.
 */
function loadDuckDB(): typeof import("@duckdb/node-api") {
  return createRequire(import.meta.url)("@duckdb/node-api");
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** `CREATE VIEW` of a table over the files its manifests name (not a glob: a glob could catch a file being replaced). */
export function viewSql(table: string, files: string[]): string {
  const list = `[${files.map(quote).join(", ")}]`;
  return `CREATE OR REPLACE VIEW ${table} AS SELECT * FROM read_parquet(${list}, hive_partitioning = true, hive_types = {'cluster': VARCHAR, 'month': VARCHAR}, union_by_name = true)`;
}

const SQL_TYPE = { STRING: "VARCHAR", INT32: "INTEGER", DOUBLE: "DOUBLE", BOOLEAN: "BOOLEAN" } as const;

/**
 * `CREATE VIEW` of a table without files (no run of the dataset had per-request data, say): no rows, but
 * the columns and types a view over files has, partition keys last, so SQL naming the table still runs.
 */
export function emptyViewSql(table: TableName): string {
  const columns = [...TABLE_COLUMNS[table].map((c) => [c.name, SQL_TYPE[c.type]]), ...PARTITION_KEYS.map((key) => [key, "VARCHAR"])];
  return `CREATE OR REPLACE VIEW ${table} AS SELECT ${columns.map(([name, type]) => `CAST(NULL AS ${type}) AS "${name}"`).join(", ")} WHERE false`;
}

/** (Re)define a view per table over the files the manifests name now; a table without files is an empty view. */
export async function defineViews(connection: Connection, dataset: string, warn: (message: string) => void): Promise<void> {
  for (const table of TABLES) {
    const files = readableFiles(dataset, table, warn);
    if (files.length === 0) {
      await connection.run(emptyViewSql(table));
      continue;
    }
    const edits = table === "runs" ? tagEditSql(dataset, warn) : null;
    await connection.run(viewSql(edits ? "_runs_ingested" : table, files));
    for (const statement of edits ?? []) await connection.run(statement);
  }
}

/** DuckDB's message when a file a view names is gone (an ingest replaced its partition meanwhile). */
const GONE = /No such file or directory|No files found that match/;
const ATTEMPTS = 4;

/**
 * Run SQL over views defined earlier. An ingest may replace a partition between listing its file and
 * reading it, and deletes the old file once the new manifest is in place; the query then finds a file
 * gone, so the views are defined again from the manifests as they are now and the query runs again.
 * Partitions are replaced whole, so every attempt sees whole partitions.
 */
export async function runSql(connection: Connection, dataset: string, sql: string, warn: (message: string) => void, defineFirst = false): Promise<QueryResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      // Defining a view reads its files' footers, so it can meet a file gone as well.
      if (defineFirst || attempt > 1) await defineViews(connection, dataset, warn);
      const reader = await connection.runAndReadAll(sql);
      return { columns: reader.columnNames(), types: reader.columnTypes().map((type) => type.toString()), rows: reader.getRowObjectsJson() };
    } catch (error) {
      const message = (error as Error).message;
      if (!GONE.test(message) || attempt === ATTEMPTS) throw new SrtlogError("bad_input", message);
    }
  }
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
    `CREATE OR REPLACE TEMP TABLE _tag_edits AS SELECT * FROM (VALUES ${values}) AS t(run_key, tags)`,
    "CREATE OR REPLACE VIEW runs AS SELECT r.* REPLACE (COALESCE(e.tags, r.tags) AS tags) FROM _runs_ingested r LEFT JOIN _tag_edits e ON e.run_key = r.run_key",
  ];
}

/**
 * Run one SQL text over a dataset's tables. Tables without files have no view, so a query naming one
 * fails with DuckDB's own "does not exist" message. SQL errors come back as SrtlogError (exit 2).
 */
export async function queryDataset(dataset: string, sql: string, warn: (message: string) => void): Promise<QueryResult> {
  await openDataset(dataset, false);
  const { DuckDBInstance } = loadDuckDB();
  const instance: Instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    return await runSql(connection, dataset, sql, warn, true);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
