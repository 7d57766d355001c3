/**
 * Micro-benchmark for the worker-log parser's byte-chunk API.
 * Synthesises ~200 MB of mixed SGLang worker-log lines in memory (no disk I/O), feeds them in
 * 64 KiB chunks through createLogParser and prints MB/s. Run: npx tsx scripts/bench/worker-log-parse-speed.ts [MB]
 */
import { BatchTableBuilder } from "../../parsers/worker-log/batch-table";
import { createLogParser } from "../../parsers/worker-log/index";

const TARGET_MB = Number(process.argv[2] ?? 200);
const CHUNK = 64 * 1024;

/** Line templates in roughly the proportions of a disaggregated run's decode/prefill logs. */
function makeLine(i: number): string {
  const ts = `2026-05-07 13:${String(40 + ((i >> 12) % 20)).padStart(2, "0")}:${String((i >> 6) % 60).padStart(2, "0")}`;
  const r = i % 8;
  const kind = i % 20;
  if (kind < 9) {
    return `[${ts} DP${r} TP${r} EP${r}] Decode batch, #running-req: ${i % 97}, #token: ${(i * 37) % 90000}, token usage: 0.${String(i % 100).padStart(2, "0")}, pre-allocated usage: 0.00, #prealloc-req: 0, #transfer-req: 0, #retracted-req: 0, cuda graph: True, gen throughput (token/s): ${(i % 5000) + 0.11}, #queue-req: ${i % 5}`;
  }
  if (kind < 12) {
    return `[${ts} DP${r} TP${r} EP${r}] Prefill batch, #new-seq: ${1 + (i % 4)}, #new-token: ${(i * 13) % 8192}, #cached-token: 0, token usage: 0.01, #running-req: 0, #queue-req: ${i % 7}, #pending-token: ${i % 6000}, #bootstrap-req: 0, #inflight-req: 5, cuda graph: False, input throughput (token/s): ${(i % 20000) + 0.43}`;
  }
  if (kind < 18) return `[${ts}] INFO:     127.0.0.1:${30000 + (i % 30000)} - "POST /generate HTTP/1.1" 200 OK`;
  if (kind === 18) return `[${ts} DP${r} TP${r} EP${r}] Scheduler cache hit: 128 blocks, evicted 3 entries, waiting on NIXL transfer for rid=${i}`;
  return `Loading safetensors checkpoint shards: ${i % 100}% Completed | ${i % 163}/163 [00:${String(i % 60).padStart(2, "0")}<00:30, 5.2it/s]`;
}

function synthesise(targetBytes: number): Uint8Array {
  const block: string[] = [];
  for (let i = 0; i < 20_000; i++) block.push(makeLine(i));
  const blockBytes = new TextEncoder().encode(`${block.join("\n")}\n`);
  const copies = Math.ceil(targetBytes / blockBytes.length);
  const out = new Uint8Array(copies * blockBytes.length);
  for (let c = 0; c < copies; c++) out.set(blockBytes, c * blockBytes.length);
  return out;
}

/**
 * `stream`: records go to a callback (how a loader aggregates); `collect`: kept in result.records;
 * `table`: SGLang batches go through the batch sink into a BatchTableBuilder (as parseLogFile does).
 */
function run(data: Uint8Array, mode: "stream" | "collect" | "table"): { seconds: number; records: number; issues: number } {
  let streamed = 0;
  const table = new BatchTableBuilder();
  const sink = mode === "table" ? { batchSink: table } : {};
  const parser = createLogParser(mode === "collect" ? {} : { ...sink, onRecord: () => streamed++ });
  const start = performance.now();
  for (let off = 0; off < data.length; off += CHUNK) parser.push(data.subarray(off, off + CHUNK));
  const result = parser.end();
  const seconds = (performance.now() - start) / 1000;
  const records = mode === "collect" ? result.records.length : streamed + table.length;
  return { seconds, records, issues: result.summary.issues };
}

const data = synthesise(TARGET_MB * 1e6);
const mb = data.length / 1e6;
console.log(`synthesised ${mb.toFixed(1)} MB, ${CHUNK / 1024} KiB chunks`);
run(data.subarray(0, Math.min(data.length, 20e6)), "stream"); // warm-up so the JIT has seen every path
for (const mode of ["stream", "collect", "table", "stream", "table"] as const) {
  const { seconds, records, issues } = run(data, mode);
  console.log(`${mode.padEnd(7)}: ${(mb / seconds).toFixed(0)} MB/s  (${seconds.toFixed(2)} s, ${records} records, ${issues} issues)`);
}
