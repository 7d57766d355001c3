import { execFileSync, spawnSync } from "node:child_process";
import { mkdir, readFile, stat, writeFile, appendFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NodeAnalyzer } from "@/lib/server/node-analyzer";
import { NODE_CACHE_FILE } from "@/lib/server/node-cache";
import { tempDir } from "../../../helpers/temp-dir";
import { duckdbRead, pandasJson } from "../../../helpers/other-engines";

// Real lines from sgl-project/sglang PR 17392 (tests/fixtures/real/logs, see SOURCES.md there).
const PREFILL = [
  "[2026-05-07 13:40:39 DP1 TP1 EP1] Prefill batch, #new-seq: 4, #new-token: 2048, #cached-token: 0, token usage: 0.01, #running-req: 0, #queue-req: 6, #pending-token: 5100, #bootstrap-req: 0, #inflight-req: 5, cuda graph: False, input throughput (token/s): 13179.43",
  '[2026-05-07 13:40:39] INFO:     127.0.0.1:36648 - "POST /generate HTTP/1.1" 200 OK',
  "[2026-05-07 13:40:39 DP1 TP1 EP1] Prefill batch, #new-seq: 3, #new-token: 2048, #cached-token: 0, token usage: 0.01, #running-req: 0, #queue-req: 5, #pending-token: 5677, #bootstrap-req: 0, #inflight-req: 5, cuda graph: False, input throughput (token/s): 13121.11",
];
const DECODE = [
  "[2026-05-07 13:40:42 DP0 TP0 EP0] Decode batch, #running-req: 8, #token: 7198, token usage: 0.01, pre-allocated usage: 0.00, #prealloc-req: 0, #transfer-req: 0, #retracted-req: 0, cuda graph: True, gen throughput (token/s): 1082.11, #queue-req: 0",
  "[2026-05-07 13:40:42 DP3 TP3 EP3] Decode batch, #running-req: 6, #token: 6037, token usage: 0.01, pre-allocated usage: 0.00, #prealloc-req: 0, #transfer-req: 0, #retracted-req: 0, cuda graph: True, gen throughput (token/s): 653.92, #queue-req: 0",
  "[2026-05-07 13:40:42 DP2 TP2 EP2] Decode batch, #running-req: 11, #token: 10385, token usage: 0.01, pre-allocated usage: 0.00, #prealloc-req: 0, #transfer-req: 0, #retracted-req: 0, cuda graph: True, gen throughput (token/s): 1111.11, #queue-req: 0",
];
// Real line from the dsv41-flash-3xspark report (tests/fixtures/real/logs/index_unattributed).
const MEMORY = "[2026-09-11 23:43:15 TP0 EP0] Load weight end. elapsed=541.76 s, type=DeepseekV4ForCausalLM, quant=fp8, avail mem=17.47 GB, mem usage=94.00 GB.";

/** A legacy-layout run (.err + .out per worker, configs beside them) and a current one (logs/). */
async function makeRuns() {
  const root = await tempDir("srtlog-nodes-");
  const legacy = path.join(root, "3667_1P_2D_20251110_192145");
  await mkdir(legacy);
  await writeFile(path.join(legacy, "cn-01_prefill_w0.err"), PREFILL.join("\n") + "\n");
  await writeFile(path.join(legacy, "cn-01_prefill_w0.out"), MEMORY + "\n");
  await writeFile(path.join(legacy, "cn_02_decode_w0.err"), DECODE.join("\n") + "\n");
  await writeFile(path.join(legacy, "cn_02_decode_w0.out"), "");
  await writeFile(path.join(legacy, "cn_03_decode_w1.out"), "[2026-05-07 13:40:00] server started\n");
  await writeFile(path.join(legacy, "cn-01_config.json"), JSON.stringify({ config: { server_args: { tp_size: 4, dp_size: 2, ep_size: 4 } }, environment: { NCCL_DEBUG: "INFO" } }));
  await writeFile(path.join(legacy, "cn_02_config.json"), '{"config": {"server_args": {"tp_size": 8');
  await writeFile(path.join(legacy, "cn-01_frontend_0.out"), "frontend\n");
  const current = path.join(root, "4401463", "logs");
  await mkdir(current, { recursive: true });
  await writeFile(path.join(current, "eos0001_agg_w0.out"), [...PREFILL, ...DECODE, "[2026-05-07 13:40:43 DP0 TP0 EP0] Decode batch, #running-req: 8, #tok"].join("\n"));
  return { legacy, current: path.dirname(current) };
}

