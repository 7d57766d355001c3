/**
 * Worker-log parser for `<node>_<role>_w<i>.out/.err`: SGLang batch and start-up memory lines,
 * TRT-LLM iteration lines, vLLM engine stats and parallel sizes. Pure (no fs): bytes or text in,
 * records + issues + summary out. Choices callers should know:
 *
 * - Ranks: `dp/tp/ep/pp` are always numbers. SGLang omits a rank from its tag when that size is 1,
 *   so in a tagged line a missing rank is truly 0 and `ranksFromTag` is true. Untagged lines (`[TS]`,
 *   dynamo formatting, TRT-LLM) get 0s with `ranksFromTag: false`. vLLM's `Engine NNN` sets dp.
 *   `defaultDp` replaces the 0 of a missing DP (per-DP-rank logs `..._w0_DP3.out` name it).
 * - SGLang forms: `Prefill batch,` / `.` / ` [N],` (N kept as `batchIndex`); a prefill line needs only
 *   `#new-seq` and `#new-token` (others absent, not 0), a decode line `#running-req` and `#queue-req`;
 *   a line with the marker that cannot be read is an issue. `deriveInputThroughput` (derived-input.ts)
 *   fills a missing prefill `inputThroughput` from `#new-token` and the time since the rank's last batch.
 * - Time: `ts` is ms since the epoch (fractional ms keep microseconds); naive stamps are UTC.
 *   vLLM stamps have no year: `ts` is null unless `yearHint` is passed. The original text is not
 *   kept: a substring would pin the whole decoded chunk in memory.
 * - One metric vocabulary: TRT-LLM and vLLM lines use SGLang's names. TRT-LLM: context tokens > 0
 *   makes a `prefill` record (else `decode`), `num_scheduled_requests` -> runningReq, `kv_cache_util`
 *   -> tokenUsage, rates = tokens / elapsed_time. vLLM: one `mixed` record per stats interval,
 *   Running/Waiting -> runningReq/queueReq, `GPU KV cache usage` % -> tokenUsage 0..1.
 * - Unknown `key: number` fields of batch lines land in `extra` under a camelCase key; a value
 *   printed with `%` becomes a 0..1 fraction there too. `inf`/`nan` values are left out.
 * - Lines are split on `\n` only (a lone `\r` stays in its line). Lines longer than
 *   `maxLineLength` (256 KiB) are skipped with an issue, which also bounds memory per stream.
 * - For very large logs pass `onRecord` and aggregate as records stream by: collecting hundreds of
 *   thousands of record objects costs more in GC than parsing them. To store columns, also pass
 *   `batchSink`: SGLang batch lines then arrive as fields in a reused scratch, with no record at all.
 *   Plain ones are then read straight from the bytes (no decoding); any line out of the ordinary
 *   goes through the text path, and both give the same fields.
 */
export { parseLogLine } from "./parse-line";
export {
  createLogParser,
  parseWorkerLog,
  DEFAULT_MAX_ISSUES,
  DEFAULT_MAX_LINE_LENGTH,
  type LogParser,
  type LogParserOptions,
} from "./stream-parser";
export type { LineOptions } from "./context";
export { SglangBatchLine, type SglangBatchSink } from "./batch-sink";
export { SGLANG_FIELDS } from "./sglang-fields";
export * from "./schemas";
