/** Where a run's first load is, for the progress shown in place of its charts. */
export interface LoadProgress {
  /** waiting: other runs are being read; reading: cache or first file; parsing: log files; drawing: lines being built. */
  phase: "waiting" | "reading" | "parsing" | "drawing";
  filesDone: number;
  files: number;
  bytesDone: number;
  bytes: number;
  elapsedMs: number;
}

/** What the progress endpoint answers for a load id. */
export type LoadStatus = { state: "loading"; progress: LoadProgress } | { state: "idle" };

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 10e6 ? 1 : 0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One line a person can watch move: "Parsing worker logs: 5 of 16 files, 230 of 740 MB (12.0 s)". */
export function progressText(p: LoadProgress): string {
  if (p.phase === "parsing") return `Parsing worker logs: ${p.filesDone} of ${p.files} files, ${mb(p.bytesDone).replace(" MB", "")} of ${mb(p.bytes)} (${seconds(p.elapsedMs)})`;
  if (p.phase === "waiting") return `Waiting for other runs' worker logs to be read first (${seconds(p.elapsedMs)})`;
  if (p.phase === "drawing") return `Building the charts from the parsed logs (${seconds(p.elapsedMs)})`;
  return `Reading node metrics of ${p.files} worker log file${p.files === 1 ? "" : "s"} (${mb(p.bytes)}); a first parse caches them for next time (${seconds(p.elapsedMs)})`;
}
