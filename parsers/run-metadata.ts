import { z } from "zod";
import type { RunMetadata } from "./types";
import { locateJsonError } from "./json-error";

/** v1 writes most numbers as strings ("8"), sometimes as numbers; "None"/"" mean unknown. */
const looseInt = z.unknown().optional().transform((value): number | null => {
  if (typeof value === "number" && Number.isFinite(value)) return Math.round(value);
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value));
  return null;
});
const looseText = z.unknown().optional().transform((value): string | null => {
  if (typeof value === "string") return value.trim() === "" || value === "None" ? null : value;
  if (typeof value === "number") return String(value);
  return null;
});
const tagList = z.unknown().optional().transform((value): string[] =>
  Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === "string") : [],
);

/** Concurrencies as `"16x32x64"`, `[16, 32]`, `"16,32"` or a single number. */
export function parseConcurrencyList(value: unknown): number[] | null {
  let parts: unknown[];
  if (Array.isArray(value)) parts = value;
  else if (typeof value === "number") parts = [value];
  else if (typeof value === "string" && value.trim() !== "") parts = value.split(/[x,\s]+/);
  else return null;
  const numbers = parts.map((part) => Number(part)).filter((n) => Number.isInteger(n) && n >= 0);
  return numbers.length > 0 ? [...new Set(numbers)].sort((a, b) => a - b) : null;
}

/** Legacy (Oct-Nov 2025) nested metadata: the form is told by its `run_metadata` key, not by `version`. */
export const rawMetadataV1Schema = z.object({
  version: looseText,
  generated_at: looseText.optional(),
  run_metadata: z.looseObject({
    slurm_job_id: looseText,
    run_date: looseText,
    job_name: looseText,
    partition: looseText,
    container: looseText,
    model_dir: looseText,
    gpus_per_node: looseInt,
    gpu_type: looseText,
    mode: looseText,
    agg_nodes: looseInt,
    agg_workers: looseInt,
    prefill_nodes: looseInt,
    decode_nodes: looseInt,
    prefill_workers: looseInt,
    decode_workers: looseInt,
    enable_multiple_frontends: z.unknown().optional(),
    num_additional_frontends: looseInt,
  }),
  profiler_metadata: z
    .looseObject({ type: looseText, profiler_type: looseText, isl: looseInt, osl: looseInt, concurrencies: z.unknown().optional(), "req-rate": looseText })
    .optional(),
  tags: tagList,
});
export type RawMetadataV1 = z.infer<typeof rawMetadataV1Schema>;

/**
 * Flat metadata: srtctl writes `version: "2.0"`, but earlier srtctl, hand-written files and other tools
 * omit it, so `version` is optional and any object without `run_metadata` is this form (as srt-slurm's
 * own reader, analysis/srtlog/models.py `RunMetadata.from_json`, decides). Any field may be null.
 */
export const rawMetadataV2Schema = z.object({
  version: looseText,
  job_id: looseText,
  job_name: looseText,
  generated_at: looseText,
  model: z.looseObject({ path: looseText, container: looseText, precision: looseText }).nullish(),
  resources: z
    .looseObject({
      gpu_type: looseText,
      gpus_per_node: looseInt,
      prefill_nodes: looseInt,
      decode_nodes: looseInt,
      agg_nodes: looseInt,
      prefill_workers: looseInt,
      decode_workers: looseInt,
      agg_workers: looseInt,
      gpus_per_prefill: looseInt,
      gpus_per_decode: looseInt,
      gpus_per_agg: looseInt,
    })
    .nullish(),
  backend_type: looseText,
  frontend_type: looseText,
  // srtctl 2.0 dropped concurrencies/req-rate from here, but older flat files carry them ("1x2x4", [1, 2], 4; 10, "inf").
  benchmark: z
    .looseObject({ type: looseText, isl: looseInt, osl: looseInt, concurrencies: z.unknown().optional(), "req-rate": looseText })
    .nullish(),
  tags: tagList,
});
export type RawMetadataV2 = z.infer<typeof rawMetadataV2Schema>;

