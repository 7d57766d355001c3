import type { BatchTable } from "./batch-table";

/** Metric column marking rows whose `inputThroughput` was derived here (1), not printed (NaN). */
export const DERIVED_INPUT_COLUMN = "inputThroughputDerived";

const PREFILL = 0;
/** Ranks below this pack into one exact number; larger ones (never seen) fall back to a string key. */
const RANK_LIMIT = 4096;

function rankKey(table: BatchTable, i: number): number | string {
  const { dp, tp, ep, pp } = table;
  if (dp[i] < RANK_LIMIT && tp[i] < RANK_LIMIT && ep[i] < RANK_LIMIT && pp[i] < RANK_LIMIT && dp[i] >= 0 && tp[i] >= 0 && ep[i] >= 0 && pp[i] >= 0) {
    return ((dp[i] * RANK_LIMIT + tp[i]) * RANK_LIMIT + ep[i]) * RANK_LIMIT + pp[i];
  }
  return `${dp[i]},${tp[i]},${ep[i]},${pp[i]}`;
}

/** True when some prefill row has `#new-token` but no printed input throughput. */
function needsDerivation(table: BatchTable): boolean {
  const printed = table.metrics.inputThroughput;
  const tokens = table.metrics.newToken;
  if (!tokens) return false;
  for (let i = 0; i < table.length; i++) {
    if (table.batchType[i] === PREFILL && !Number.isNaN(tokens[i]) && (!printed || Number.isNaN(printed[i]))) return true;
  }
  return false;
}

/**
 * Fills `inputThroughput` of prefill rows that did not print it (PP prefill lines, short lines) with
 * `#new-token` over the seconds since the previous prefill row of the same ranks (dp, tp, ep, pp),
 * as srt-slurm's batch plots do, so Rate Match and the throughput charts have values. Such rows get
 * 1 in the `inputThroughputDerived` column; a rank's first row, or one with no time since the
 * previous row (same timestamp), stays without a value. Rows are one log's, in the order printed.
 * Returns the table itself when no row gets a value, else a copy with the two columns set.
 */
export function deriveInputThroughput(table: BatchTable): BatchTable {
  if (!needsDerivation(table)) return table;
  const tokens = table.metrics.newToken;
  const input = table.metrics.inputThroughput ? Float64Array.from(table.metrics.inputThroughput) : new Float64Array(table.length).fill(NaN);
  const derived = new Float64Array(table.length).fill(NaN);
  const previous = new Map<number | string, number>();
  let count = 0;
  for (let i = 0; i < table.length; i++) {
    const ts = table.ts[i];
    if (table.batchType[i] !== PREFILL || Number.isNaN(ts)) continue;
    const key = rankKey(table, i);
    const before = previous.get(key);
    previous.set(key, ts);
    if (!Number.isNaN(input[i]) || before === undefined || Number.isNaN(tokens[i]) || ts <= before) continue;
    input[i] = tokens[i] / ((ts - before) / 1000);
    derived[i] = 1;
    count++;
  }
  if (count === 0) return table;
  return { ...table, metrics: { ...table.metrics, inputThroughput: input, [DERIVED_INPUT_COLUMN]: derived } };
}
