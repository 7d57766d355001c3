/**
 * Where AIPerf's per-request export of each concurrency lies in a run. srt-slurm's AIPerf benchmarks
 * (trace-replay, mooncake-router) pass `--artifact-dir <log dir>/artifacts/<model>_trace_c<C>_<timestamp>`
 * per concurrency, AIPerf writes `profile_export.jsonl` there, and a separate `artifacts/warmup/` run
 * precedes the sweep (its requests are not the point's).
 */

/** One directory under `artifacts/`: its path relative to the run dir, and the names of its files. */
export interface ArtifactDir {
  rel: string;
  files: readonly string[];
}

export const AIPERF_EXPORT_FILE = "profile_export.jsonl";

/** The concurrency a trace-replay artifact dir is named after (`..._c64_20260101_120000`, `concurrency_64`), else null. */
export function aiperfConcurrencyOf(dirName: string): number | null {
  const match = /(?:^|_)c(\d+)(?:_|$)/.exec(dirName) ?? /(?:^|[_-])concurrency[_-]?(\d+)(?:[_-]|$)/.exec(dirName);
  const value = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

function baseName(rel: string): string {
  return rel.split("/").filter(Boolean).pop() ?? rel;
}

/**
 * Concurrency -> the `profile_export.jsonl` to read (relative to the run dir). A dir named after no
 * concurrency, or `warmup`, is skipped; when two dirs name one concurrency (a re-run), the one whose name
 * sorts last wins, which is the later one since srt-slurm ends the name with a timestamp, and it is said.
 */
export function pickAiperfExports(dirs: readonly ArtifactDir[]): { byConcurrency: Map<number, string>; issues: string[] } {
  const byConcurrency = new Map<number, string>();
  const issues: string[] = [];
  const sorted = [...dirs].sort((a, b) => (baseName(a.rel) < baseName(b.rel) ? -1 : baseName(a.rel) > baseName(b.rel) ? 1 : 0));
  for (const dir of sorted) {
    const name = baseName(dir.rel);
    if (name === "warmup" || !dir.files.includes(AIPERF_EXPORT_FILE)) continue;
    const concurrency = aiperfConcurrencyOf(name);
    if (concurrency === null) continue;
    const earlier = byConcurrency.get(concurrency);
    if (earlier !== undefined) issues.push(`concurrency ${concurrency}: ${dir.rel}/${AIPERF_EXPORT_FILE} read, ${earlier} ignored (an earlier run of the same concurrency)`);
    byConcurrency.set(concurrency, `${dir.rel}/${AIPERF_EXPORT_FILE}`);
  }
  return { byConcurrency, issues };
}
