import type { SglangBatchLine, SglangBatchSink } from "./batch-sink";
import type { BatchRecord, BatchType } from "./schemas";

/** Batch fields kept as numeric columns, in this order; extras and graph flags are added as seen. */
export const BATCH_METRICS = [
  "newSeq", "newToken", "cachedToken", "tokenUsage", "fullTokenUsage", "swaTokenUsage", "mambaUsage",
  "preAllocatedUsage", "runningReq", "queueReq", "preallocReq", "inflightReq", "transferReq", "retractedReq",
  "pendingToken", "bootstrapReq", "unbootstrappedReq", "transferringReq", "numToken", "numFullToken",
  "numSwaToken", "inputThroughput", "genThroughput", "acceptLen", "acceptRate", "cacheHitRate", "gapLatency",
] as const;

export const BATCH_TYPES: readonly BatchType[] = ["prefill", "decode", "mixed"];

/**
 * Columns the builder finds by index: BATCH_METRICS, the graph flags, then the batch index. Indices
 * 0..29 are also SGLANG_FIELDS' indices, which lets a batch sink's seen-mask bits name columns directly.
 */
const INDEXED_COLUMNS = [...BATCH_METRICS, "cudaGraph", "npuGraph", "cpuGraph", "batchIndex"] as const;
const CUDA_GRAPH_COLUMN = 27;
const NPU_GRAPH_COLUMN = 28;
const CPU_GRAPH_COLUMN = 29;
/** `N` of SGLang's `Prefill batch [N], ...` form; a column only in logs that print it. */
const BATCH_INDEX_COLUMN = 30;
/** Seen-mask bits of the numeric BATCH_METRICS (0..26). */
const METRIC_BITS = (1 << BATCH_METRICS.length) - 1;

/**
 * Batches of one worker as columns: typed arrays, NaN for a field a line did not print. A 200,000-line
 * log is a few MB this way instead of hundreds of MB of objects, and moves between threads for free.
 */
export interface BatchTable {
  length: number;
  /** ms since epoch; NaN when the line had no timestamp. */
  ts: Float64Array;
  line: Int32Array;
  dp: Int32Array;
  tp: Int32Array;
  ep: Int32Array;
  /** Pipeline stage: every PP rank prints the same batch (aggregations keep PP0's copy). */
  pp: Int32Array;
  /** Index into BATCH_TYPES. */
  batchType: Uint8Array;
  /** Only the metrics some line printed. cudaGraph/npuGraph/cpuGraph as 1/0. */
  metrics: Record<string, Float64Array>;
}

/** `array`'s first `rows` values in a new array of `size`. */
function resized<T extends Float64Array | Int32Array | Uint8Array>(array: T, size: number, rows: number): T {
  const next = new (array.constructor as new (n: number) => T)(size);
  next.set(array.subarray(0, rows));
  return next;
}

/** Collects batch records into a BatchTable as they stream out of the parser. */
export class BatchTableBuilder implements SglangBatchSink {
  private size = 0;
  private capacity: number;
  private ts: Float64Array;
  private line: Int32Array;
  private dp: Int32Array;
  private tp: Int32Array;
  private ep: Int32Array;
  private pp: Int32Array;
  private type: Uint8Array;
  private metrics = new Map<string, Float64Array>();
  /** Columns of INDEXED_COLUMNS by index, so the hot path skips the map. */
  private cols: (Float64Array | undefined)[] = [];

  /**
   * @param expectedRows a guess of the final length (e.g. from the log's size): starting there
   * instead of doubling up from 1024 saves the copies and page faults of every step (~3% of a parse).
   */
  constructor(expectedRows = 1024) {
    this.capacity = Math.max(16, Math.ceil(expectedRows));
    this.ts = new Float64Array(this.capacity);
    this.line = new Int32Array(this.capacity);
    this.dp = new Int32Array(this.capacity);
    this.tp = new Int32Array(this.capacity);
    this.ep = new Int32Array(this.capacity);
    this.pp = new Int32Array(this.capacity);
    this.type = new Uint8Array(this.capacity);
  }

  get length(): number {
    return this.size;
  }

  private column(name: string): Float64Array {
    let column = this.metrics.get(name);
    if (!column) {
      column = new Float64Array(this.capacity).fill(NaN);
      this.metrics.set(name, column);
    }
    return column;
  }

  private ensureRoom(): void {
    if (this.size >= this.capacity) this.resize(this.capacity * 2);
  }

