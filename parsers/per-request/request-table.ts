import { z } from "zod";
import type { SaBenchArrays } from "./sa-bench-arrays";

/**
 * One table of requests, whatever wrote them (sa-bench arrays or AIPerf's profile_export.jsonl),
 * stored by column: a 100k-request point is a few typed-looking arrays, not 100k objects.
 * Latencies in ms; null means missing (failed request, absent field), never 0.
 */
export const requestTableSchema = z.object({
  /** Position in the source (0-based): request order as the benchmark wrote it. */
  index: z.array(z.number().int()),
  inputLen: z.array(z.number().nullable()),
  outputLen: z.array(z.number().nullable()),
  ttftMs: z.array(z.number().nullable()),
  meanItlMs: z.array(z.number().nullable()),
  /** (E2E − TTFT) / (output − 1); null for output ≤ 1. */
  tpotMs: z.array(z.number().nullable()),
  e2eMs: z.array(z.number().nullable()),
  /** Start time (unix seconds) where the source has one; used to mark warmup. */
  startUnix: z.array(z.number().nullable()),
  /** Error text, "" when the request succeeded. */
  error: z.array(z.string()),
  /** The source's own phase name (AIPerf `benchmark_phase`), null when it says none. */
  phase: z.array(z.string().nullable()),
});
export type RequestTable = z.infer<typeof requestTableSchema>;

export const REQUEST_COLUMNS = ["index", "inputLen", "outputLen", "ttftMs", "meanItlMs", "tpotMs", "e2eMs", "startUnix", "error", "phase"] as const;

export function emptyRequestTable(): RequestTable {
  return { index: [], inputLen: [], outputLen: [], ttftMs: [], meanItlMs: [], tpotMs: [], e2eMs: [], startUnix: [], error: [], phase: [] };
}

export interface RequestRow {
  inputLen: number | null;
  outputLen: number | null;
  ttftMs: number | null;
  meanItlMs: number | null;
  e2eMs: number | null;
  startUnix: number | null;
  error: string;
  phase: string | null;
}

/** TPOT as sa-bench defines it: decode time over the tokens after the first. */
export function tpotOf(e2eMs: number | null, ttftMs: number | null, outputLen: number | null): number | null {
  if (e2eMs === null || ttftMs === null || outputLen === null || outputLen <= 1) return null;
  return (e2eMs - ttftMs) / (outputLen - 1);
}

/** Append one request; TPOT is derived here so both sources define it the same way. */
export function pushRequest(table: RequestTable, row: RequestRow): void {
  table.index.push(table.index.length);
  table.inputLen.push(row.inputLen);
  table.outputLen.push(row.outputLen);
  table.ttftMs.push(row.ttftMs);
  table.meanItlMs.push(row.meanItlMs);
  table.tpotMs.push(tpotOf(row.e2eMs, row.ttftMs, row.outputLen));
  table.e2eMs.push(row.e2eMs);
  table.startUnix.push(row.startUnix);
  table.error.push(row.error);
  table.phase.push(row.phase);
}

const ms = (seconds: number | null | undefined): number | null => (seconds === null || seconds === undefined ? null : seconds * 1000);

/**
 * The table from sa-bench's arrays (seconds). sa-bench keeps no per-request E2E: it is TTFT plus the
 * sum of the inter-token gaps, which is how its own e2el is measured up to the last chunk. A failed
 * request (non-empty error) keeps its lengths but no latencies: sa-bench writes 0 there, not a time.
 */
export function tableFromSaBench(arrays: SaBenchArrays): { table: RequestTable; issues: string[] } {
  const issues: string[] = [];
  const lengths = [arrays.inputLens, arrays.outputLens, arrays.ttfts, arrays.itlSums, arrays.errors]
    .map((list, i) => ({ name: ["input_lens", "output_lens", "ttfts", "itls", "errors"][i], n: list.length }))
    .filter(({ name }) => arrays.present.has(name));
  const n = Math.max(0, ...lengths.map(({ n }) => n));
  const short = lengths.filter((entry) => entry.n !== n);
  if (short.length > 0) issues.push(`per-request arrays differ in length: ${lengths.map(({ name, n }) => `${name} ${n}`).join(", ")}; missing entries are left empty`);
  const table = emptyRequestTable();
  for (let i = 0; i < n; i++) {
    const error = arrays.errors[i] ?? "";
    const failed = error !== "";
    const ttftMs = failed ? null : ms(arrays.ttfts[i]);
    const itlSum = arrays.itlSums[i];
    const itlCount = arrays.itlCounts[i] ?? 0;
    const e2eMs = failed || ttftMs === null || itlSum === null || itlSum === undefined ? null : ttftMs + itlSum * 1000;
    pushRequest(table, {
      inputLen: arrays.inputLens[i] ?? null,
      outputLen: arrays.outputLens[i] ?? null,
      ttftMs,
      meanItlMs: failed || itlSum === null || itlSum === undefined || itlCount === 0 ? null : (itlSum * 1000) / itlCount,
      e2eMs,
      startUnix: arrays.startTimes[i] ?? null,
      error,
      phase: null,
    });
  }
  return { table, issues: [...arrays.issues, ...issues] };
}
