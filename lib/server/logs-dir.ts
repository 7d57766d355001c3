import "server-only";
import path from "node:path";
import { DatasetLoader, isDataset } from "./dataset/dataset-loader";
import { RunLoader } from "./run-loader";

/** The dataset the server was started on ($SRTLOG_DATASET), resolved; null when none. */
export function configuredDataset(): string | null {
  return process.env.SRTLOG_DATASET ? path.resolve(/*turbopackIgnore: true*/ process.env.SRTLOG_DATASET) : null;
}

/** What the server was started on: $SRTLOG_LOGS_DIR, $LOGS_DIR, the dataset $SRTLOG_DATASET, else the embedded demo. */
export function defaultLogsDir(): string {
  // The logs dir is chosen at run time; turbopackIgnore keeps the build from tracing the whole disk.
  return path.resolve(/*turbopackIgnore: true*/ process.env.SRTLOG_LOGS_DIR || process.env.LOGS_DIR || configuredDataset() || path.join(process.cwd(), ".demo", "logs"));
}

/** Where the default logs directory comes from, for a person wondering why it is the one shown. */
export function defaultLogsDirSource(): string {
  if (process.env.SRTLOG_LOGS_DIR) return "$SRTLOG_LOGS_DIR";
  if (process.env.LOGS_DIR) return "$LOGS_DIR";
  if (process.env.SRTLOG_DATASET) return "$SRTLOG_DATASET (a dataset written by srtlog ingest)";
  return "the built-in demo, as neither $SRTLOG_LOGS_DIR nor $LOGS_DIR is set";
}

const loaders = new Map<string, RunLoader | DatasetLoader>();

/**
 * One loader per logs directory for the life of the server, so its in-memory memo is shared by requests.
 * Its Parquet cache writes wait until loading is quiet: a fresh server's first page does not pay for them.
 * A directory holding a dataset (srtlog ingest) gets a loader that rebuilds the runs from its tables.
 */
export function getRunLoader(logsDir: string = defaultLogsDir()): RunLoader | DatasetLoader {
  const key = path.resolve(/*turbopackIgnore: true*/ logsDir);
  let loader = loaders.get(key);
  if (!loader) {
    loader = isDataset(key) ? new DatasetLoader(key) : new RunLoader(key, { cacheWrites: "defer" });
    loaders.set(key, loader);
  }
  return loader;
}
