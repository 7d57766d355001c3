import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { BenchPoint, MissingPoint, Run, RunMetadata } from "../model";
import { topologyLabel, totalGpusOf } from "../topology";
import { concurrencyFromFileName, parseBenchResultFile } from "../../parsers/bench-result";
import { recipeConcurrencies } from "../../parsers/recipe";
import { parseRunMetadata, unknownRunMetadata } from "../../parsers/run-metadata";
import { readBenchCache, writeBenchCache, type BenchCacheContent } from "./bench-cache";
import { deferWrite } from "./deferred-writes";
import { fingerprintOf, RESULT_DIR_PATTERNS, scanRunFiles, findMetadataFile, findRecipeFile, type FileStamp, type RunDirEntry, type RunFiles } from "./scan-runs";

/**
 * `transient`: the outcome came from a file we could not read (permissions, I/O), not from what the
 * files say; it may change without any file's size or mtime changing, so it is not kept across processes.
 */
export type RunLoad = { ok: true; run: Run; files: RunFiles; transient?: true } | { ok: false; runDir: string; reason: string; transient?: true };

export interface LoadOptions {
  /**
   * The run's Parquet cache (`<run>/.cache/benchmark_results.parquet`) after a parse: written before the
   * load answers ("await", the default), queued (lib/server/deferred-writes.ts; the server's choice), or
   * not written ("skip": the CLI's, which keeps the logs dir's run index instead).
   */
  cacheWrite?: "await" | "defer" | "skip";
}

const RESULT_FILE_PATTERNS = "concurrency_<C>.json, results_concurrency_<C>_gpus_<N>*.json, isl_<I>_osl_<O>_concurrency_<C>_*.json";

type MetadataRead = { ok: true; metadata: RunMetadata; warnings: string[] } | { ok: false; reason: string; transient?: true };

function readText(file: string): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: readFileSync(file, "utf8") };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Concurrencies from config.yaml, for metadata (v2, or none at all) that leaves them to the recipe. */
function fillFromRecipe(entry: RunDirEntry, metadata: RunMetadata): void {
  if (metadata.profiler.concurrencies) return;
  const recipeFile = findRecipeFile(entry.path);
  const recipe = recipeFile ? readText(recipeFile.path) : null;
  if (recipe?.ok) metadata.profiler.concurrencies = recipeConcurrencies(recipe.text);
}

/** `<jobid>.json`, plus config.yaml only when the metadata (v2) leaves the concurrencies to the recipe. */
function readMetadata(entry: RunDirEntry): MetadataRead {
  const file = findMetadataFile(entry.path, entry.jobId);
  if (!file) return { ok: false, reason: `no ${entry.jobId}.json in ${entry.name}/ or ${entry.name}/logs/` };
  const read = readText(file.path);
  if (!read.ok) return { ok: false, reason: `unreadable ${entry.jobId}.json: ${read.message}`, transient: true };
  const parsed = parseRunMetadata(read.text, `${entry.jobId}.json`, entry.jobId, null);
  if (parsed.ok) fillFromRecipe(entry, parsed.metadata);
  return parsed;
}

/** Parse every result file of a run (skipping per-request arrays), collecting points and what went wrong. */
export function parseResultFiles(files: FileStamp[], ignoredFiles: string[]): BenchCacheContent {
  const byConcurrency = new Map<number, BenchPoint>();
  const missing: MissingPoint[] = [];
  const notes = ignoredFiles.map((file) => `ignored ${file}: not a benchmark result`);
  for (const file of files) {
    // Sync: for a 1,000-run cold load, the promise API's open/stat/read/close round trips cost ~20% more CPU.
    const result = parseBenchResultFile(readFileSync(file.path), file.rel);
    for (const point of result.points) {
      if (byConcurrency.has(point.concurrency)) notes.push(`concurrency ${point.concurrency} measured again in ${file.rel}; keeping the later one`);
      byConcurrency.set(point.concurrency, point);
    }
    notes.push(...result.notes);
    if (result.ok) continue;
    if (result.ignored) notes.push(`ignored ${result.reason}`);
    else {
      const concurrency = concurrencyFromFileName(path.basename(file.rel));
      if (concurrency !== null && result.points.length === 0) missing.push({ concurrency, reason: result.reason });
      else notes.push(result.reason);
    }
  }
  const points = [...byConcurrency.values()].sort((a, b) => a.concurrency - b.concurrency);
  return { points, missing: missing.filter((m) => !byConcurrency.has(m.concurrency)), notes };
}

