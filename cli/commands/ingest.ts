import path from "node:path";
import { ingest, type IngestSummary } from "../../lib/server/dataset/ingest";
import { SrtlogError } from "../../lib/errors";
import { parseFlags } from "../args";

/** The end-of-ingest summary: counts, then every skip and warning with its reason. */
export function formatSummary(summary: IngestSummary, dataset: string): string {
  const lines = [
    `${summary.added.length} added, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged, ${summary.skipped.length} skipped` +
      ` -> ${dataset} (partition files written: runs ${summary.written.runs}, points ${summary.written.points}, node_batches ${summary.written.node_batches})`,
  ];
  for (const key of summary.added) lines.push(`added ${key}`);
  for (const key of summary.updated) lines.push(`updated ${key}`);
  for (const skip of summary.skipped) lines.push(`skipped ${skip.run}: ${skip.reason}`);
  for (const warning of summary.warnings) lines.push(`warning: ${warning}`);
  return lines.join("\n");
}

/** `srtlog ingest LOGS_DIR... --to DATASET_DIR [--cluster NAME]`. */
export async function ingestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { to: { type: "string" }, cluster: { type: "string" } }, true);
  if (!values.to) throw new SrtlogError("bad_input", "--to DATASET_DIR is required");
  if (positionals.length === 0) throw new SrtlogError("bad_input", "give at least one LOGS_DIR to ingest");
  const dataset = path.resolve(values.to);
  const summary = await ingest({
    dataset,
    logsDirs: positionals,
    cluster: values.cluster ?? "default",
    progress: (message) => process.stderr.write(`${message}\n`),
  });
  console.log(formatSummary(summary, dataset));
  return 0;
}
