import type { Run } from "../model";
import { toCsv } from "../csv";
import { csvFileName } from "../labels";
import { ROW_COLUMNS, toRows, type RowExtras } from "../rows";

/** "Download Data as CSV": the data-frame rows of the runs (same columns as `srtlog export`), RFC 4180. */
export function csvExport(runs: readonly Run[], extras: RowExtras = {}): { fileName: string; text: string; rows: number } {
  const rows = toRows(runs, extras);
  return { fileName: csvFileName(runs), text: toCsv(ROW_COLUMNS, rows), rows: rows.length };
}