/** "20251110_192145" (v1 run_date) -> "2025-11-10 19:21:45"; other forms pass through. */
function normaliseRunDate(value: string | null): string | null {
  const match = value ? /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/.exec(value) : null;
  if (!match) return value;
  const [, y, mo, d, h, mi, s] = match;
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

function modeOf(mode: string | null, aggNodes: number | null, aggWorkers: number | null): RunMetadata["mode"] {
  if (mode) return /^agg/i.test(mode) ? "aggregated" : "disaggregated";
  return (aggNodes ?? 0) > 0 || (aggWorkers ?? 0) > 0 ? "aggregated" : "disaggregated";
}

/** Convert v1 metadata into the app model. `fallbackJobId` is the run directory's job id. */
export function toRunMetadataFromV1(raw: RawMetadataV1, fallbackJobId: string): RunMetadata {
  const run = raw.run_metadata;
  const profiler = raw.profiler_metadata;
  const extraFrontends = run.num_additional_frontends ?? 0;
  return {
    jobId: run.slurm_job_id ?? fallbackJobId,
    jobName: run.job_name,
    metadataVersion: "1.0",
    runDate: normaliseRunDate(run.run_date) ?? raw.generated_at ?? null,
    mode: modeOf(run.mode, run.agg_nodes, run.agg_workers),
    container: run.container,
    modelPath: run.model_dir,
    precision: null,
    gpuType: run.gpu_type,
    gpusPerNode: run.gpus_per_node,
    prefillNodes: run.prefill_nodes,
    decodeNodes: run.decode_nodes,
    aggNodes: run.agg_nodes,
    prefillWorkers: run.prefill_workers,
    decodeWorkers: run.decode_workers,
    aggWorkers: run.agg_workers,
    gpusPerPrefill: null,
    gpusPerDecode: null,
    gpusPerAgg: null,
    frontends: run.enable_multiple_frontends === true || /^true$/i.test(String(run.enable_multiple_frontends)) ? 1 + extraFrontends : 1,
    backendType: null,
    frontendType: null,
    partition: run.partition,
    profiler: {
      type: profiler?.type ?? profiler?.profiler_type ?? "unknown",
      isl: profiler?.isl ?? null,
      osl: profiler?.osl ?? null,
      concurrencies: parseConcurrencyList(profiler?.concurrencies),
      requestRate: profiler?.["req-rate"] ?? null,
    },
    tags: raw.tags,
  };
}

/** Convert v2 metadata into the app model; `recipeConcurrencies` come from the run's config.yaml. */
export function toRunMetadataFromV2(raw: RawMetadataV2, fallbackJobId: string, recipeConcurrencies: number[] | null): RunMetadata {
  const res = raw.resources;
  return {
    jobId: raw.job_id ?? fallbackJobId,
    jobName: raw.job_name,
    metadataVersion: "2.0",
    runDate: raw.generated_at,
    mode: modeOf(null, res?.agg_nodes ?? null, res?.agg_workers ?? null),
    container: raw.model?.container ?? null,
    modelPath: raw.model?.path ?? null,
    precision: raw.model?.precision ?? null,
    gpuType: res?.gpu_type ?? null,
    gpusPerNode: res?.gpus_per_node ?? null,
    prefillNodes: res?.prefill_nodes ?? null,
    decodeNodes: res?.decode_nodes ?? null,
    aggNodes: res?.agg_nodes ?? null,
    prefillWorkers: res?.prefill_workers ?? null,
    decodeWorkers: res?.decode_workers ?? null,
    aggWorkers: res?.agg_workers ?? null,
    gpusPerPrefill: res?.gpus_per_prefill ?? null,
    gpusPerDecode: res?.gpus_per_decode ?? null,
    gpusPerAgg: res?.gpus_per_agg ?? null,
    frontends: null,
    backendType: raw.backend_type,
    frontendType: raw.frontend_type,
    partition: null,
    profiler: {
      type: raw.benchmark?.type ?? "unknown",
      isl: raw.benchmark?.isl ?? null,
      osl: raw.benchmark?.osl ?? null,
      concurrencies: parseConcurrencyList(raw.benchmark?.concurrencies) ?? recipeConcurrencies,
      requestRate: raw.benchmark?.["req-rate"] ?? null,
    },
    tags: raw.tags,
  };
}

/** JSON.parse with a message that names the line and column of the fault, as editors count them. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: false, message: "empty file" };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const fault = locateJsonError(text);
    if (fault) return { ok: false, message: `invalid JSON at line ${fault.line} column ${fault.column}: ${fault.message}` };
    return { ok: false, message: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A read `<jobid>.json`: the metadata, plus warnings that did not stop the read (shown on the run). */
export type MetadataParse = { ok: true; metadata: RunMetadata; warnings: string[] } | { ok: false; reason: string };

/** The version each form was written with; absent is fine too (hand-written files and older tools omit it). */
const KNOWN_VERSION = { nested: "1.0", flat: "2.0" } as const;
/** Keys srtctl writes in the flat form; an object with none of them tells us nothing about the run. */
const FLAT_KEYS = ["version", "job_id", "job_name", "generated_at", "model", "resources", "backend_type", "frontend_type", "benchmark", "tags"];

function versionWarning(fileName: string, version: string | null, form: keyof typeof KNOWN_VERSION): string[] {
  if (version === null || version === KNOWN_VERSION[form]) return [];
  const shape = form === "nested" ? "nested (run_metadata) form" : "flat form";
  return [`${fileName} says version "${version}", which this reader does not know; read it as the ${shape}, so some fields may be missing`];
}

function readNested(value: object, fileName: string, fallbackJobId: string, recipeConcurrencies: number[] | null): MetadataParse {
  const v1 = rawMetadataV1Schema.safeParse(value);
  if (!v1.success) return { ok: false, reason: `unreadable ${fileName}: ${z.prettifyError(v1.error)}` };
  const metadata = toRunMetadataFromV1(v1.data, fallbackJobId);
  if (!metadata.profiler.concurrencies) metadata.profiler.concurrencies = recipeConcurrencies;
  return { ok: true, metadata, warnings: versionWarning(fileName, v1.data.version, "nested") };
}

function readFlat(value: object, fileName: string, fallbackJobId: string, recipeConcurrencies: number[] | null): MetadataParse {
  const v2 = rawMetadataV2Schema.safeParse(value);
  if (!v2.success) return { ok: false, reason: `unreadable ${fileName}: not the nested (run_metadata) form, and not the flat form: ${z.prettifyError(v2.error)}` };
  const warnings = versionWarning(fileName, v2.data.version, "flat");
  if (!FLAT_KEYS.some((key) => key in value)) {
    warnings.push(`${fileName} has none of the metadata keys (run_metadata, job_id, model, resources, benchmark, ...); everything about the run is unknown`);
  }
  return { ok: true, metadata: toRunMetadataFromV2(v2.data, fallbackJobId, recipeConcurrencies), warnings };
}

/**
 * Parse `<jobid>.json` text. The form is told by shape, as srt-slurm's reader does: a `run_metadata` key
 * means the legacy nested form, any other object the flat form, whatever `version` says (an unknown
 * version is a warning, never a failure). `recipeConcurrencies` (from config.yaml) fill in what the file
 * does not record. Reasons name the file, e.g. "unreadable 3667.json: empty file".
 */
export function parseRunMetadata(text: string, fileName: string, fallbackJobId: string, recipeConcurrencies: number[] | null): MetadataParse {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, reason: `unreadable ${fileName}: ${json.message}` };
  const value = json.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, reason: `unreadable ${fileName}: expected a JSON object` };
  }
  if ("run_metadata" in value) return readNested(value, fileName, fallbackJobId, recipeConcurrencies);
  return readFlat(value, fileName, fallbackJobId, recipeConcurrencies);
}

/**
 * Metadata of a run whose `<jobid>.json` is missing or unreadable but whose results exist: the job id
 * (from the directory name) and nothing else. Points still show; GPU counts, topology and dates are unknown.
 */
export function unknownRunMetadata(jobId: string): RunMetadata {
  return {
    jobId, jobName: null, metadataVersion: "unknown", runDate: null, mode: "disaggregated",
    container: null, modelPath: null, precision: null, gpuType: null, gpusPerNode: null,
    prefillNodes: null, decodeNodes: null, aggNodes: null, prefillWorkers: null, decodeWorkers: null, aggWorkers: null,
    gpusPerPrefill: null, gpusPerDecode: null, gpusPerAgg: null, frontends: null, backendType: null, frontendType: null, partition: null,
    profiler: { type: "unknown", isl: null, osl: null, concurrencies: null, requestRate: null },
    tags: [],
  };
}
