import type { BatchType, Engine, LogRecord, LogSummary, ParallelRecord, ParallelSizes } from "./schemas";

type Sizes = Partial<Record<"tp" | "dp" | "ep" | "pp", number>>;

function fill(into: Sizes, rec: ParallelRecord): void {
  for (const key of ["tp", "dp", "ep", "pp"] as const) {
    if (into[key] === undefined && rec[key] !== undefined) into[key] = rec[key];
  }
}

/** Counts records as they stream past, so the summary needs no second pass over them. */
export class SummaryBuilder {
  bytes = 0;
  issues = 0;
  issuesSuppressed = 0;
  private records = 0;
  private readonly batches = { prefill: 0, decode: 0, mixed: 0 };
  private memory = 0;
  private parallel = 0;
  private readonly engines = new Set<Engine>();
  private readonly fromArgs: Sizes = {};
  private readonly fromCommand: Sizes = {};

  add(rec: LogRecord): void {
    if (rec.kind === "batch") {
      this.addBatch(rec.engine, rec.batchType);
    } else if (rec.kind === "memory") {
      this.records++;
      this.memory++;
    } else {
      this.records++;
      this.parallel++;
      fill(rec.source === "server_args" ? this.fromArgs : this.fromCommand, rec);
    }
  }

  /** A batch, whether it came as a record or went to a batch sink. */
  addBatch(engine: Engine, batchType: BatchType): void {
    this.records++;
    this.batches[batchType]++;
    this.engines.add(engine);
  }

  /** First value seen per size; a ServerArgs dump beats a command line (it is what SGLang resolved). */
  private parallelSizes(): ParallelSizes | null {
    if (this.parallel === 0) return null;
    const pick = (key: keyof Sizes) => this.fromArgs[key] ?? this.fromCommand[key] ?? null;
    return { tp: pick("tp"), dp: pick("dp"), ep: pick("ep"), pp: pick("pp") };
  }

  private note(lines: number): string {
    if (this.bytes === 0) return "empty log: 0 bytes";
    if (this.records === 0) return `no batch, memory or parallel-size lines in ${lines} lines`;
    return "";
  }

  build(lines: number): LogSummary {
    return {
      bytes: this.bytes,
      lines,
      records: this.records,
      batches: { ...this.batches },
      memory: this.memory,
      parallel: this.parallel,
      engines: [...this.engines].sort(),
      parallelSizes: this.parallelSizes(),
      issues: this.issues,
      issuesSuppressed: this.issuesSuppressed,
      empty: this.records === 0,
      note: this.note(lines),
    };
  }
}
