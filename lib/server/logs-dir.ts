import "server-only";
import path from "node:path";
import { RunLoader } from "./run-loader";

/** The logs directory the server was started on: $SRTLOG_LOGS_DIR, $LOGS_DIR, else the embedded demo. */
export function defaultLogsDir(): string {
  // The logs dir is chosen at run time; turbopackIgnore keeps the build from tracing the whole disk.
  return path.resolve(/*turbopackIgnore: true*/ process.env.SRTLOG_LOGS_DIR || process.env.LOGS_DIR || path.join(process.cwd(), ".demo", "logs"));
}

/** Where the default logs directory comes from, for a person wondering why it is the one shown. */
export function defaultLogsDirSource(): string {
  if (process.env.SRTLOG_LOGS_DIR) return "$SRTLOG_LOGS_DIR";
  if (process.env.LOGS_DIR) return "$LOGS_DIR";
  return "the built-in demo, as neither $SRTLOG_LOGS_DIR nor $LOGS_DIR is set";
}

const loaders = new Map<string, RunLoader>();

/**
 * One loader per logs directory for the life of the server, so its in-memory memo is shared by requests.
 * Its Parquet cache writes wait until loading is quiet: a fresh server's first page does not pay for them.
 */
export function getRunLoader(logsDir: string = defaultLogsDir()): RunLoader {
  const key = path.resolve(/*turbopackIgnore: true*/ logsDir);
  let loader = loaders.get(key);
  if (!loader) {
    loader = new RunLoader(key, { deferCacheWrites: true });
    loaders.set(key, loader);
  }
  return loader;
}
