import { describe, expect, it } from "vitest";
import { metricSeries } from "@/lib/node-aggregate";
import { activityOf, recordsIn } from "@/lib/windows";
import { analyze, column, nodesJson, runWithLogs, utc } from "./helpers";

/*
 * Worker-log forms srt-slurm reads at c88ef731 (src/srtctl/analysis/batch_log_parser.py), one case
 * per form, from the lines and expected values of its tests (tests/test_batch_plot_metrics.py,
 * tests/test_ruter.py) and the parser's docstring. Each case names its upstream source.
 */

describe("per-DP-rank agg logs `<node>_agg_w<i>_DP<d>.out`", () => {
  // upstream: test_batch_plot_metrics.py::test_plot_batch_metrics_cli_uses_shared_live_renderer
  const lines = [
    "[2026-05-09 12:00:00 DP0 TP0 EP0] Prefill batch, #new-seq: 2, #new-token: 8192, #cached-token: 0, full token usage: 0.10, #running-req: 0, #queue-req: 0, #prealloc-req: 0, #inflight-req: 0, input throughput (token/s): 1000.0",
    "[2026-05-09 12:00:00 DP0 TP0 EP0] Decode batch, #running-req: 4, #full token: 10000, full token usage: 0.20, #prealloc-req: 1, #transfer-req: 0, #retracted-req: 0, gen throughput (token/s): 500.0, #queue-req: 0",
  ];

  it("is listed as an agg worker with one prefill and one decode batch", async () => {
    const run = await runWithLogs("453992", { "bia0004_agg_w0_DP0.out": lines });
    const [node, ...others] = await analyze(run);
    expect(others).toEqual([]);
    expect([node.node, node.workerType, node.workerId, node.files]).toEqual(["bia0004", "agg", "w0", ["logs/bia0004_agg_w0_DP0.out"]]);
    expect(Array.from(node.batches.batchType)).toEqual([0, 1]);
    expect(column(node, "inputThroughput")).toEqual([1000, NaN]);
    expect(column(node, "genThroughput")).toEqual([NaN, 500]);
    // `#full token` / `full token usage` also fill the plain names the charts read.
    expect(column(node, "numToken")).toEqual([NaN, 10000]);
    expect(column(node, "tokenUsage")).toEqual([0.1, 0.2]);
    expect(node.issues).toEqual([]);

    const cli = nodesJson(run);
    expect(cli.nodes).toMatchObject([{ node: "bia0004", workerType: "agg", workerId: "w0", files: ["logs/bia0004_agg_w0_DP0.out"], prefillBatches: 1, decodeBatches: 1, ranks: { dp: [0], tp: [0], ep: [0], pp: [0] } }]);
    expect(cli.issues).toEqual([]);
  });

  it("several DP files of one worker are one worker; lines without a DP take it from the name", async () => {
    // The same server with its ranks logged apart and, as when each rank runs on its own, no DP in the tag.
    const untagged = (dp: number) => [`[2026-05-09 12:00:0${dp} TP0] Prefill batch, #new-seq: 1, #new-token: ${100 * (dp + 1)}, #cached-token: 0, #running-req: 0, #queue-req: 0, input throughput (token/s): 10.0`];
    const run = await runWithLogs("453993", { "bia0004_agg_w0_DP0.out": untagged(0), "bia0004_agg_w0_DP1.out": untagged(1), "bia0004_agg_w0_DP2.out": lines.slice(0, 1) });
    const [node] = await analyze(run);
    expect(node.files).toEqual(["logs/bia0004_agg_w0_DP0.out", "logs/bia0004_agg_w0_DP1.out", "logs/bia0004_agg_w0_DP2.out"]);
    // DP2's file says DP0 in its tag: the line wins over the name.
    expect(Array.from(node.batches.dp)).toEqual([0, 1, 0]);
    expect(column(node, "newToken")).toEqual([100, 200, 8192]);
    expect(nodesJson(run).nodes.map((n) => [n.workerId, n.prefillBatches, n.ranks.dp])).toEqual([["w0", 3, [0, 1]]]);
    // The same from the cache footer `analyze` wrote.
    expect(nodesJson(run, true).nodes.map((n) => [n.workerId, n.prefillBatches, n.ranks.dp])).toEqual([["w0", 3, [0, 1]]]);
  });
});

