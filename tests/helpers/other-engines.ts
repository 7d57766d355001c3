import { execFileSync, spawnSync } from "node:child_process";
import { DuckDBInstance } from "@duckdb/node-api";

/** Rows of a Parquet file as DuckDB (the npm binding, always installed) reads them, BigInt turned into numbers. */
export async function duckdbRead(file: string): Promise<Record<string, unknown>[]> {
  return (await duckdbSql(`select * from read_parquet(${sqlText(file)})`)).rows;
}

export const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** One SQL text in a fresh in-memory DuckDB: the rows (BigInt as numbers) and each column's type. */
export async function duckdbSql(sql: string): Promise<{ rows: Record<string, unknown>[]; types: Record<string, string> }> {
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    const types = Object.fromEntries(reader.columnNames().map((name, i) => [name, reader.columnTypes()[i].toString()]));
    const rows = (reader.getRowObjectsJS() as Record<string, unknown>[]).map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])),
    );
    return { rows, types };
  } finally {
    connection.closeSync();
  }
}

let pandasChecked: boolean | undefined;

/** Whether this machine's python3 imports pandas and pyarrow (optional: make test never needs pip). */
export function pandasAvailable(): boolean {
  pandasChecked ??= spawnSync("python3", ["-c", "import pandas, pyarrow"], { stdio: "ignore" }).status === 0;
  return pandasChecked;
}

/** Runs a Python snippet (argv[1] = file) and parses the JSON it prints; null when pandas is not importable here. */
export function pandasJson<T>(script: string, file: string): T | null {
  if (!pandasAvailable()) return null;
  return JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8" })) as T;
}
