import { appendFile, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { NodeMetrics } from "@/lib/node-metrics";
import { NodeAnalyzer } from "@/lib/server/node-analyzer";
import { tempDir } from "../../../helpers/temp-dir";
import { duckdbRead } from "../../../helpers/other-engines";

const decode = (sec: number, running: number) =>
  `[2026-05-07 13:40:${String(sec).padStart(2, "0")} DP0 TP0 EP0] Decode batch, #running-req: ${running}, #token: 7198, token usage: 0.01, cuda graph: True, gen throughput (token/s): ${running * 100}.5, #queue-req: 0\n`;
// A PP prefill line prints no input throughput: it is derived from #new-token and the time since the rank's previous one.
const ppPrefill = (sec: number, tokens: number) => `[2026-05-07 13:41:${String(sec).padStart(2, "0")} PP0] Prefill batch, #new-seq: 2, #new-token: ${tokens}, #cached-token: 0\n`;
const OTHER = '[2026-05-07 13:40:39] INFO:     127.0.0.1:36648 - "POST /generate HTTP/1.1" 200 OK\n';

async function liveRun() {
  const run = path.join(await tempDir("srtlog-follow-"), "4401463");
  await mkdir(path.join(run, "logs"), { recursive: true });
  const logs = { decode: path.join(run, "logs", "eos0001_decode_w0.out"), prefill: path.join(run, "logs", "eos0002_prefill_w0.out") };
  await writeFile(logs.decode, decode(1, 8) + OTHER + decode(2, 9));
  await writeFile(logs.prefill, ppPrefill(0, 1000) + ppPrefill(2, 3000));
  return { run, logs };
}

/** What a node holds, as plain data: rows column by column, memory, log issues. */
function plain(nodes: NodeMetrics[]) {
  return nodes.map((n) => ({
    worker: `${n.node} ${n.workerType} ${n.workerId}`,
    ts: [...n.batches.ts], line: [...n.batches.line], dp: [...n.batches.dp],
    metrics: Object.fromEntries(Object.entries(n.batches.metrics).map(([k, v]) => [k, [...v]])),
    memory: n.memory, issues: n.issues,
  }));
}

/** Parse with the cache (incremental when it can), after the previous parse's cache is written. */
async function parseCached(run: string) {
  const analyzer = new NodeAnalyzer();
  const nodes = await analyzer.parseRunLogs(run);
  await analyzer.flush();
  return { nodes, stats: analyzer.lastStats };
}

const fullParse = (run: string) => new NodeAnalyzer().parseRunLogs(run, { cache: false });

describe("incremental node parse", () => {
  it("parses only the appended bytes, and gives what a full parse gives", async () => {
    const { run, logs } = await liveRun();
    await parseCached(run);
    const added = decode(3, 10) + OTHER + decode(4, 11);
    await appendFile(logs.decode, added);
    const { nodes, stats } = await parseCached(run);
    expect(stats.bytesParsed).toBe(Buffer.byteLength(added));
    expect(stats.appended).toEqual(["logs/eos0001_decode_w0.out"]);
    const decodeNode = nodes.find((n) => n.workerType === "decode")!;
    expect([...decodeNode.batches.metrics.runningReq]).toEqual([8, 9, 10, 11]);
    // Lines are numbered from the file's start: 1 and 3 before, 4 and 6 appended.
    expect([...decodeNode.batches.line]).toEqual([1, 3, 4, 6]);
    expect(plain(nodes)).toEqual(plain(await fullParse(run)));
    // The rewritten Parquet cache (temp file + rename) holds the appended rows for other engines too.
    const rows = await duckdbRead(path.join(run, ".cache", "node_metrics.parquet"));
    expect(rows.filter((r) => r.worker_type === "decode").map((r) => Number(r.running_req))).toEqual([8, 9, 10, 11]);
    // Nothing new: the cache answers, nothing is parsed.
    expect((await parseCached(run)).stats.bytesParsed).toBe(0);
  });

  it("derives a PP prefill line's input throughput across the append boundary", async () => {
    const { run, logs } = await liveRun();
    await parseCached(run);
    await appendFile(logs.prefill, ppPrefill(6, 8000));
    const { nodes } = await parseCached(run);
    const prefill = nodes.find((n) => n.workerType === "prefill")!;
    // 3000 tokens over 2 s, then 8000 tokens over the 4 s since the previous (already parsed) line.
    expect([...prefill.batches.metrics.inputThroughput]).toEqual([NaN, 1500, 2000]);
    expect(plain(nodes)).toEqual(plain(await fullParse(run)));
  });

  it("waits for the newline of a line written in two halves", async () => {
    const { run, logs } = await liveRun();
    await parseCached(run);
    const line = decode(5, 12);
    await appendFile(logs.decode, line.slice(0, 40));
    const half = await parseCached(run);
    expect(half.stats.bytesParsed).toBe(0);
    expect([...half.nodes.find((n) => n.workerType === "decode")!.batches.metrics.runningReq]).toEqual([8, 9]);
    await appendFile(logs.decode, line.slice(40));
    const whole = await parseCached(run);
    expect(whole.stats.bytesParsed).toBe(Buffer.byteLength(line));
    expect([...whole.nodes.find((n) => n.workerType === "decode")!.batches.metrics.runningReq]).toEqual([8, 9, 12]);
    expect(whole.nodes.find((n) => n.workerType === "decode")!.issues).toEqual([]);
  });

  it("parses a truncated log, or one replaced by a bigger one with other content, again from the start", async () => {
    const { run, logs } = await liveRun();
    await parseCached(run);
    await writeFile(logs.decode, decode(7, 3));
    const shrunk = await parseCached(run);
    expect(shrunk.stats.reparsed).toEqual([{ file: "logs/eos0001_decode_w0.out", reason: `shrank from ${Buffer.byteLength(decode(1, 8) + OTHER + decode(2, 9))} to ${Buffer.byteLength(decode(7, 3))} bytes (truncated or rotated)` }]);
    expect(plain(shrunk.nodes)).toEqual(plain(await fullParse(run)));
    const bigger = decode(8, 4) + decode(9, 5) + decode(10, 6) + OTHER;
    await writeFile(logs.decode, bigger);
    const replaced = await parseCached(run);
    expect(replaced.stats.reparsed).toEqual([{ file: "logs/eos0001_decode_w0.out", reason: "its parsed bytes changed (replaced by another file)" }]);
    expect(replaced.stats.bytesParsed).toBe(Buffer.byteLength(bigger));
    expect(replaced.nodes.find((n) => n.workerType === "decode")!.notes).toContain("logs/eos0001_decode_w0.out its parsed bytes changed (replaced by another file); parsed again from the start");
    expect(plain(replaced.nodes)).toEqual(plain(await fullParse(run)));
  });

  it("keeps the rows of a deleted log, and of every worker when the directory disappears", async () => {
    const { run, logs } = await liveRun();
    const analyzer = new NodeAnalyzer();
    const first = await analyzer.followRun(run, null);
    await rm(logs.decode);
    const afterDelete = await analyzer.followRun(run, first);
    const decodeNode = afterDelete.nodes.find((n) => n.workerType === "decode")!;
    expect([...decodeNode.batches.metrics.runningReq]).toEqual([8, 9]);
    expect(decodeNode.notes).toContain("every log of this worker is gone (deleted, or its directory removed); its rows are kept from the last parse");
    await rm(run, { recursive: true });
    const afterRm = await analyzer.followRun(run, afterDelete);
    expect(afterRm.nodes.map((n) => n.batches.length)).toEqual(first.nodes.map((n) => n.batches.length));
    expect(analyzer.lastStats.gone.sort()).toEqual(["logs/eos0001_decode_w0.out", "logs/eos0002_prefill_w0.out"]);
  });

  it("keeps an unchanged worker's node, but reads a config dump written after its logs again", async () => {
    const { run } = await liveRun();
    const config = path.join(run, "logs", "eos0001_config.json");
    await writeFile(config, JSON.stringify({ config: { server_args: { tp_size: 2 } } }));
    // Written at the worker's start-up, before its logs.
    const { utimes } = await import("node:fs/promises");
    const earlier = new Date(Date.now() - 60_000);
    await utimes(config, earlier, earlier);
    const analyzer = new NodeAnalyzer();
    const first = await analyzer.followRun(run, null);
    const same = await analyzer.followRun(run, first);
    expect(same.nodes[1]).toBe(first.nodes[1]);
    const later = new Date(Date.now() + 5000);
    await writeFile(config, JSON.stringify({ config: { server_args: { tp_size: 8 } } }));
    await utimes(config, later, later);
    const after = await analyzer.followRun(run, same);
    expect(after.nodes.find((n) => n.workerType === "decode")!.parallel.tp).toBe(8);
    expect(analyzer.lastStats.bytesParsed).toBe(0);
  });
});