  /**
   * Re-sizes the columns for `expectedRows` rows in all (never below the rows already in): a caller
   * that learns the row count better part-way (parseLogFile, from the bytes per row so far) saves
   * the doubling and the copy `finish` makes of columns that are not (nearly) full.
   */
  reserve(expectedRows: number): void {
    const capacity = Math.max(16, this.size, Math.ceil(expectedRows));
    if (capacity !== this.capacity) this.resize(capacity);
  }

  private resize(capacity: number): void {
    const n = this.size;
    this.capacity = capacity;
    this.ts = resized(this.ts, capacity, n);
    this.line = resized(this.line, capacity, n);
    this.dp = resized(this.dp, capacity, n);
    this.tp = resized(this.tp, capacity, n);
    this.ep = resized(this.ep, capacity, n);
    this.pp = resized(this.pp, capacity, n);
    this.type = resized(this.type, capacity, n);
    for (const [name, column] of this.metrics) this.metrics.set(name, resized(column, capacity, n).fill(NaN, n));
    this.cols = INDEXED_COLUMNS.map((name) => this.metrics.get(name));
  }

  private set(k: number, i: number, value: number): void {
    (this.cols[k] ?? this.newColumn(k))[i] = value;
  }

  private newColumn(k: number): Float64Array {
    const column = this.column(INDEXED_COLUMNS[k]);
    this.cols[k] = column;
    return column;
  }

  /*
   * Named loads, one per field: records have many shapes (fields appear only when printed), and a
   * keyed \`record[name]\` loop over them was as slow as parsing the line.
   */
  add(r: BatchRecord): void {
    this.ensureRoom();
    const i = this.size++;
    this.ts[i] = r.ts ?? NaN;
    this.line[i] = r.line;
    this.dp[i] = r.dp;
    this.tp[i] = r.tp;
    this.ep[i] = r.ep;
    this.pp[i] = r.pp;
    this.type[i] = r.batchType === "prefill" ? 0 : r.batchType === "decode" ? 1 : 2;
    if (r.batchIndex !== undefined) this.set(BATCH_INDEX_COLUMN, i, r.batchIndex);
    if (r.newSeq !== undefined) this.set(0, i, r.newSeq);
    if (r.newToken !== undefined) this.set(1, i, r.newToken);
    if (r.cachedToken !== undefined) this.set(2, i, r.cachedToken);
    if (r.tokenUsage !== undefined) this.set(3, i, r.tokenUsage);
    if (r.fullTokenUsage !== undefined) this.set(4, i, r.fullTokenUsage);
    if (r.swaTokenUsage !== undefined) this.set(5, i, r.swaTokenUsage);
    if (r.mambaUsage !== undefined) this.set(6, i, r.mambaUsage);
    if (r.preAllocatedUsage !== undefined) this.set(7, i, r.preAllocatedUsage);
    if (r.runningReq !== undefined) this.set(8, i, r.runningReq);
    if (r.queueReq !== undefined) this.set(9, i, r.queueReq);
    if (r.preallocReq !== undefined) this.set(10, i, r.preallocReq);
    if (r.inflightReq !== undefined) this.set(11, i, r.inflightReq);
    if (r.transferReq !== undefined) this.set(12, i, r.transferReq);
    if (r.retractedReq !== undefined) this.set(13, i, r.retractedReq);
    if (r.pendingToken !== undefined) this.set(14, i, r.pendingToken);
    if (r.bootstrapReq !== undefined) this.set(15, i, r.bootstrapReq);
    if (r.unbootstrappedReq !== undefined) this.set(16, i, r.unbootstrappedReq);
    if (r.transferringReq !== undefined) this.set(17, i, r.transferringReq);
    if (r.numToken !== undefined) this.set(18, i, r.numToken);
    if (r.numFullToken !== undefined) this.set(19, i, r.numFullToken);
    if (r.numSwaToken !== undefined) this.set(20, i, r.numSwaToken);
    if (r.inputThroughput !== undefined) this.set(21, i, r.inputThroughput);
    if (r.genThroughput !== undefined) this.set(22, i, r.genThroughput);
    if (r.acceptLen !== undefined) this.set(23, i, r.acceptLen);
    if (r.acceptRate !== undefined) this.set(24, i, r.acceptRate);
    if (r.cacheHitRate !== undefined) this.set(25, i, r.cacheHitRate);
    if (r.gapLatency !== undefined) this.set(26, i, r.gapLatency);
    if (r.cudaGraph !== undefined) this.set(CUDA_GRAPH_COLUMN, i, r.cudaGraph ? 1 : 0);
    if (r.npuGraph !== undefined) this.set(NPU_GRAPH_COLUMN, i, r.npuGraph ? 1 : 0);
    if (r.cpuGraph !== undefined) this.set(CPU_GRAPH_COLUMN, i, r.cpuGraph ? 1 : 0);
    if (r.extra) for (const name in r.extra) this.column(name)[i] = r.extra[name];
  }

