import { z } from "zod";

// What parsers/ produces. parsers/ is the ground floor: it imports nothing of the project above it,
// so these schemas live here and lib/model.ts re-exports them for everyone else.

/** A measured number; null means "missing" (absent, NaN, Infinity or null in the source) — never 0. */
const metric = z.number().nullable();

/** Everything srt-slurm tells us about a run, normalised from v1 (nested) or v2 (flat) `<jobid>.json`. */
export const runMetadataSchema = z.object({
  jobId: z.string(),
  jobName: z.string().nullable(),
  /**
   * Which form the file had, told by shape: "1.0" nested (`run_metadata`), "2.0" flat (whatever its
   * `version` says, or none), "unknown" when `<jobid>.json` was missing or unreadable (run loaded from its results).
   */
  metadataVersion: z.enum(["1.0", "2.0", "unknown"]),
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
