import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { QueryResult } from "../../lib/server/dataset/duckdb";
import { csvField } from "../../lib/csv";
import { SrtlogError } from "../../lib/errors";
import { textTable } from "../../lib/text-table";
import { logsDirOf, parseFlags } from "../args";

const FORMATS = ["table", "csv", "json"] as const;
type Format = (typeof FORMATS)[number];

const cellText = (value: unknown): string => (value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value));

/** A result as a terminal table, CSV (RFC 4180) or JSON records. */
export function formatResult(result: QueryResult, format: Format): string {
  if (format === "json") return JSON.stringify(result.rows) + "\n";
  const cells = result.rows.map((row) => result.columns.map((column) => row[column]));
  if (format === "csv") {
    const field = (value: unknown) => csvField(typeof value === "number" || typeof value === "string" || value === null ? value : cellText(value));
    return [result.columns.map(field).join(","), ...cells.map((row) => row.map(field).join(","))].join("\r\n") + "\r\n";
  }
  return textTable(result.columns, cells.map((row) => row.map(cellText))) + `\n(${result.rows.length} row${result.rows.length === 1 ? "" : "s"})\n`;
}

/** The dataset to query: --dataset, else a temporary one ingested from --logs (or the default logs dir). */
async function withDataset<T>(flags: { dataset?: string; logs?: string }, sql: string, fn: (dataset: string) => Promise<T>): Promise<T> {
  if (flags.dataset && flags.logs) throw new SrtlogError("bad_input", "give --dataset or --logs, not both");
  const dataset = flags.dataset ?? process.env.SRTLOG_DATASET;
  if (dataset && !flags.logs) return fn(path.resolve(dataset));
  const temp = await mkdtemp(path.join(tmpdir(), "srtlog-query-"));
  try {
    // The same tables as an ingested dataset, so one SQL text works on both. Imported here: the loader
    // behind it cost a query of a dataset 40 ms of start-up. Worker logs can be gigabytes: parsed only
    // when the SQL names node_batches.
    const { ingest } = await import("../../lib/server/dataset/ingest");
    const nodeBatches = /node_batches/i.test(sql);
    const summary = await ingest({ dataset: temp, logsDirs: [logsDirOf(flags.logs)], cluster: "local", progress: () => {}, nodeBatches });
    for (const skip of summary.skipped) process.stderr.write(`srtlog query: skipped ${skip.run}: ${skip.reason}\n`);
    return await fn(temp);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** `srtlog query "SQL" [--dataset DIR | --logs DIR] [--format table|csv|json]`. */
export async function queryCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { dataset: { type: "string" }, logs: { type: "string" }, format: { type: "string" } }, true);
  const format = (values.format ?? "table") as Format;
  if (!FORMATS.includes(format)) throw new SrtlogError("bad_input", `--format must be one of ${FORMATS.join(", ")}`);
  if (positionals.length !== 1) throw new SrtlogError("bad_input", 'give exactly one SQL text, quoted: srtlog query "SELECT ..."');
  // Loaded here, not at the top: the native DuckDB binary costs nothing to commands that run no SQL.
  const { queryDataset } = await import("../../lib/server/dataset/duckdb");
  const result = await withDataset(values, positionals[0], (dataset) => queryDataset(dataset, positionals[0], (m) => process.stderr.write(`srtlog query: warning: ${m}\n`)));
  process.stdout.write(formatResult(result, format));
  return 0;
}
