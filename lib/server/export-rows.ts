import "server-only";
import { parquetWriteBuffer } from "hyparquet-writer";
import { toCsv } from "../csv";
import { ROW_COLUMNS, type Row, type RowColumn } from "../rows";

export const TEXT_COLUMNS = new Set<RowColumn>(["Run ID", "Run Date", "Profiler", "GPU Type", "Topology", "Tags", "Container", "Backend", "Model", "Run Directory"]);
export const INT_COLUMNS = new Set<RowColumn>([
  "ISL", "OSL", "Prefill Nodes", "Decode Nodes", "Prefill Workers", "Decode Workers", "Frontends", "GPUs per Node", "Total GPUs", "Concurrency", "Agg Workers",
]);

export type ExportFormat = "csv" | "json" | "parquet";

function numeric(value: string | number | null): number | null {
  if (value === "inf") return Infinity;
  return typeof value === "number" ? value : null;
}

/** The rows as a Parquet table with the data-frame column names (Request Rate as a double, inf kept). */
export function rowsToParquet(rows: readonly Row[]): Uint8Array {
  const columnData = ROW_COLUMNS.map((name) => {
    if (TEXT_COLUMNS.has(name)) return { name, type: "STRING" as const, data: rows.map((row) => (row[name] === null ? null : String(row[name]))) };
    return { name, type: INT_COLUMNS.has(name) ? ("INT32" as const) : ("DOUBLE" as const), data: rows.map((row) => numeric(row[name])) };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData, createdBy: "srtlog" }));
}

/** Rows as `df.to_json(orient="records")` would: one object per row, columns in order. */
export function rowsToJson(rows: readonly Row[]): string {
  return JSON.stringify(rows) + "\n";
}

/** Serialise rows in one of the export formats. */
export function exportRows(rows: readonly Row[], format: ExportFormat): string | Uint8Array {
  if (format === "csv") return toCsv(ROW_COLUMNS, rows);
  if (format === "json") return rowsToJson(rows);
  return rowsToParquet(rows);
}
