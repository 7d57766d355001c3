// Writes one sa-bench result file exactly as benchmark_serving.py's json.dump would: one line,
// keys in insertion order (setup, traffic, totals, per-request arrays, then mean/median/std/p99 per metric).
import { ChunkWriter } from "./fs-out";
import { pyFloat, pyString } from "./py-json";
import type { StepOutcome } from "./sa-bench-sim";
import type { Summary } from "./stats";

export interface ResultHeader {
  date: string;
  modelId: string;
  tokenizerId: string;
  concurrency: number;
  numPrompts: number;
  /** peak_output_tokens_per_s only exists in sa-bench since 2026-05. */
  withPeak: boolean;
  /** reuse_http_connections was added in 2026. */
  reuseHttpConnections?: boolean;
}

const METRICS = ["ttft", "tpot", "itl", "e2el"] as const;

export function writeSaBenchResult(path: string, h: ResultHeader, o: StepOutcome, texts: string[]): number {
  const w = new ChunkWriter(path);
  const kv = (key: string, value: string) => w.write(`, ${pyString(key)}: ${value}`);
  w.write(`{"date": ${pyString(h.date)}`);
  kv("backend", pyString("dynamo"));
  kv("model_id", pyString(h.modelId));
  kv("tokenizer_id", pyString(h.tokenizerId));
  kv("best_of", "1");
  kv("num_prompts", String(h.numPrompts));
  kv("request_rate", pyString("inf")); // sa-bench writes an infinite rate as the string "inf"
  kv("burstiness", "1.0");
  kv("max_concurrency", String(h.concurrency));
  kv("duration", pyFloat(o.durationSec));
  kv("completed", String(o.completed));
  kv("total_input_tokens", String(o.totalInput));
  kv("total_output_tokens", String(o.totalOutput));
  kv("request_throughput", pyFloat(o.completed / o.durationSec));
  kv("request_goodput", "null");
  kv("output_throughput", pyFloat(o.totalOutput / o.durationSec));
  if (h.withPeak) kv("peak_output_tokens_per_s", pyFloat(o.peakOutputTps));
  kv("total_token_throughput", pyFloat((o.totalInput + o.totalOutput) / o.durationSec));
  kv("input_lens", `[${o.inputLens.join(", ")}]`);
  kv("output_lens", `[${o.outputLens.join(", ")}]`);
  kv("ttfts", `[${o.ttfts.map(pyFloat).join(", ")}]`);
  w.write(`, "itls": [`);
  o.itls.forEach((itl, i) => w.write((i ? ", " : "") + floatList(itl)));
  w.write("]");
  w.write(`, "generated_texts": [`);
  texts.forEach((t, i) => w.write((i ? ", " : "") + pyString(t)));
  w.write("]");
  kv("errors", `[${o.errors.map(pyString).join(", ")}]`);
  for (const m of METRICS) writeSummary(kv, m, o[m]);
  if (h.reuseHttpConnections !== undefined) kv("reuse_http_connections", String(h.reuseHttpConnections));
  w.write("}");
  return w.close();
}

function writeSummary(kv: (k: string, v: string) => void, metric: string, s: Summary): void {
  kv(`mean_${metric}_ms`, pyFloat(s.mean));
  kv(`median_${metric}_ms`, pyFloat(s.median));
  kv(`std_${metric}_ms`, pyFloat(s.std));
  kv(`p99_${metric}_ms`, pyFloat(s.p99));
}

function floatList(xs: Float64Array): string {
  if (xs.length === 0) return "[]";
  const parts = new Array<string>(xs.length);
  for (let i = 0; i < xs.length; i++) parts[i] = pyFloat(xs[i]);
  return `[${parts.join(", ")}]`;
}

const row = (label: string, value: string) => `${label.padEnd(40)} ${value.padEnd(10)}`;
const banner = (title: string, fill: string) => {
  const left = Math.floor((50 - title.length) / 2);
  return fill.repeat(left) + title + fill.repeat(50 - title.length - left);
};

/** The console block benchmark_serving.py prints after each step (ends up in benchmark.out). */
export function formatConsoleSummary(o: StepOutcome, withPeak: boolean): string {
  const dur = o.durationSec;
  const lines = [
    banner(" Serving Benchmark Result ", "="),
    row("Successful requests:", String(o.completed)),
    row("Benchmark duration (s):", dur.toFixed(2)),
    row("Total input tokens:", String(o.totalInput)),
    row("Total generated tokens:", String(o.totalOutput)),
    row("Request throughput (req/s):", (o.completed / dur).toFixed(2)),
    row("Output token throughput (tok/s):", (o.totalOutput / dur).toFixed(2)),
  ];
  if (withPeak) lines.push(row("Peak output token throughput (tok/s):", o.peakOutputTps.toFixed(2)));
  lines.push(row("Total Token throughput (tok/s):", ((o.totalInput + o.totalOutput) / dur).toFixed(2)));
  const headers: Record<string, [string, string]> = {
    ttft: ["TTFT", "Time to First Token"],
    tpot: ["TPOT", "Time per Output Token (excl. 1st token)"],
    itl: ["ITL", "Inter-token Latency"],
    e2el: ["E2EL", "End-to-end Latency"],
  };
  for (const m of METRICS) {
    const [short, long] = headers[m];
    const s = o[m];
    lines.push(banner(long, "-"));
    lines.push(row(`Mean ${short} (ms):`, s.mean.toFixed(2)));
    lines.push(row(`Median ${short} (ms):`, s.median.toFixed(2)));
    lines.push(row(`P99 ${short} (ms):`, s.p99.toFixed(2)));
  }
  lines.push("=".repeat(50));
  return lines.join("\n") + "\n";
}
