import { concatBatchTables, type BatchTable } from "../../parsers/worker-log/batch-table";
import { DERIVED_INPUT_COLUMN, deriveInputThroughput } from "../../parsers/worker-log/derived-input";

const PREFILL = 0;

/** The rows of `table` at `indices`, in that order (a copy). */
export function pickRows(table: BatchTable, indices: readonly number[]): BatchTable {
  const take = <T extends Float64Array | Int32Array | Uint8Array>(column: T): T => {
    const out = new (column.constructor as new (n: number) => T)(indices.length);
    indices.forEach((row, i) => (out[i] = column[row]));
    return out;
  };
  const metrics: Record<string, Float64Array> = {};
  for (const [name, column] of Object.entries(table.metrics)) metrics[name] = take(column);
  return { length: indices.length, ts: take(table.ts), line: take(table.line), dp: take(table.dp), tp: take(table.tp), ep: take(table.ep), pp: take(table.pp), batchType: take(table.batchType), metrics };
}

/** Rows `[start, end)` of `table` as views (no copy). */
export function sliceRows(table: BatchTable, start: number, end: number): BatchTable {
  const metrics: Record<string, Float64Array> = {};
  for (const [name, column] of Object.entries(table.metrics)) metrics[name] = column.subarray(start, end);
  const cut = <T extends Float64Array | Int32Array | Uint8Array>(column: T) => column.subarray(start, end) as T;
  return { length: end - start, ts: cut(table.ts), line: cut(table.line), dp: cut(table.dp), tp: cut(table.tp), ep: cut(table.ep), pp: cut(table.pp), batchType: cut(table.batchType), metrics };
}

/** Every row's line number moved by `by` (rows of appended bytes are numbered from the file's start). */
export function shiftLines(table: BatchTable, by: number): BatchTable {
  if (by === 0) return table;
  const line = new Int32Array(table.line.length);
  for (let i = 0; i < line.length; i++) line[i] = table.line[i] + by;
  return { ...table, line };
}

/** Ranks below this pack into one exact number (as derived-input.ts does); larger ones use a string. */
const RANK_LIMIT = 4096;

function rankKey(t: BatchTable, i: number): number | string {
  const { dp, tp, ep, pp } = t;
  if (dp[i] >= 0 && tp[i] >= 0 && ep[i] >= 0 && pp[i] >= 0 && dp[i] < RANK_LIMIT && tp[i] < RANK_LIMIT && ep[i] < RANK_LIMIT && pp[i] < RANK_LIMIT) {
    return ((dp[i] * RANK_LIMIT + tp[i]) * RANK_LIMIT + ep[i]) * RANK_LIMIT + pp[i];
  }
  return `${dp[i]},${tp[i]},${ep[i]},${pp[i]}`;
}

/** The last timed prefill row of each rank (dp, tp, ep, pp) in `table`, oldest first. */
function lastPrefillPerRank(table: BatchTable): number[] {
  const last = new Map<number | string, number>();
  for (let i = 0; i < table.length; i++) {
    if (table.batchType[i] === PREFILL && !Number.isNaN(table.ts[i])) last.set(rankKey(table, i), i);
  }
  return [...last.values()].sort((a, b) => a - b);
}

/** True when some appended prefill row has `#new-token` but no printed input throughput. */
function needsSeed(added: BatchTable): boolean {
  const tokens = added.metrics.newToken;
  const printed = added.metrics.inputThroughput;
  if (!tokens) return false;
  for (let i = 0; i < added.length; i++) if (added.batchType[i] === PREFILL && !Number.isNaN(tokens[i]) && (!printed || Number.isNaN(printed[i]))) return true;
  return false;
}

/**
 * `deriveInputThroughput` for rows appended after `before`: the time since a rank's previous prefill
 * row may reach back into the rows parsed earlier, so each rank's last earlier prefill row is put in
 * front as a seed and dropped again. Gives what a parse of the whole log would give.
 */
export function deriveAppended(before: BatchTable, added: BatchTable): BatchTable {
  // Most logs print their input throughput: then there is nothing to derive and no reason to scan `before`.
  if (!needsSeed(added)) return added;
  const seedRows = lastPrefillPerRank(before);
  if (seedRows.length === 0 || added.length === 0) return deriveInputThroughput(added);
  const seed = pickRows(before, seedRows);
  delete seed.metrics[DERIVED_INPUT_COLUMN];
  const joined = deriveInputThroughput(concatBatchTables([seed, added]));
  if (!joined.metrics[DERIVED_INPUT_COLUMN]) return added;
  const out = sliceRows(joined, seed.length, joined.length);
  // Views of the joined table would keep the seed rows alive; a copy of the appended rows is small.
  return pickRows(out, Array.from({ length: out.length }, (_, i) => i));
}