describe("the batch-index form `Prefill batch [N],` with millisecond timestamps", () => {
  // upstream: test_batch_plot_metrics.py::test_batch_log_parser_keeps_millisecond_timestamps_and_dp_ranks
  it("keeps the milliseconds, the DP ranks and N", async () => {
    const run = await runWithLogs("461673", {
      "bia0003_agg_w0.out": [
        "[2026-05-10 12:00:11.896 DP1 TP1 EP1] Prefill batch [1], #new-seq: 1, #new-token: 2048, #cached-token: 0, full token usage: 0.00, #running-req: 0, #queue-req: 0",
        "[2026-05-10 12:00:11.901 DP0 TP0 EP0] Prefill batch [1], #new-seq: 1, #new-token: 2048, #cached-token: 0, full token usage: 0.00, #running-req: 0, #queue-req: 0",
      ],
    });
    const [node] = await analyze(run);
    expect(node.batches.length).toBe(2);
    expect(Array.from(node.batches.batchType)).toEqual([0, 0]);
    expect(Array.from(node.batches.dp)).toEqual([1, 0]);
    expect(Array.from(node.batches.pp)).toEqual([0, 0]);
    expect(Array.from(node.batches.ts)).toEqual([utc("2026-05-10 12:00:11.896"), utc("2026-05-10 12:00:11.901")]);
    expect(Array.from(node.batches.ts, (t) => new Date(t).getUTCMilliseconds())).toEqual([896, 901]);
    expect(column(node, "batchIndex")).toEqual([1, 1]);
    expect(column(node, "newToken")).toEqual([2048, 2048]);

    const cli = nodesJson(run);
    expect(cli.nodes).toMatchObject([{ node: "bia0003", workerType: "agg", prefillBatches: 2, decodeBatches: 0, ranks: { dp: [0, 1], tp: [0, 1], ep: [0, 1], pp: [0] } }]);
  });
});

describe("`#token` / `token usage`, `Decode batch [N],` and hostnames with `-T01`", () => {
  // upstream: test_batch_plot_metrics.py::test_batch_log_parser_accepts_legacy_token_field_names
  it("reads both workers and the old field names", async () => {
    const run = await runWithLogs("461674", {
      "nvl72d068-T01_prefill_w0.out": [
        "[2026-05-19 00:32:50 DP0 TP0] Prefill batch, #new-seq: 1, #new-token: 64, #cached-token: 0, token usage: 0.10, #running-req: 0, #queue-req: 0, #pending-token: 0, #prealloc-req: 0, #inflight-req: 1, cuda graph: False, input throughput (token/s): 0.16",
      ],
      "nvl72d068-T04_decode_w0.out": [
        "[2026-05-19 00:34:42 DP0 TP0 EP0] Decode batch [2], #running-req: 1, #token: 64, token usage: 0.20, pre-allocated usage: 0.00, #prealloc-req: 0, #transfer-req: 0, #retracted-req: 0, cuda graph: True, gen throughput (token/s): 58.87, #queue-req: 0",
      ],
    });
    const [prefill, decode] = await analyze(run);
    expect([prefill.node, prefill.workerType, decode.node, decode.workerType]).toEqual(["nvl72d068-T01", "prefill", "nvl72d068-T04", "decode"]);
    expect(column(prefill, "tokenUsage")).toEqual([0.1]);
    expect(column(prefill, "inputThroughput")).toEqual([0.16]);
    expect(column(prefill, "cudaGraph")).toEqual([0]);
    expect(column(decode, "numToken")).toEqual([64]);
    expect(column(decode, "tokenUsage")).toEqual([0.2]);
    expect(column(decode, "batchIndex")).toEqual([2]);
    expect(column(decode, "cudaGraph")).toEqual([1]);

    const cli = nodesJson(run);
    expect(cli.nodes.map((n) => [n.node, n.workerType, n.prefillBatches, n.decodeBatches])).toEqual([
      ["nvl72d068-T01", "prefill", 1, 0],
      ["nvl72d068-T04", "decode", 0, 1],
    ]);
  });

  it("`cpu graph:` in place of `cuda graph:` (SGLang on CPU) is read as a flag", async () => {
    // Not in upstream's tests: the issue-13 variant of the same decode line.
    const run = await runWithLogs("461677", {
      "nvl72d068-T04_decode_w0.out": [
        "[2026-05-19 00:34:42 DP0 TP0 EP0] Decode batch [2], #running-req: 1, #token: 64, token usage: 0.20, pre-allocated usage: 0.00, #prealloc-req: 0, #transfer-req: 0, #retracted-req: 0, cpu graph: False, gen throughput (token/s): 58.87, #queue-req: 0",
      ],
    });
    const [decode] = await analyze(run);
    expect(column(decode, "cpuGraph")).toEqual([0]);
    expect(column(decode, "genThroughput")).toEqual([58.87]);
    expect(nodesJson(run).nodes[0]).toMatchObject({ decodeBatches: 1, ranks: { dp: [0], tp: [0], ep: [0], pp: [0] } });
  });
});

