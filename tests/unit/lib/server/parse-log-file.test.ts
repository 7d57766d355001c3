import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { parseLogFileName } from "../../../../parsers/log-file-name";
import { BatchTableBuilder, type BatchTable } from "../../../../parsers/worker-log/batch-table";
import { createLogParser } from "../../../../parsers/worker-log";
import { parseLogFile, perDpRankOf } from "../../../../lib/server/parse-log-file";

describe("perDpRankOf", () => {
  const names = [
    "bia0004_agg_w0_DP0.out", "gpu_node_01_prefill_w12_DP15.err", "/logs/run/x-y_decode_w3_DP7.out", "C:\\logs\\n1_agg_w0_DP2.out",
    "gpu-node_01_prefill_w0.out", "n1_agg_w0_DP3.log", "n1_agg_w0_DP.out", "_agg_w0_DP1.out", "n1_frontend_0.out", "n1_nginx.out",
    "n1_agg_wx_DP1.out", "n1_agg_w0_DP1_gpu_utilization.out", "n1_prefill_w0_DP1.out.bak", "a_prefill_w1_decode_w2_DP9.out",
  ];

  it.each(names)("reads %s as parseLogFileName does", (name) => {
    expect(perDpRankOf(name)).toBe(parseLogFileName(name)?.dp);
  });

  it("finds the rank where there is one", () => {
    expect(names.map(perDpRankOf).filter((dp) => dp !== undefined)).toEqual([0, 15, 7, 2, 9]);
  });
});

describe("parseLogFile", () => {
  it("gives untagged lines of a per-DP-rank log that rank", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "srtlog-dp-"));
    try {
      const file = path.join(dir, "n1_agg_w0_DP3.out");
      writeFileSync(file, "[2026-05-19 00:34:42] Decode batch, #running-req: 1, #queue-req: 0\n[2026-05-19 00:34:43 DP1 TP1] Decode batch, #running-req: 2, #queue-req: 0\n");
      const parsed = await parseLogFile(file);
      expect(Array.from(parsed.table.dp)).toEqual([3, 1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("sizes the columns of a multi-chunk log from its bytes per row, with the same rows as one in-memory parse", async () => {
    const plain = (t: BatchTable) => ({ ...t, ts: Array.from(t.ts), line: Array.from(t.line), dp: Array.from(t.dp), tp: Array.from(t.tp), ep: Array.from(t.ep), pp: Array.from(t.pp), batchType: Array.from(t.batchType), metrics: Object.entries(t.metrics).map(([k, v]) => [k, Array.from(v)]) });
    const lines = ["[2026-05-19 00:34:40] Load weight end. type=X, dtype=torch.bfloat16, avail mem=55.41 GB, mem usage=15.37 GB."];
    // Short decode lines first, longer prefill lines later: the second chunk's rate is not the whole log's.
    for (let i = 0; i < 30_000; i++) lines.push(`[2026-05-19 01:${String(Math.floor(i / 1000) % 60).padStart(2, "0")}:00 DP${i % 4}] Decode batch, #running-req: ${i}, #queue-req: 0`);
    for (let i = 0; i < 12_000; i++) lines.push(`[2026-05-19 02:00:00 TP${i % 8}] Prefill batch, #new-seq: 1, #new-token: ${i}, #cached-token: 0, token usage: 0.25, #running-req: 0, #queue-req: 3, input throughput (token/s): ${i}.5`);
    const text = `${lines.join("\n")}\n`;
    const dir = mkdtempSync(path.join(tmpdir(), "srtlog-big-"));
    try {
      const file = path.join(dir, "n1_agg_w0.out");
      writeFileSync(file, text);
      const parsed = await parseLogFile(file, 2026);
      const builder = new BatchTableBuilder();
      const parser = createLogParser({ yearHint: 2026, batchSink: builder, onRecord: () => {} });
      parser.push(new TextEncoder().encode(text));
      parser.end();
      expect(text.length).toBeGreaterThan(3 << 20);
      expect(plain(parsed.table)).toEqual(plain(builder.finish()));
      expect(parsed.table.length).toBe(42_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("loads no zod into a parsing thread (its bundle imports nothing but node: modules)", async () => {
    const result = await esbuild.build({
      entryPoints: ["lib/server/parse-log-file.ts"], bundle: true, platform: "node", format: "esm", packages: "external",
      write: false, metafile: true, logLevel: "silent", plugins: [{ name: "server-only", setup: (b) => b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", external: true })) }],
    });
    const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
    expect(imports.filter((p) => !p.startsWith("node:") && p !== "server-only")).toEqual([]);
  });
});