describe("NodeAnalyzer", () => {
  it("parseRunLogs: one node per worker, .err and .out merged, configs and issues attached", async () => {
    const { legacy } = await makeRuns();
    const analyzer = new NodeAnalyzer();
    const nodes = await analyzer.parseRunLogs(legacy, { cache: false });
    expect(nodes.map((n) => `${n.node} ${n.workerType} ${n.workerId}`)).toEqual(["cn-01 prefill w0", "cn_02 decode w0", "cn_03 decode w1"]);
    const [prefill, decode, idle] = nodes;
    expect(prefill.files).toEqual(["cn-01_prefill_w0.err", "cn-01_prefill_w0.out"]);
    expect(prefill.batches.length).toBe(2);
    expect([...prefill.batches.metrics.inputThroughput]).toEqual([13179.43, 13121.11]);
    expect([...prefill.batches.dp]).toEqual([1, 1]);
    expect(prefill.memory.map((m) => [m.event, m.availMemGb, m.memUsageGb])).toEqual([["load_weight_end", 17.47, 94]]);
    expect(prefill.parallel).toEqual({ tp: 4, dp: 2, ep: 4, pp: null });
    expect(prefill.config?.environment.nccl).toEqual({ NCCL_DEBUG: "INFO" });
    expect([...decode.batches.metrics.genThroughput]).toEqual([1082.11, 653.92, 1111.11]);
    expect([...decode.batches.metrics.runningReq]).toEqual([8, 6, 11]);
    expect(decode.issues).toHaveLength(1);
    expect(decode.issues[0].file).toBe("cn_02_config.json");
    expect(decode.issues[0].message).toMatch(/JSON/);
    expect(idle.batches.length).toBe(0);
    expect(idle.notes).toContain("no batch lines in cn_03_decode_w1.out");
    expect(analyzer.getPrefillNodes(nodes)).toEqual([prefill]);
    expect(analyzer.getDecodeNodes(nodes)).toEqual([decode, idle]);
  });

  it("reads the current logs/ layout, aggregated workers, and reports a line cut short", async () => {
    const { current } = await makeRuns();
    const [agg] = await new NodeAnalyzer().parseRunLogs(current, { cache: false });
    expect(agg.workerType).toBe("agg");
    expect(agg.files).toEqual(["logs/eos0001_agg_w0.out"]);
    expect(agg.batches.length).toBe(5);
    expect(agg.issues).toHaveLength(1);
    expect(agg.issues[0].line).toBe(7);
  });

  it("caches in node_metrics.parquet, reads it back the same, and re-parses when a log changes", async () => {
    const { legacy } = await makeRuns();
    const analyzer = new NodeAnalyzer();
    const first = await analyzer.parseRunLogs(legacy);
    await analyzer.flush();
    const cache = path.join(legacy, ".cache", NODE_CACHE_FILE);
    const written = (await stat(cache)).mtimeMs;
    const second = await new NodeAnalyzer().parseRunLogs(legacy);
    expect(second.map((n) => n.batches)).toEqual(first.map((n) => n.batches));
    expect(second.map((n) => n.memory)).toEqual(first.map((n) => n.memory));
    expect((await stat(cache)).mtimeMs).toBe(written);
    const summaries = await new NodeAnalyzer().summariseRunLogs(legacy);
    expect(summaries.map((s) => [s.prefillBatches, s.decodeBatches, s.memorySnapshots])).toEqual([[2, 0, 1], [0, 3, 0], [0, 0, 0]]);
    await appendFile(path.join(legacy, "cn_02_decode_w0.err"), DECODE[0] + "\n");
    const third = await new NodeAnalyzer().parseRunLogs(legacy);
    expect(third[1].batches.length).toBe(4);
  });

  it("writes a node_metrics.parquet DuckDB (and pandas, where installed) reads: one row per batch or memory record", async () => {
    const { legacy } = await makeRuns();
    const analyzer = new NodeAnalyzer();
    await analyzer.parseRunLogs(legacy);
    await analyzer.flush();
    const file = path.join(legacy, ".cache", NODE_CACHE_FILE);
    const rows = await duckdbRead(file);
    const fromDuck = {
      rows: rows.length,
      columns: Object.keys(rows[0]),
      types: rows.map((r) => r.metric_type),
      gen: rows.map((r) => r.gen_throughput).filter((v) => typeof v === "number" && !Number.isNaN(v)), // as pandas dropna()
      nodes: [...new Set(rows.map((r) => String(r.node)))].sort(),
    };
    const script = [
      "import sys, json, pandas as pd",
      "df = pd.read_parquet(sys.argv[1])",
      "print(json.dumps({'rows': len(df), 'columns': list(df.columns), 'types': df['metric_type'].tolist(), 'gen': df['gen_throughput'].dropna().tolist(), 'nodes': sorted(set(df['node']))}))",
    ].join("\n");
    const fromPandas = pandasJson<typeof fromDuck>(script, file);
    for (const out of [fromDuck, fromPandas]) {
      if (out === null) continue; // pandas is optional; DuckDB always reads
      expect(out.rows).toBe(2 + 1 + 3);
      expect(out.columns.slice(0, 9)).toEqual(["node", "worker_type", "worker_id", "dp", "tp", "ep", "pp", "timestamp", "metric_type"]);
      expect(out.types).toEqual(["prefill", "prefill", "memory.load_weight_end", "decode", "decode", "decode"]);
      expect(out.gen).toEqual([1082.11, 653.92, 1111.11]);
      expect(out.nodes).toEqual(["cn-01", "cn_02"]);
    }
  });

  it("parses on worker threads, and writes the Parquet on one, to the same result as on this thread", async () => {
    const { legacy } = await makeRuns();
    process.env.SRTLOG_THREADS = "always";
    try {
      const analyzer = new NodeAnalyzer();
      const threaded = await analyzer.parseRunLogs(legacy);
      await analyzer.flush();
      delete process.env.SRTLOG_THREADS;
      const inline = await new NodeAnalyzer().parseRunLogs(legacy, { cache: false });
      expect(threaded.map((n) => n.batches)).toEqual(inline.map((n) => n.batches));
      const cached = await new NodeAnalyzer().parseRunLogs(legacy);
      expect(cached.map((n) => n.batches)).toEqual(inline.map((n) => n.batches));
      const summaries = await new NodeAnalyzer().summariseRunLogs(legacy);
      expect(summaries.map((s) => s.prefillBatches + s.decodeBatches)).toEqual([2, 3, 0]);
    } finally {
      delete process.env.SRTLOG_THREADS;
    }
  });

  it("topology: physical nodes and their services, from file names", async () => {
    const { legacy } = await makeRuns();
    expect(new NodeAnalyzer().topology(legacy)).toEqual({
      nodes: [
        { node: "cn-01", services: ["frontend 0", "prefill w0"] },
        { node: "cn_02", services: ["decode w0"] },
        { node: "cn_03", services: ["decode w1"] },
      ],
      counts: { prefill: 1, decode: 2, agg: 0, frontend: 1 },
    });
  });

  it("reports progress after each log file", async () => {
    const { legacy } = await makeRuns();
    const seen: number[][] = [];
    await new NodeAnalyzer().parseRunLogs(legacy, { cache: false, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
  });

  it("parseSingleLog reads one file on its own", async () => {
    const { legacy } = await makeRuns();
    const node = await new NodeAnalyzer().parseSingleLog(path.join(legacy, "cn_02_decode_w0.err"));
    expect([node.node, node.workerType, node.batches.length]).toEqual(["cn_02", "decode", 3]);
  });
});

describe("srtlog nodes", () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [path.resolve("bin/srtlog.mjs"), "nodes", ...args], { encoding: "utf8" });

  it("--json gives counts per node and the issues", async () => {
    const { legacy } = await makeRuns();
    const result = run(legacy, "--json", "--no-cache");
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.nodes.map((n: { node: string; prefillBatches: number; decodeBatches: number; memorySnapshots: number }) => [n.node, n.prefillBatches, n.decodeBatches, n.memorySnapshots])).toEqual([
      ["cn-01", 2, 0, 1],
      ["cn_02", 0, 3, 0],
      ["cn_03", 0, 0, 0],
    ]);
    expect(out.nodes[0].files).toEqual(["cn-01_prefill_w0.err", "cn-01_prefill_w0.out"]);
    expect(out.nodes[0].config).toEqual({ tp: 4, dp: 2, ep: 4, pp: null });
    expect(out.issues.map((i: { file: string }) => i.file)).toEqual(["cn_02_config.json"]);
  });

  it("a table without --json; a missing path is exit code 2", async () => {
    const { legacy } = await makeRuns();
    const table = run(legacy);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^Node\s+Type\s+Worker/);
    const missing = run("/no/such/run");
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe("srtlog nodes: /no/such/run does not exist");
  });
});

describe("empty and odd logs", () => {
  it("an empty log is a worker with no metrics that says so", async () => {
    const { legacy } = await makeRuns();
    const nodes = await new NodeAnalyzer().parseRunLogs(legacy, { cache: false });
    const decode = nodes.find((n) => n.node === "cn_02")!;
    expect(decode.notes).toContain("cn_02_decode_w0.out: empty log: 0 bytes");
    expect(await readFile(path.join(legacy, "cn_02_decode_w0.out"), "utf8")).toBe("");
  });
});
