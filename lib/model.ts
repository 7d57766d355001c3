import { z } from "zod";

export { benchPointSchema, runMetadataSchema, type BenchPoint, type RunMetadata } from "../parsers/types";
import { benchPointSchema, runMetadataSchema } from "../parsers/types";

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
  /**
   * Faults a user must see on the run (dashboard and `srtlog runs`): metadata missing or unreadable (the run
   * loaded from its results alone), a metadata version this reader does not know.
   */
  warnings: z.array(z.string()),
  /** Set on runs read from an ingested dataset (srtlog ingest): where in it, and the cluster it came from. */
  origin: z
    .object({
      dataset: z.string(),
      runKey: z.string(),
      cluster: z.string(),
      month: z.string(),
      /** The run directory it was ingested from, as the dataset names it: shown, read only when allowed (runPath then names it). */
      source: z.string().optional(),
    })
    .optional(),
});
export type Run = z.infer<typeof runSchema>;

/** A directory that looked like a run but could not be loaded, with a reason a person can act on. */
export const skippedRunSchema = z.object({
  runDir: z.string(),
  reason: z.string(),
});
export type SkippedRun = z.infer<typeof skippedRunSchema>;