function completeness(metadata: RunMetadata, content: BenchCacheContent) {
  const found = new Set(content.points.map((point) => point.concurrency));
  const expected = new Set(metadata.profiler.concurrencies ?? [...found, ...content.missing.map((m) => m.concurrency)]);
  const missing = [...content.missing];
  for (const concurrency of expected) {
    if (!found.has(concurrency) && !missing.some((m) => m.concurrency === concurrency)) {
      missing.push({ concurrency, reason: "no result file" });
    }
  }
  missing.sort((a, b) => a.concurrency - b.concurrency);
  const expectedList = [...new Set([...expected, ...missing.map((m) => m.concurrency)])].sort((a, b) => a - b);
  return { expectedConcurrencies: expectedList, missing, missingConcurrencies: missing.map((m) => m.concurrency) };
}

/**
 * The run's metadata. A missing or unreadable `<jobid>.json` does not lose the run: it loads from its
 * results with the job id from the directory name and everything else unknown, and says so.
 */
function metadataOrUnknown(entry: RunDirEntry): { metadata: RunMetadata; warnings: string[]; unreadable: string | null; transient?: true } {
  const meta = readMetadata(entry);
  if (meta.ok) return { ...meta, unreadable: null };
  const metadata = unknownRunMetadata(entry.jobId);
  fillFromRecipe(entry, metadata);
  const warning = `${meta.reason}; loaded from its results alone, so GPU count, topology, model and dates are unknown`;
  return { metadata, warnings: [warning], unreadable: meta.reason, ...(meta.transient ? { transient: true as const } : {}) };
}

/** Load one run directory: metadata, then results from the Parquet cache or by parsing. Never throws. */
export async function loadRun(entry: RunDirEntry, options: LoadOptions = {}): Promise<RunLoad> {
  try {
    const { metadata, warnings, unreadable, transient } = metadataOrUnknown(entry);
    const mark = transient ? { transient } : {};
    if (/profil/i.test(metadata.profiler.type)) {
      return { ok: false, runDir: entry.name, ...mark, reason: `profiling job (${metadata.profiler.type}): it records traces, not throughput results` };
    }
    const files = scanRunFiles(entry.path, entry.jobId, metadata.profiler.isl, metadata.profiler.osl);
    if (files.resultFiles.length === 0) {
      const where = files.resultDirs.length > 0 ? `no result files in ${files.resultDirs.join(", ")} (looked for ${RESULT_FILE_PATTERNS})` : `looked for ${RESULT_DIR_PATTERNS} in ${entry.name}/ and ${entry.name}/logs/`;
      // Only a run with no readable results at all is skipped; the metadata fault comes first as it is the likelier cause.
      return { ok: false, runDir: entry.name, ...mark, reason: `${unreadable ? `${unreadable}, and ` : ""}no benchmark results: ${where}` };
    }
    const run = await buildRun(entry, metadata, files, warnings, options);
    return { ok: true, run, files, ...mark };
  } catch (error) {
    return { ok: false, runDir: entry.name, transient: true, reason: `unexpected error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function cachedResults(entry: RunDirEntry, files: RunFiles, totalGpus: number | null, options: LoadOptions): Promise<BenchCacheContent> {
  const fingerprint = fingerprintOf(files.resultFiles);
  const cached = await readBenchCache(entry.path, fingerprint);
  if (cached) return cached;
  const content = parseResultFiles(files.resultFiles, files.ignored);
  // A cache we cannot write costs speed next time, never the load itself.
  const write = () => writeBenchCache(entry.path, entry.jobId, totalGpus, fingerprint, content).catch(() => {});
  if (options.cacheWrite === "defer") deferWrite(write);
  else if (options.cacheWrite !== "skip") await write();
  return content;
}

async function buildRun(entry: RunDirEntry, metadata: RunMetadata, files: RunFiles, warnings: string[], options: LoadOptions): Promise<Run> {
  const totalGpus = totalGpusOf(metadata);
  const content = await cachedResults(entry, files, totalGpus, options);
  const status = completeness(metadata, content);
  return {
    jobId: entry.jobId,
    runPath: entry.path,
    runDir: entry.name,
    metadataFile: files.metadata?.rel ?? `${entry.jobId}.json`,
    metadata,
    topology: topologyLabel(metadata),
    totalGpus,
    resultDirs: files.resultDirs,
    points: content.points,
    expectedConcurrencies: status.expectedConcurrencies,
    missingConcurrencies: status.missingConcurrencies,
    missing: status.missing,
    isComplete: status.missingConcurrencies.length === 0,
    warnings,
    notes: metadata.jobId === entry.jobId ? content.notes : [`metadata says job ${metadata.jobId}; using the directory's ${entry.jobId}`, ...content.notes],
  };
}
