import type { WorkerType } from "./node-metrics";

/** One Node Metrics chart: a batch metric of one kind of worker over time, with the guide's caption. */
export interface NodeChartSpec {
  /** Also the chart's test id: `node-chart-<id>`. */
  id: string;
  role: WorkerType;
  /** BatchTable metric name. */
  metric: string;
  title: string;
  yTitle: string;
  /** The user guide's line on what the chart shows, then how to read it. */
  caption: string;
  /** tokenUsage is logged as 0..1 and drawn as 0-100 %. */
  percent?: boolean;
}

const chart = (role: WorkerType, metric: string, id: string, title: string, yTitle: string, caption: string, percent = false): NodeChartSpec => ({
  id: `${role}-${id}`,
  role,
  metric,
  title,
  yTitle,
  caption,
  ...(percent ? { percent } : {}),
});

const KV = ["tokenUsage", "kv-cache", "KV Cache Utilization", "Utilization (%)"] as const;
const QUEUE = ["queueReq", "queued", "Queued Requests", "Number of Requests"] as const;

/** The sections of the Node Metrics tab, in page order, each shown when some selected run has such workers. */
export const NODE_SECTIONS: { role: WorkerType; title: string; noun: string; charts: NodeChartSpec[] }[] = [
  {
    role: "agg",
    title: "Aggregated Node Metrics",
    noun: "aggregated",
    charts: [
      chart("agg", "inputThroughput", "input-throughput", "Input Throughput", "Input Throughput (tokens/s)", "Tokens/s being processed in prefill: how fast input prompts are taken in."),
      chart("agg", ...KV, "Memory pressure indicator: near 100% the scheduler has to hold back or retract requests.", true),
      chart("agg", ...QUEUE, "Backpressure indicator: a queue that keeps growing means the workers cannot keep up with arrivals."),
    ],
  },
  {
    role: "prefill",
    title: "Prefill Node Metrics",
    noun: "prefill",
    charts: [
      chart("prefill", "inputThroughput", "input-throughput", "Input Throughput", "Input Throughput (tokens/s)", "Tokens/s being processed in prefill: how fast input prompts are taken in."),
      chart("prefill", "inflightReq", "inflight", "Inflight Requests", "Number of Requests", "Requests sent to decode workers awaiting completion: a high count means prefilled KV caches wait on decode."),
      chart("prefill", ...KV, "Memory pressure indicator: near 100% prefill has to hold back new requests.", true),
      chart("prefill", ...QUEUE, "Backpressure indicator: a queue that keeps growing means prefill cannot keep up with arrivals."),
    ],
  },
  {
    role: "decode",
    title: "Decode Node Metrics",
    noun: "decode",
    charts: [
      chart("decode", "runningReq", "running", "Running Requests", "Number of Requests", "Active generation requests: how many requests each decode worker is generating for at once."),
      chart("decode", "genThroughput", "gen-throughput", "Generation Throughput", "Gen Throughput (tokens/s)", "Output tokens/s: the decode rate users receive, summed over their requests."),
      chart("decode", ...KV, "Memory pressure: low means unused capacity, near 100% risks retracted requests.", true),
      chart("decode", ...QUEUE, "Decode capacity indicator: requests waiting here mean decode is the bottleneck."),
    ],
  },
];

/** Disaggregation queues of decode workers, stacked in request-flow order or drawn one per chart. */
export const DISAGG_STACK: { metric: string; name: string; color: string }[] = [
  { metric: "preallocReq", name: "Prealloc Queue", color: "rgba(99, 110, 250, 0.45)" },
  { metric: "transferReq", name: "Transfer Queue", color: "rgba(239, 85, 59, 0.45)" },
  { metric: "runningReq", name: "Running", color: "rgba(0, 204, 150, 0.45)" },
];
export const DISAGG_STACK_CAPTION =
  "Prealloc Queue (requests waiting for memory allocation), Transfer Queue (requests waiting for KV cache transfer) and Running (requests actively generating), stacked: the request flow through decode. A thick prealloc or transfer band means requests wait before they can generate.";
export const DISAGG_SEPARATE: NodeChartSpec[] = [
  chart("decode", "transferReq", "transfer", "Transfer Queue", "Number of Requests", "Requests waiting for KV cache transfer from prefill: a lasting queue points at the transfer link or backend."),
  chart("decode", "preallocReq", "prealloc", "Prealloc Queue", "Number of Requests", "Requests waiting for memory allocation on decode: a lasting queue means decode KV cache is full."),
];

/** Key of a line set in a run's node data: `decode:runningReq`. */
export const lineKey = (role: WorkerType, metric: string) => `${role}:${metric}`;

/** Every (role, metric) the tab draws, once each. */
export function nodeLineKeys(): { role: WorkerType; metric: string; percent: boolean }[] {
  const all = [
    ...NODE_SECTIONS.flatMap((section) => section.charts),
    ...DISAGG_STACK.map((s) => ({ role: "decode" as const, metric: s.metric, percent: false })),
  ];
  const seen = new Map<string, { role: WorkerType; metric: string; percent: boolean }>();
  for (const spec of all) seen.set(lineKey(spec.role, spec.metric), { role: spec.role, metric: spec.metric, percent: spec.percent === true });
  return [...seen.values()];
}