describe("input throughput derived from #new-token where a line prints none", () => {
  // upstream: test_batch_plot_metrics.py::test_renderer_splits_agg_logs_by_dp_and_derives_input_throughput
  it("per DP rank of an agg log: #new-token over the time since that rank's previous batch", async () => {
    const run = await runWithLogs("461673", {
      "bia0003_agg_w0.out": [
        "[2026-05-10 12:00:00.000 DP0 TP0 EP0] Prefill batch [1], #new-seq: 1, #new-token: 100, #cached-token: 0, full token usage: 0.00, #running-req: 0, #queue-req: 0",
        "[2026-05-10 12:00:00.500 DP1 TP1 EP1] Prefill batch [1], #new-seq: 1, #new-token: 50, #cached-token: 0, full token usage: 0.00, #running-req: 0, #queue-req: 0",
        "[2026-05-10 12:00:01.000 DP0 TP0 EP0] Prefill batch [2], #new-seq: 1, #new-token: 200, #cached-token: 0, full token usage: 0.00, #running-req: 0, #queue-req: 0",
        "[2026-05-10 12:00:01.000 DP1 TP1 EP1] Prefill batch [2], #new-seq: 1, #new-token: 100, #cached-token: 0, full token usage: 0.00, #running-req: 0, #queue-req: 0",
      ],
    });
    const [node] = await analyze(run);
    expect(node.batches.length).toBe(4);
    // DP0: 200 tokens over 1.0 s; DP1: 100 tokens over 0.5 s. A rank's first batch has no interval.
    expect(column(node, "inputThroughput")).toEqual([NaN, NaN, 200, 200]);
    expect(column(node, "inputThroughputDerived")).toEqual([NaN, NaN, 1, 1]);
    expect(column(node, "batchIndex")).toEqual([1, 1, 2, 2]);
    // One line per DP rank, as upstream splits an agg log: both at 200 tok/s in second 1.
    expect(metricSeries([node], "inputThroughput", "dp")).toEqual([
      { label: "DP0", x: [1], y: [200] },
      { label: "DP1", x: [1], y: [200] },
    ]);
    const cli = nodesJson(run).nodes[0];
    expect(cli).toMatchObject({ prefillBatches: 4, ranks: { dp: [0, 1], pp: [0] } });
    expect(cli.notes).toEqual(["input throughput derived from #new-token for 2 prefill batches that print none (column inputThroughputDerived)"]);
  });

  // upstream: test_batch_plot_metrics.py::test_cache_hit_smoothing_is_token_weighted (its input lines)
  it("on a PP0-only prefill log without input throughput", async () => {
    const rows = [[100, 900], [200, 800], [400, 0]];
    const run = await runWithLogs("461676", {
      "nvl72d068-T01_prefill_w0.out": rows.map(([fresh, cached], i) => `[2026-05-19 00:32:5${i} PP0] Prefill batch, #new-seq: 1, #new-token: ${fresh}, #cached-token: ${cached}, full token usage: 0.10, #running-req: 0, #queue-req: 0`),
    });
    const [node] = await analyze(run);
    expect(node.batches.length).toBe(3);
    expect(column(node, "cachedToken")).toEqual([900, 800, 0]);
    expect(column(node, "inputThroughput")).toEqual([NaN, 200, 400]);
    expect(nodesJson(run).nodes[0]).toMatchObject({ prefillBatches: 3, ranks: { dp: [0], tp: [0], ep: [0], pp: [0] } });
  });
});

