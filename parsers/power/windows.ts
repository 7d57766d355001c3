import { z } from "zod";

/**
 * One measurement window (`power/windows/<result-stem>.json`, schema_version 1): when a benchmark
 * point ran, on the same head-node clock as the samples. Checked as upstream does: status fixes
 * whether end, duration and reason may be null.
 */
const rawPowerWindowSchema = z.object({
  schema_version: z.literal(1),
  clock_source: z.literal("head_node_unix_clock"),
  benchmark_type: z.string(),
  concurrency: z.number().int(),
  result_path: z.string(),
  status: z.enum(["running", "completed", "failed", "interrupted"]),
  benchmark_start_time_unix: z.number().finite(),
  benchmark_end_time_unix: z.number().finite().nullable().optional(),
  duration: z.number().finite().nullable().optional(),
  reason: z.string().nullable().optional(),
});

export interface PowerWindow {
  /** File stem: the result file's stem. */
  stem: string;
  concurrency: number;
  resultPath: string;
  status: "running" | "completed" | "failed" | "interrupted";
  startUnix: number;
  /** Null while running or when interrupted: no end was recorded, none is invented. */
  endUnix: number | null;
  reason: string | null;
}

export type PowerWindowParse = { ok: true; window: PowerWindow } | { ok: false; issue: string };

/** Parse one window file's text; `fileName` is its name under windows/. */
export function parsePowerWindow(text: string, fileName: string): PowerWindowParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, issue: `power/windows/${fileName}: invalid JSON` };
  }
  const parsed = rawPowerWindowSchema.safeParse(value);
  if (!parsed.success) return { ok: false, issue: `power/windows/${fileName}: ${z.prettifyError(parsed.error).replace(/\n+/g, " ")}` };
  const raw = parsed.data;
  const end = raw.benchmark_end_time_unix ?? null;
  const closed = raw.status === "completed" || raw.status === "failed";
  if (closed && (end === null || !(raw.duration != null && raw.duration > 0) || end < raw.benchmark_start_time_unix)) {
    return { ok: false, issue: `power/windows/${fileName}: status ${raw.status} needs an end time after the start and a positive duration` };
  }
  const stem = fileName.replace(/\.json$/, "");
  return {
    ok: true,
    window: { stem, concurrency: raw.concurrency, resultPath: raw.result_path, status: raw.status, startUnix: raw.benchmark_start_time_unix, endUnix: closed ? end : null, reason: raw.reason ?? null },
  };
}
