import type { BatchType } from "./schemas";
import { SGLANG_FIELDS } from "./sglang-fields";

/**
 * One SGLang batch line as fields rather than a record. The parser reuses a single instance for
 * every line (a `BatchRecord` per line was a third of the cost of building a table from a big log),
 * so a sink must copy what it keeps before returning.
 */
export class SglangBatchLine {
  batchType: BatchType = "prefill";
  line = 0;
  /** ms since the epoch; NaN when the line has no timestamp (a record would say null). */
  ts = NaN;
  dp = 0;
  tp = 0;
  ep = 0;
  pp = 0;
  ranksFromTag = false;
  /** `N` of SGLang's `Prefill batch [N], ...` form (its forward count); NaN when not printed. */
  batchIndex = NaN;
  /**
   * Bit k set when SGLANG_FIELDS[k] was printed; its value is `values[k]` (True/False as 1/0).
   * The hybrid/SWA aliases (`tokenUsage`, `numToken`) are already applied, as in a record.
   */
  seen = 0;
  readonly values = new Float64Array(SGLANG_FIELDS.length);
  /** Numeric fields with no known name, as in `BatchRecord.extra`; undefined when none. */
  extra: Record<string, number> | undefined = undefined;
}

/** Receives SGLang batch lines without a record per line (see `LogParserOptions.batchSink`). */
export interface SglangBatchSink {
  sglangBatch(batch: SglangBatchLine): void;
}