  /**
   * The batch-sink side: an SGLang line's fields straight from the parser's scratch, no record in
   * between. Walking the seen bits low to high creates columns in the same order as `add`.
   */
  sglangBatch(b: SglangBatchLine): void {
    this.ensureRoom();
    const i = this.size++;
    this.ts[i] = b.ts;
    this.line[i] = b.line;
    this.dp[i] = b.dp;
    this.tp[i] = b.tp;
    this.ep[i] = b.ep;
    this.pp[i] = b.pp;
    this.type[i] = b.batchType === "prefill" ? 0 : b.batchType === "decode" ? 1 : 2;
    if (!Number.isNaN(b.batchIndex)) this.set(BATCH_INDEX_COLUMN, i, b.batchIndex);
    const v = b.values;
    for (let bits = b.seen & METRIC_BITS; bits !== 0; bits &= bits - 1) {
      const k = 31 - Math.clz32(bits & -bits);
      this.set(k, i, v[k]);
    }
    if (b.seen & (1 << CUDA_GRAPH_COLUMN)) this.set(CUDA_GRAPH_COLUMN, i, v[CUDA_GRAPH_COLUMN] === 1 ? 1 : 0);
    if (b.seen & (1 << NPU_GRAPH_COLUMN)) this.set(NPU_GRAPH_COLUMN, i, v[NPU_GRAPH_COLUMN] === 1 ? 1 : 0);
    if (b.seen & (1 << CPU_GRAPH_COLUMN)) this.set(CPU_GRAPH_COLUMN, i, v[CPU_GRAPH_COLUMN] === 1 ? 1 : 0);
    if (b.extra) for (const name in b.extra) this.column(name)[i] = b.extra[name];
  }

  /**
   * The table, trimmed to its length. Columns within 1/32 of full are handed over as views of the
   * builder's arrays (a copy would fault in all their pages again); others are copied, so the spare
   * capacity is freed. Rows are only ever appended, so a view does not change if rows are added later.
   */
  finish(): BatchTable {
    const n = this.size;
    const keep = this.capacity - n <= this.capacity / 32;
    const cut = <T extends Float64Array | Int32Array | Uint8Array>(array: T): T => (keep ? array.subarray(0, n) : array.slice(0, n)) as T;
    const metrics: Record<string, Float64Array> = {};
    for (const [name, column] of this.metrics) metrics[name] = cut(column);
    return { length: n, ts: cut(this.ts), line: cut(this.line), dp: cut(this.dp), tp: cut(this.tp), ep: cut(this.ep), pp: cut(this.pp), batchType: cut(this.type), metrics };
  }
}

/** Rows of several tables one after another (e.g. a worker's `.err` and `.out`). */
export function concatBatchTables(tables: readonly BatchTable[]): BatchTable {
  if (tables.length === 1) return tables[0];
  const n = tables.reduce((sum, table) => sum + table.length, 0);
  const join = <T extends Float64Array | Int32Array | Uint8Array>(pick: (t: BatchTable) => T, make: new (n: number) => T): T => {
    const out = new make(n);
    let at = 0;
    for (const table of tables) {
      out.set(pick(table), at);
      at += table.length;
    }
    return out;
  };
  const names = new Set(tables.flatMap((table) => Object.keys(table.metrics)));
  const metrics: Record<string, Float64Array> = {};
  for (const name of names) {
    const column = new Float64Array(n).fill(NaN);
    let at = 0;
    for (const table of tables) {
      if (table.metrics[name]) column.set(table.metrics[name], at);
      at += table.length;
    }
    metrics[name] = column;
  }
  return {
    length: n,
    ts: join((t) => t.ts, Float64Array),
    line: join((t) => t.line, Int32Array),
    dp: join((t) => t.dp, Int32Array),
    tp: join((t) => t.tp, Int32Array),
    ep: join((t) => t.ep, Int32Array),
    pp: join((t) => t.pp, Int32Array),
    batchType: join((t) => t.batchType, Uint8Array),
    metrics,
  };
}

/** Count of rows of each batch type. */
export function countBatchTypes(table: BatchTable): Record<BatchType, number> {
  const counts: Record<BatchType, number> = { prefill: 0, decode: 0, mixed: 0 };
  for (let i = 0; i < table.length; i++) counts[BATCH_TYPES[table.batchType[i]]]++;
  return counts;
}
