import type { Engine, LogRecord, LogSummary, ParallelRecord, ParallelSizes } from "./schemas";

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
  private sunkPrefill = 0;
  private sunkDecode = 0;
  private memory = 0;
  private parallel = 0;
  private readonly engines = new Set<Engine>();
  private readonly fromArgs: Sizes = {};
  private readonly fromCommand: Sizes = {};

  add(rec: LogRecord): void {
    this.records++;
    if (rec.kind === "batch") {
      this.batches[rec.batchType]++;
      this.engines.add(rec.engine);
    } else if (rec.kind === "memory") {
      this.memory++;
    } else {
      this.parallel++;
      fill(rec.source === "server_args" ? this.fromArgs : this.fromCommand, rec);
    }
  }

  /**
   * An SGLang batch that went to a batch sink: a plain counter, folded in by `build` (a Set add
   * and a keyed store per line showed up in profiles of million-line logs).
   */
  addSunkBatch(prefill: boolean): void {
    if (prefill) this.sunkPrefill++;
    else this.sunkDecode++;
  }

  /** Moves the sunk-batch counters into the record counts. */
  private foldSunk(): void {
    const sunk = this.sunkPrefill + this.sunkDecode;
    if (sunk === 0) return;
    this.records += sunk;
    this.batches.prefill += this.sunkPrefill;
    this.batches.decode += this.sunkDecode;
    this.engines.add("sglang");
    this.sunkPrefill = 0;
    this.sunkDecode = 0;
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
    this.foldSunk();
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