describe("pipeline parallel `[TS PPn]`", () => {
  // upstream: test_batch_plot_metrics.py::test_renderer_deduplicates_pipeline_prefill_and_derives_total_input_metrics
  it("stores pp per row, and aggregations count a batch every PP rank printed once", async () => {
    const batch = (second: number, fresh: number, cached: number, rate: number) => (pp: number) =>
      `[2026-05-19 00:32:5${second} PP${pp}] Prefill batch, #new-seq: 1, #new-token: ${fresh}, #cached-token: ${cached}, full token usage: 0.10, #running-req: 0, #queue-req: 0, input throughput (token/s): ${rate}`;
    const run = await runWithLogs("461675", {
      "nvl72d068-T01_prefill_w0.out": [...[0, 1].map(batch(0, 100, 900, 100.0)), ...[0, 1].map(batch(1, 200, 800, 200.0))],
    });
    const [node] = await analyze(run);
    expect(node.batches.length).toBe(4);
    expect(Array.from(node.batches.pp)).toEqual([0, 1, 0, 1]);
    expect(column(node, "inputThroughput")).toEqual([100, 100, 200, 200]);
    const [all] = metricSeries([node], "inputThroughput", "all");
    expect([all.x, all.y]).toEqual([[0, 1], [100, 200]]);
    // Batches counted over the run: two logical batches, not four lines.
    expect(recordsIn(activityOf([node])!, 0, Date.UTC(2027, 0, 1))).toBe(2);
    expect(nodesJson(run).nodes[0]).toMatchObject({ prefillBatches: 4, ranks: { dp: [0], tp: [0], ep: [0], pp: [0, 1] } });
  });
});

describe("short prefill lines", () => {
  // upstream: test_ruter.py::test_normalize_run_writes_separate_router_and_worker_jsonl
  it("`#new-seq`, `#new-token`, `#cached-token` only is a batch whose other fields are absent", async () => {
    const run = await runWithLogs("ruter", {
      "node-a_agg_w3.out": [
        "[2026-08-20 04:40:20] Prefill batch, #new-seq: 1, #new-token: 8192, #cached-token: 0",
        "[2026-08-20 04:40:21] INFO handle_payload: request received instance_id=42 request_id=internal-1",
      ],
    });
    const [node] = await analyze(run);
    expect([node.node, node.workerType, node.workerId]).toEqual(["node-a", "agg", "w3"]);
    expect(Array.from(node.batches.ts)).toEqual([utc("2026-08-20 04:40:20")]);
    expect([column(node, "newSeq"), column(node, "newToken"), column(node, "cachedToken")]).toEqual([[1], [8192], [0]]);
    for (const absent of ["runningReq", "queueReq", "tokenUsage", "inputThroughput"]) expect(column(node, absent), absent).toBeNull();
    expect(node.issues).toEqual([]);
    const cli = nodesJson(run);
    expect(cli.nodes).toMatchObject([{ node: "node-a", workerId: "w3", prefillBatches: 1, ranks: { dp: [0], pp: [0] } }]);
    expect(cli.issues).toEqual([]);
  });

  // upstream: test_ruter.py::test_slurm_postprocess_normalizes_before_artifact_upload
  it("a line with `#new-seq` alone is reported with its file and line, not a silent zero", async () => {
    // Upstream keeps it as a row of one value; with no token count it feeds no chart, so we say so.
    const run = await runWithLogs("ruter2", { "node-a_agg_w0.out": ["[2026-08-20 04:40:20] Prefill batch, #new-seq: 1"] });
    const [node] = await analyze(run);
    expect(node.batches.length).toBe(0);
    const issue = { file: "logs/node-a_agg_w0.out", line: 1, message: 'Prefill batch line has no "#new-token" field (line cut short?)' };
    expect(node.issues).toEqual([issue]);
    expect(nodesJson(run).issues).toEqual([issue]);
  });
});

