import type { LineContext, LineOutcome } from "./context";
import type { ParallelRecord } from "./schemas";

type SizeKey = "tp" | "dp" | "ep" | "pp";

/** Keys of SGLang's ServerArgs and vLLM's engine config that carry parallel sizes. */
const ARG_KEYS: ReadonlyArray<readonly [string, SizeKey]> = [
  ["tp_size", "tp"],
  ["dp_size", "dp"],
  ["ep_size", "ep"],
  ["pp_size", "pp"],
  ["tensor_parallel_size", "tp"],
  ["data_parallel_size", "dp"],
  ["pipeline_parallel_size", "pp"],
];

/** Launch flags of sglang.launch_server / dynamo.sglang / vllm serve. */
const FLAGS = new Map<string, SizeKey>([
  ["--tp-size", "tp"],
  ["--tp", "tp"],
  ["--tensor-parallel-size", "tp"],
  ["--dp-size", "dp"],
  ["--dp", "dp"],
  ["--data-parallel-size", "dp"],
  ["--ep-size", "ep"],
  ["--ep", "ep"],
  ["--expert-parallel-size", "ep"],
  ["--pp-size", "pp"],
  ["--pp", "pp"],
  ["--pipeline-parallel-size", "pp"],
]);

// A key only counts after a separator, so `moe_dense_tp_size` is not `tp_size`.
function isKeyStart(c: number): boolean {
  return c === 40 || c === 32 || c === 39 || c === 34 || c === 44 || c === 123;
}

/** Index of the value of `key=` / `'key': ` in `s[start, end)`, or -1. */
function findArgValue(s: string, start: number, end: number, key: string): number {
  for (let at = s.indexOf(key, start); at >= 0 && at < end; at = s.indexOf(key, at + key.length)) {
    if (!isKeyStart(s.charCodeAt(at - 1))) continue;
    let after = at + key.length;
    const quote = s.charCodeAt(after);
    if (quote === 39 || quote === 34) after++;
    if (s.charCodeAt(after) === 61) return after + 1;
    if (s.charCodeAt(after) === 58) return s.charCodeAt(after + 1) === 32 ? after + 2 : after + 1;
  }
  return -1;
}

function readInt(s: string, i: number, end: number): number {
  let value = 0;
  const from = i;
  for (; i < end && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57; i++) value = value * 10 + (s.charCodeAt(i) - 48);
  return i === from ? NaN : value;
}

function newRecord(source: ParallelRecord["source"], s: string, end: number, ctx: LineContext): ParallelRecord {
  return { kind: "parallel", source, line: ctx.lineNo, ts: ctx.timestamp(s, end) };
}

function hasSize(rec: ParallelRecord): boolean {
  return rec.tp !== undefined || rec.dp !== undefined || rec.ep !== undefined || rec.pp !== undefined;
}

/**
 * `server_args=ServerArgs(tp_size=8, ...)` (2025), `server_args={'tp_size': 8, ...}` (2026) and vLLM's
 * `non-default args: {...}` / `Initializing a V1 LLM engine ... tensor_parallel_size=4` lines.
 */
export function parseServerArgs(s: string, pos: number, end: number, ctx: LineContext): LineOutcome {
  const rec = newRecord("server_args", s, end, ctx);
  for (const [key, size] of ARG_KEYS) {
    const at = findArgValue(s, pos, end, key);
    const value = at < 0 ? NaN : readInt(s, at, end);
    if (!Number.isNaN(value) && rec[size] === undefined) rec[size] = value;
  }
  const dpAttention = findArgValue(s, pos, end, "enable_dp_attention");
  if (dpAttention >= 0) rec.enableDpAttention = s.startsWith("True", dpAttention);
  return hasSize(rec) ? rec : null;
}

/** A launch command echoed into the log: `python3 -m sglang.launch_server ... --tp 4 --dp-size=2`. */
export function parseCommandLine(s: string, start: number, end: number, ctx: LineContext): LineOutcome {
  const rec = newRecord("command_line", s, end, ctx);
  const words = s.slice(start, end).split(/\s+/);
  words.forEach((word, i) => {
    const eq = word.indexOf("=");
    const flag = eq > 0 ? word.slice(0, eq) : word;
    if (flag === "--enable-dp-attention") rec.enableDpAttention = true;
    const size = FLAGS.get(flag);
    if (size === undefined) return;
    const text = (eq > 0 ? word.slice(eq + 1) : (words[i + 1] ?? "")).replace(/^["']|["']$/g, "");
    if (/^\d+$/.test(text)) rec[size] = Number(text);
  });
  return hasSize(rec) ? rec : null;
}
