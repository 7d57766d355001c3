// SGLang scheduler log lines in the dialects seen in real logs (FORMATS.md §6). The field sets and
// their order drift between versions, so each dialect is spelled out instead of templated.

export type TagStyle = "dp-tp-ep" | "dp-tp" | "tp-ep" | "tp" | "none";

export type BatchDialect =
  | "period-2025" // "Prefill batch." with gap_latency / #unbootstrapped-req (disagg, mid 2025)
  | "disagg-2025" // comma form with #inflight-req on prefill, full disagg decode fields
  | "disagg-2026" // + #pending-token, #bootstrap-req and "cuda graph" on prefill
  | "agg-2025" // single-GPU style: trailing ", ", prefill without throughput
  | "agg-2026" // prefill carries "cuda graph" before "input throughput"
  | "swa-2026"; // "full token usage" + "swa token usage", throughput before "cuda graph"

export interface Rank {
  dp: number;
  tp: number;
  ep: number;
}

/** " DP1 TP1 EP1", " TP0", "" ... the part after the timestamp inside the brackets. */
export function rankTag(style: TagStyle, r: Rank): string {
  switch (style) {
    case "dp-tp-ep":
      return ` DP${r.dp} TP${r.tp} EP${r.ep}`;
    case "dp-tp":
      return ` DP${r.dp} TP${r.tp}`;
    case "tp-ep":
      return ` TP${r.tp} EP${r.ep}`;
    case "tp":
      return ` TP${r.tp}`;
    case "none":
      return "";
  }
}

export interface PrefillStats {
  newSeq: number;
  newToken: number;
  cachedToken: number;
  usage: number;
  runningReq: number;
  queueReq: number;
  inflightReq: number;
  pendingToken: number;
  bootstrapReq: number;
  throughput: number;
  gapLatency: number;
}

export interface DecodeStats {
  runningReq: number;
  tokens: number;
  usage: number;
  preallocUsage: number;
  preallocReq: number;
  transferReq: number;
  cudaGraph: boolean;
  genThroughput: number;
  queueReq: number;
}

const f2 = (x: number) => x.toFixed(2);
const graph = (on: boolean) => (on ? "True" : "False");

export function formatPrefill(d: BatchDialect, s: PrefillStats): string {
  const head = `#new-seq: ${s.newSeq}, #new-token: ${s.newToken}, #cached-token: ${s.cachedToken}`;
  const tput = `input throughput (token/s): ${f2(s.throughput)}`;
  switch (d) {
    case "period-2025":
      return `Prefill batch. ${head}, token usage: ${f2(s.usage)}, gap_latency: ${s.gapLatency.toFixed(3)}, #running-req: ${s.runningReq}, #unbootstrapped-req: ${s.bootstrapReq}, #queue-req: ${s.queueReq}, #transferring-req: ${s.inflightReq}`;
    case "disagg-2025":
      return `Prefill batch, ${head}, token usage: ${f2(s.usage)}, #running-req: ${s.runningReq}, #queue-req: ${s.queueReq}, #inflight-req: ${s.inflightReq}, ${tput}`;
    case "disagg-2026":
      return `Prefill batch, ${head}, token usage: ${f2(s.usage)}, #running-req: ${s.runningReq}, #queue-req: ${s.queueReq}, #pending-token: ${s.pendingToken}, #bootstrap-req: ${s.bootstrapReq}, #inflight-req: ${s.inflightReq}, cuda graph: False, ${tput}`;
    case "agg-2025":
      return `Prefill batch, ${head}, token usage: ${f2(s.usage)}, #running-req: ${s.runningReq}, #queue-req: ${s.queueReq}, `;
    case "agg-2026":
      return `Prefill batch, ${head}, token usage: ${f2(s.usage)}, #running-req: ${s.runningReq}, #queue-req: ${s.queueReq}, cuda graph: False, ${tput}`;
    case "swa-2026":
      return `Prefill batch, ${head}, full token usage: ${f2(s.usage)}, swa token usage: ${f2(Math.min(1, s.usage * 1.7))}, #running-req: ${s.runningReq}, #queue-req: ${s.queueReq}, #pending-token: ${s.pendingToken}, ${tput}, cuda graph: False`;
  }
}

export function formatDecode(d: BatchDialect, s: DecodeStats): string {
  const gen = `gen throughput (token/s): ${f2(s.genThroughput)}, #queue-req: ${s.queueReq}`;
  const cg = `cuda graph: ${graph(s.cudaGraph)}`;
  switch (d) {
    case "period-2025":
      return `Decode batch. #running-req: ${s.runningReq}, #token: ${s.tokens}, token usage: ${f2(s.usage)}, pre-allocated usage: ${f2(s.preallocUsage)}, ${cg}, ${gen}`;
    case "disagg-2025":
    case "disagg-2026":
      return `Decode batch, #running-req: ${s.runningReq}, #token: ${s.tokens}, token usage: ${f2(s.usage)}, pre-allocated usage: ${f2(s.preallocUsage)}, #prealloc-req: ${s.preallocReq}, #transfer-req: ${s.transferReq}, #retracted-req: 0, ${cg}, ${gen}`;
    case "agg-2025":
      return `Decode batch, #running-req: ${s.runningReq}, #token: ${s.tokens}, token usage: ${f2(s.usage)}, ${cg}, ${gen}, `;
    case "agg-2026":
      return `Decode batch, #running-req: ${s.runningReq}, #token: ${s.tokens}, token usage: ${f2(s.usage)}, ${cg}, ${gen}`;
    case "swa-2026":
      return `Decode batch, #running-req: ${s.runningReq}, #full token: ${s.tokens}, full token usage: ${f2(s.usage)}, #swa token: ${Math.round(s.tokens * 0.4)}, swa token usage: ${f2(Math.min(1, s.usage * 1.7))}, ${cg}, ${gen}`;
  }
}

/** "[2025-11-10 19:21:45 DP0 TP0 EP0] " */
export function linePrefix(time: string, tag: string): string {
  return `[${time}${tag}] `;
}

/** Unrelated access-log noise that sits between batch lines in real worker logs. */
export function healthCheckLine(time: string, port: number, metrics: boolean): string {
  return `[${time}] INFO:     127.0.0.1:${port} - "GET ${metrics ? "/metrics" : "/health"} HTTP/1.1" 200 OK`;
}