describe("the formats in batch_log_parser.py's docstring", () => {
  // upstream: src/srtctl/analysis/batch_log_parser.py module docstring (dynamo colours, trailing `, `)
  it("dynamo's coloured ISO stamp with microseconds, and a bracketed decode line ending in `, `", async () => {
    const run = await runWithLogs("docstring", {
      "slurm-gb300-133-181_prefill_w0.out": [
        "\x1b[2m2026-04-27T23:03:15.250907Z\x1b[0m \x1b[32m INFO\x1b[0m \x1b[2msglang.srt.managers.scheduler\x1b[0m\x1b[2m:\x1b[0m Prefill batch, #new-seq: 1, #new-token: 256, #cached-token: 0, full token usage: 0.00, #running-req: 0, #queue-req: 0, #prealloc-req: 0, #inflight-req: 0, input throughput (token/s): 0.00, ",
      ],
      "slurm-gb300-133-181_decode_w0.out": [
        "[2025-11-04 05:31:43 DP0 TP0 EP0] Decode batch, #running-req: 1, #full token: 7424, full token usage: 0.00, #prealloc-req: 0, #transfer-req: 0, #retracted-req: 0, gen throughput (token/s): 0.03, #queue-req: 0, ",
      ],
    });
    const [prefill, decode] = await analyze(run);
    expect(prefill.node).toBe("slurm-gb300-133-181");
    expect(Array.from(prefill.batches.ts)).toEqual([Date.UTC(2026, 3, 27, 23, 3, 15) + 250.907]);
    expect([column(prefill, "newToken"), column(prefill, "inflightReq"), column(prefill, "inputThroughput")]).toEqual([[256], [0], [0]]);
    expect(Array.from(decode.batches.ts)).toEqual([utc("2025-11-04 05:31:43")]);
    expect([column(decode, "numFullToken"), column(decode, "genThroughput")]).toEqual([[7424], [0.03]]);
    expect(nodesJson(run).nodes.map((n) => [n.workerType, n.prefillBatches, n.decodeBatches])).toEqual([["prefill", 1, 0], ["decode", 0, 1]]);
  });
});

describe("anything that looks like a batch line but cannot be read", () => {
  // upstream: batch_log_parser.py docstring shows `p0` before dynamo's stamp; upstream finds the
  // marker anywhere in a line, we read only after a known prefix, so the rest must be reported.
  it("a batch line after an unknown prefix is an issue, not a silent zero", async () => {
    const run = await runWithLogs("prefix", {
      "slurm-gb300-133-181_prefill_w0.out": ["p0\x1b[2m2026-04-27T23:03:15.250907Z\x1b[0m Prefill batch, #new-seq: 1, #new-token: 256, #cached-token: 0"],
    });
    const [node] = await analyze(run);
    expect(node.batches.length).toBe(0);
    expect(node.issues.map((i) => [i.file, i.line, i.message.slice(0, 38)])).toEqual([["logs/slurm-gb300-133-181_prefill_w0.out", 1, "Prefill batch line not read: it comes "]]);
    expect(nodesJson(run).issues.map((i) => i.line)).toEqual([1]);
  });

  it("is an issue with file and line in the analyzer and in nodes --json", async () => {
    const run = await runWithLogs("broken", {
      "bia0003_agg_w0_DP1.out": [
        "[2026-05-10 12:00:11.896 DP1 TP1 EP1] Prefill batch [1], #new-seq: 1, #new-token: 2048, #cached-token: 0",
        "[2026-05-10 12:00:11.900 DP1 TP1 EP1] Prefill batch [two], #new-seq: 1, #new-token: 2048, #cached-token: 0",
        "[2026-05-10 12:00:11.950 DP1 TP1 EP1] Decode batch [3], #running-req: 1, #token: lots, #queue-req: 0",
      ],
    });
    const [node] = await analyze(run);
    expect(node.batches.length).toBe(1);
    const issues = [
      { file: "logs/bia0003_agg_w0_DP1.out", line: 2, message: 'Prefill batch line: batch index "[two]" is not a whole number' },
      { file: "logs/bia0003_agg_w0_DP1.out", line: 3, message: 'Decode batch line: "#token" is not a number: "lots"' },
    ];
    expect(node.issues).toEqual(issues);
    expect(nodesJson(run).issues).toEqual(issues);
  });
});
