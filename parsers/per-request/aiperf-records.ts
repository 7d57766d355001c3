import { z } from "zod";
import { emptyRequestTable, pushRequest, type RequestTable } from "./request-table";

/**
 * AIPerf's `profile_export.jsonl`: one JSON record per request and line,
 * `{metadata: {x_request_id, request_start_ns, request_end_ns, benchmark_phase?}, metrics: {<name>: {value, unit}}, error?}`.
 * Record metrics carry their unit (AIPerf's docs show `{"value": 255.9, "unit": "ms"}` for latencies and
 * "tokens" for lengths); a record that says another time unit is converted rather than trusted blindly.
 */

const metricValueSchema = z.looseObject({ value: z.unknown(), unit: z.string().optional() }).nullable().optional();

const rawAiperfRecordSchema = z.looseObject({
  metadata: z.looseObject({
    x_request_id: z.unknown().optional(),
    request_start_ns: z.number().nullable().optional(),
    request_end_ns: z.number().nullable().optional(),
    benchmark_phase: z.string().nullable().optional(),
  }),
  metrics: z.record(z.string(), metricValueSchema).nullable().optional(),
  error: z.unknown().optional(),
});
type RawAiperfRecord = z.infer<typeof rawAiperfRecordSchema>;

const TO_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, sec: 1000 };

function metric(record: RawAiperfRecord, name: string, time: boolean): number | null {
  const entry = record.metrics?.[name];
  const value = entry?.value;
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  if (!time) return value;
  const factor = TO_MS[entry?.unit ?? "ms"];
  return factor === undefined ? null : value * factor;
}

function errorText(error: unknown): string {
  if (error === null || error === undefined || error === "") return "";
  if (typeof error === "string") return error;
  if (typeof error === "object") {
    const { message, type, code } = error as Record<string, unknown>;
    const parts = [typeof type === "string" ? type : null, typeof code === "number" ? `HTTP ${code}` : null, typeof message === "string" ? message : null];
    const text = parts.filter((part) => part !== null).join(": ");
    return text !== "" ? text : JSON.stringify(error);
  }
  return String(error);
}

function rowOf(record: RawAiperfRecord) {
  const start = record.metadata.request_start_ns;
  return {
    // A failed request reports its input length as `error_isl` (AIPerf's docs, per-request records).
    inputLen: metric(record, "input_sequence_length", false) ?? metric(record, "error_isl", false),
    outputLen: metric(record, "output_sequence_length", false),
    ttftMs: metric(record, "time_to_first_token", true),
    meanItlMs: metric(record, "inter_token_latency", true),
    e2eMs: metric(record, "request_latency", true),
    startUnix: typeof start === "number" ? start / 1e9 : null,
    error: errorText(record.error),
    phase: record.metadata.benchmark_phase ?? null,
  };
}

/** Streaming reader: feed chunks, then `finish()`. Bad lines become issues with their line number. */
export class AiperfRecordReader {
  private readonly table = emptyRequestTable();
  private readonly issues: string[] = [];
  private badLines = 0;
  private line = 0;
  private pending = "";
  private readonly decoder = new TextDecoder();

  constructor(private readonly sourceFile: string) {}

  push(chunk: Uint8Array): void {
    const text = this.pending + this.decoder.decode(chunk, { stream: true });
    const lines = text.split("\n");
    this.pending = lines.pop() ?? "";
    for (const line of lines) this.readLine(line);
  }

  finish(): { table: RequestTable; issues: string[] } {
    const rest = this.pending + this.decoder.decode();
    if (rest.trim() !== "") this.readLine(rest);
    if (this.badLines > 3) this.issues.push(`${this.sourceFile}: ${this.badLines - 3} more bad lines`);
    return { table: this.table, issues: this.issues };
  }

  private readLine(text: string): void {
    this.line++;
    if (text.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return this.bad("invalid JSON");
    }
    const parsed = rawAiperfRecordSchema.safeParse(value);
    if (!parsed.success) return this.bad(`not an AIPerf record (${z.prettifyError(parsed.error).split("\n")[0]})`);
    pushRequest(this.table, rowOf(parsed.data));
  }

  private bad(what: string): void {
    this.badLines++;
    if (this.badLines <= 3) this.issues.push(`${this.sourceFile}: line ${this.line}: ${what}; line skipped`);
  }
}

/** Parse a whole `profile_export.jsonl` (as bytes or chunks). */
export function parseAiperfRecords(chunks: Iterable<Uint8Array>, sourceFile: string): { table: RequestTable; issues: string[] } {
  const reader = new AiperfRecordReader(sourceFile);
  for (const chunk of chunks) reader.push(chunk);
  return reader.finish();
}
