import { RunLoader } from "../lib/server/run-loader";

/**
 * The loader every CLI command reads runs with: it keeps the logs dir's run index (the next call is
 * warm) but does not write each run's Parquet cache on the way (see RunLoader's `cacheWrites`).
 */
export function cliRunLoader(logsDir: string): RunLoader {
  return new RunLoader(logsDir, { cacheWrites: "index-only" });
}
