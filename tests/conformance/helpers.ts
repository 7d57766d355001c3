import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import { NodeAnalyzer } from "@/lib/server/node-analyzer";
import type { NodeMetrics } from "@/lib/node-metrics";
import { tempDir } from "../helpers/temp-dir";

/**
 * Conformance cases are written from the lines and expected values of srt-slurm's own tests at
 * commit c88ef731 (each case names the upstream test). Inputs are written here into a run dir
 * `<tmp>/<jobid>/logs/`, the layout srt-slurm writes, and read through the public faces only.
 */
export async function runWithLogs(jobId: string, logs: Record<string, string[]>): Promise<string> {
  const run = path.join(await tempDir("srtlog-conformance-"), jobId);
  await mkdir(path.join(run, "logs"), { recursive: true });
  for (const [name, lines] of Object.entries(logs)) await writeFile(path.join(run, "logs", name), `${lines.join("\n")}\n`);
  return run;
}

/**
 * The run through NodeAnalyzer, parsed and then read back from the cache it wrote: both must agree,
 * so a form the cache could not hold fails here too.
 */
export async function analyze(run: string): Promise<NodeMetrics[]> {
  const analyzer = new NodeAnalyzer();
  const parsed = await analyzer.parseRunLogs(run);
  await analyzer.flush();
  const cached = await new NodeAnalyzer().parseRunLogs(run);
  expect(cached.map((n) => n.batches)).toEqual(parsed.map((n) => n.batches));
  return parsed;
}

/** One node of `srtlog nodes --json`. */
export interface NodeJson {
  files: string[];
  node: string;
  workerType: string;
  workerId: string;
  prefillBatches: number;
  decodeBatches: number;
  mixedBatches: number;
  ranks: { dp: number[]; tp: number[]; ep: number[]; pp: number[] };
  notes: string[];
}

/** `srtlog nodes RUN --json --no-cache` (or from the cache `analyze` wrote), spawned as a user would run it. */
export function nodesJson(run: string, cache = false): { nodes: NodeJson[]; issues: { file: string; line: number | null; message: string }[] } {
  const args = [path.resolve("bin/srtlog.mjs"), "nodes", run, "--json", ...(cache ? [] : ["--no-cache"])];
  const result = spawnSync(process.execPath, args, { encoding: "utf8" });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

/** A metric column as a plain array (NaN for rows that did not print it), or null without the column. */
export function column(node: NodeMetrics, name: string): number[] | null {
  const values = node.batches.metrics[name];
  return values ? Array.from(values) : null;
}

/** UTC ms of a naive `YYYY-MM-DD HH:MM:SS.mmm` stamp, as srt-slurm reads them. */
export function utc(stamp: string): number {
  const [date, time] = stamp.split(" ");
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi, s] = time.split(":");
  const [whole, frac = "0"] = s.split(".");
  return Date.UTC(y, mo - 1, d, Number(h), Number(mi), Number(whole), Number(frac.padEnd(3, "0").slice(0, 3)));
}
