import { z } from "zod";

/** A measured number; null means "missing" (absent, NaN, Infinity or null in the source) — never 0. */
const metric = z.number().nullable();

/** Everything srt-slurm tells us about a run, normalised from v1 (nested) or v2 (flat) `<jobid>.json`. */
export const runMetadataSchema = z.object({
  jobId: z.string(),
  jobName: z.string().nullable(),
  /** "1.0" or "2.0": which shape the file had. */
  metadataVersion: z.enum(["1.0", "2.0"]),
  /** When the run started, "YYYY-MM-DD HH:MM:SS" as srt-slurm wrote it (v1 local time, v2 UTC). */
  runDate: z.string().nullable(),
  mode: z.enum(["disaggregated", "aggregated"]),
  container: z.string().nullable(),
  modelPath: z.string().nullable(),
  precision: z.string().nullable(),
  gpuType: z.string().nullable(),
  gpusPerNode: z.number().int().nullable(),
  prefillNodes: z.number().int().nullable(),
  decodeNodes: z.number().int().nullable(),
  aggNodes: z.number().int().nullable(),
  prefillWorkers: z.number().int().nullable(),
  decodeWorkers: z.number().int().nullable(),
  aggWorkers: z.number().int().nullable(),
  gpusPerPrefill: z.number().int().nullable(),
  gpusPerDecode: z.number().int().nullable(),
  gpusPerAgg: z.number().int().nullable(),
  frontends: z.number().int().nullable(),
  backendType: z.string().nullable(),
  frontendType: z.string().nullable(),
  partition: z.string().nullable(),
  profiler: z.object({
    type: z.string(),
    isl: z.number().int().nullable(),
    osl: z.number().int().nullable(),
    /** Concurrencies the run was asked to measure; null when the metadata does not say. */
    concurrencies: z.array(z.number().int()).nullable(),
    requestRate: z.string().nullable(),
  }),
  tags: z.array(z.string()),
});
export type RunMetadata = z.infer<typeof runMetadataSchema>;

/** One benchmark measurement: one concurrency level of one run. Latencies in ms. */
export const benchPointSchema = z.object({
  concurrency: z.number().int(),
  /** Request rate the client offered; null when absent, Infinity for sa-bench's "inf". */
  requestRate: metric.or(z.literal(Infinity)),
  outputTps: metric,
  totalTps: metric,
  inputTps: metric,
  requestThroughput: metric,
  requestGoodput: metric,
  peakOutputTps: metric,
  meanTtftMs: metric,
  medianTtftMs: metric,
  p99TtftMs: metric,
  stdTtftMs: metric,
  meanTpotMs: metric,
  medianTpotMs: metric,
  p99TpotMs: metric,
  stdTpotMs: metric,
  meanItlMs: metric,
  medianItlMs: metric,
  p99ItlMs: metric,
  stdItlMs: metric,
  meanE2elMs: metric,
  medianE2elMs: metric,
  p99E2elMs: metric,
  stdE2elMs: metric,
  totalInputTokens: metric,
  totalOutputTokens: metric,
  completed: metric,
  failed: metric,
  numPrompts: metric,
  durationS: metric,
  /** Wall-clock window of the benchmark, seconds since epoch, where the result says. */
  startTimeUnix: metric,
  endTimeUnix: metric,
  date: z.string().nullable(),
  backend: z.string().nullable(),
  modelId: z.string().nullable(),
  /** Result file, relative to the run directory. */
  sourceFile: z.string(),
});
export type BenchPoint = z.infer<typeof benchPointSchema>;

/** A concurrency that was expected (or whose file exists) but yielded no point, and why. */
export const missingPointSchema = z.object({
  concurrency: z.number().int(),
  reason: z.string(),
});
export type MissingPoint = z.infer<typeof missingPointSchema>;

/** A run as the dashboard and CLI see it. */
export const runSchema = z.object({
  jobId: z.string(),
  /** Absolute path of the run directory. */
  runPath: z.string(),
  /** Run directory relative to the logs directory. */
  runDir: z.string(),
  metadataFile: z.string(),
  metadata: runMetadataSchema,
  topology: z.string(),
  totalGpus: z.number().int().nullable(),
  /** Result directories, relative to the run directory. */
  resultDirs: z.array(z.string()),
  points: z.array(benchPointSchema),
  expectedConcurrencies: z.array(z.number().int()),
  missingConcurrencies: z.array(z.number().int()),
  missing: z.array(missingPointSchema),
  isComplete: z.boolean(),
  /** Things worth knowing that did not stop the run from loading (ignored files, fallbacks). */
  notes: z.array(z.string()),
});
export type Run = z.infer<typeof runSchema>;

/** A directory that looked like a run but could not be loaded, with a reason a person can act on. */
export const skippedRunSchema = z.object({
  runDir: z.string(),
  reason: z.string(),
});
export type SkippedRun = z.infer<typeof skippedRunSchema>;
