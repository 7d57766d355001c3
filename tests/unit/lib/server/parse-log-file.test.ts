import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { parseLogFileName } from "../../../../parsers/log-file-name";
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

  it("loads no zod into a parsing thread (its bundle imports nothing but node: modules)", async () => {
    const result = await esbuild.build({
      entryPoints: ["lib/server/parse-log-file.ts"], bundle: true, platform: "node", format: "esm", packages: "external",
      write: false, metafile: true, logLevel: "silent", plugins: [{ name: "server-only", setup: (b) => b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", external: true })) }],
    });
    const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
    expect(imports.filter((p) => !p.startsWith("node:") && p !== "server-only")).toEqual([]);
  });
});
