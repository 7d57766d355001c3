import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { cp } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Run } from "@/lib/model";
import { toRows } from "@/lib/rows";
import { DatasetLoader, datasetNodeSource } from "@/lib/server/dataset/dataset-loader";
import { queryDataset } from "@/lib/server/dataset/duckdb";
import { ingest } from "@/lib/server/dataset/ingest";
import { listPartitions, readManifest, readPartRows, writePartition } from "@/lib/server/dataset/store";
import { flushBackgroundWork } from "@/lib/server/log-pool";
import { NodeAnalyzer } from "@/lib/server/node-analyzer";
import { RunLoader } from "@/lib/server/run-loader";
import { generateWorkerLogs } from "@/scripts/bench/generate-worker-logs";
import { tempDir } from "../../../../helpers/temp-dir";

// The dashboard on a dataset: runs rebuilt from `runs` + `points` rows must be the runs the loader gives
// on the source, for two "clusters" made of the loader fixtures; node_batches must hold every batch the
// node cache holds; a tag edit lands in the dataset's tag table (and the source when it is there).
const FIXTURES = path.resolve("tests/fixtures/loader");
// Every loader fixture (Infinity request rates, null fields, missing concurrencies, runs loaded from
// their results alone): the rebuild must not lose what any of them carries.
const CLUSTERS = { a: ["current-v2-logs-layout", "result-variants", "broken-and-skipped"], b: ["legacy-v1-disagg"] } as const;
const quiet = () => {};

async function twoClusters(): Promise<{ root: string; dataset: string; logs: Record<string, string[]> }> {
  const root = await tempDir("srtlog-dsdash-");
  const logs: Record<string, string[]> = {};
  for (const [cluster, names] of Object.entries(CLUSTERS)) {
    logs[cluster] = [];
    for (const name of names) {
      const dir = path.join(root, cluster, name);
      await cp(path.join(FIXTURES, name, "logs"), dir, { recursive: true });
      logs[cluster].push(dir);
    }
  }
  const dataset = path.join(root, "dataset");
  for (const [cluster, dirs] of Object.entries(logs)) await ingest({ dataset, logsDirs: dirs, cluster, progress: quiet });
  return { root, dataset, logs };
}

/** What a tab sees of a run, minus how the dataset names it. */
const comparable = ({ runDir: _d, origin: _o, ...rest }: Run) => rest;

afterEach(() => vi.unstubAllEnvs());

/** The server may read and write the sources only under its roots (source-access.ts): here, all of them. */
function serveSources(root: string): void {
  vi.stubEnv("SRTLOG_LOGS_ROOTS", root);
  vi.stubEnv("SRTLOG_LOGS_DIR", "");
  vi.stubEnv("LOGS_DIR", "");
}

describe("DatasetLoader", () => {
  it("rebuilds every run of two clusters as the loader reads it from the source", async () => {
    const { root, dataset, logs } = await twoClusters();
    serveSources(root);
    const { runs, skipped } = await new DatasetLoader(dataset).loadAllWithSkipped();
    expect(skipped).toEqual([]);
    let compared = 0;
    for (const [cluster, dirs] of Object.entries(logs)) {
      for (const dir of dirs) {
        for (const source of await new RunLoader(dir).loadAll()) {
          const rebuilt = runs.find((run) => run.runDir === `${cluster}:${source.runDir}`);
          expect(rebuilt, `${cluster}:${source.runDir}`).toBeDefined();
          expect(rebuilt!.origin).toMatchObject({ cluster, runKey: `${cluster}/${source.runDir}` });
          expect(comparable(rebuilt!)).toEqual(comparable(source));
          // The data frame every chart and export builds on, bar the run's name.
          const frame = (run: Run) => toRows([run]).map((row) => ({ ...row, "Run Directory": null }));
          expect(frame(rebuilt!)).toEqual(frame(source));
          compared++;
        }
      }
    }
    // Every fixture run of both clusters, and no other.
    expect(runs.length).toBe(compared);
    const expected = Object.values(CLUSTERS).flat().flatMap((name) => JSON.parse(readFileSync(path.join(FIXTURES, name, "expected.json"), "utf8")).runs);
    expect(compared).toBe(expected.length);
  });

  it("a tag edit goes to the dataset's tag table and the source's <jobid>.json, and srtlog query's runs view shows it", async () => {
    const { root, dataset } = await twoClusters();
    serveSources(root);
    const loader = new DatasetLoader(dataset);
    const run = (await loader.loadAll()).find((r) => r.runDir === "b:3667_1P_4D_20251110_192145")!;
    expect(run.metadata.tags).toEqual(["baseline", "h100"]);
    expect(await loader.editTags(run.runDir, { add: ["gold"], remove: ["h100"] })).toEqual(["baseline", "gold"]);
    const source = path.join(root, "b", "legacy-v1-disagg", "3667_1P_4D_20251110_192145", "3667.json");
    expect(JSON.parse(readFileSync(source, "utf8")).tags).toEqual(["baseline", "gold"]);
    expect(JSON.parse(readFileSync(path.join(dataset, "tags", "_tags.json"), "utf8")).runs["b/3667_1P_4D_20251110_192145"].tags).toEqual(["baseline", "gold"]);
    // The source gone: the edit still lands, in the dataset only.
    rmSync(path.dirname(source), { recursive: true });
    expect(await loader.editTags(run.runDir, { add: ["archived"] })).toEqual(["baseline", "gold", "archived"]);
    expect((await loader.loadSingle(run.runDir))!.metadata.tags).toEqual(["baseline", "gold", "archived"]);
    const rows = (await queryDataset(dataset, "SELECT run_key, tags FROM runs WHERE cluster = 'b' ORDER BY run_key", quiet)).rows;
    expect(rows).toEqual([
      { run_key: "b/12045_2P_2D_20251115_101500", tags: "" },
      { run_key: "b/3667_1P_4D_20251110_192145", tags: "baseline, gold, archived" },
    ]);
  });

  it("a crafted run_json cannot aim the source tag write at another file, nor outside SRTLOG_LOGS_ROOTS", async () => {
    const { root, dataset } = await twoClusters();
    const victim = path.join(root, "elsewhere");
    await cp(path.join(FIXTURES, "legacy-v1-disagg", "logs", "3667_1P_4D_20251110_192145"), victim, { recursive: true });
    const partition = listPartitions(dataset, "runs", "b").find((p) => readManifest(p)!.runs["b/3667_1P_4D_20251110_192145"])!;
    const manifest = readManifest(partition)!;
    const rows = await readPartRows(partition, manifest);
    const aim = (fields: Record<string, string>) => writePartition(partition, rows.map((row) => (row.run_key === "b/3667_1P_4D_20251110_192145" ? { ...row, run_json: JSON.stringify({ ...JSON.parse(String(row.run_json)), ...fields }) } : row)), manifest.runs, readManifest(partition));
    const before = readFileSync(path.join(victim, "3667.json"), "utf8");
    const runDir = "b:3667_1P_4D_20251110_192145";
    // Not a <jobid>.json: dataset only.
    await cp(path.join(victim, "3667.json"), path.join(victim, "other.json"));
    await aim({ runPath: victim, metadataFile: "other.json" });
    expect(await new DatasetLoader(dataset).editTags(runDir, { add: ["x"] })).toEqual(["baseline", "h100", "x"]);
    expect(readFileSync(path.join(victim, "other.json"), "utf8")).toBe(before);
    // A <jobid>.json outside SRTLOG_LOGS_ROOTS: dataset only; inside them, written.
    await aim({ runPath: victim, metadataFile: "3667.json" });
    vi.stubEnv("SRTLOG_LOGS_ROOTS", path.join(root, "b"));
    try {
      await new DatasetLoader(dataset).editTags(runDir, { add: ["y"] });
      expect(readFileSync(path.join(victim, "3667.json"), "utf8")).toBe(before);
      vi.stubEnv("SRTLOG_LOGS_ROOTS", root);
      await new DatasetLoader(dataset).editTags(runDir, { add: ["z"] });
      // The add applies to the file's own tags, which never got x or y.
      expect(JSON.parse(readFileSync(path.join(victim, "3667.json"), "utf8")).tags).toEqual(["baseline", "h100", "z"]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("node_batches holds every batch of the node cache, and Node Metrics reads them back once the source is gone", async () => {
    const root = await tempDir("srtlog-dsnodes-");
    const runs = { a: path.join(root, "a", "5100001"), b: path.join(root, "b", "5100002") };
    let cached = 0;
    const parsed = new Map<string, Awaited<ReturnType<NodeAnalyzer["parseRunLogs"]>>>();
    // Whole-second mtimes, which utimes can set back exactly after the garbling below.
    const when = new Date("2026-12-01T10:00:00Z");
    const workerLogs = (dir: string) => readdirSync(path.join(dir, "logs")).filter((name) => /_(prefill|decode|agg)_w\d+\.out$/.test(name)).map((name) => path.join(dir, "logs", name));
    for (const [cluster, dir] of Object.entries(runs)) {
      await generateWorkerLogs(dir, { workers: 3, linesPerWorker: 400 });
      for (const log of workerLogs(dir)) utimesSync(log, when, when);
      const nodes = await new NodeAnalyzer().parseRunLogs(dir);
      parsed.set(cluster, nodes);
      cached += nodes.reduce((n, node) => n + node.batches.length, 0);
    }
    expect(cached).toBeGreaterThan(100);
    await flushBackgroundWork();
    // Ingest takes the node cache's columns when the logs' sizes and mtimes match, rather than parsing:
    // garbled logs of the same size and mtime must still give every cached batch.
    for (const log of Object.values(runs).flatMap(workerLogs)) {
      writeFileSync(log, "x".repeat(statSync(log).size));
      utimesSync(log, when, when);
    }
    const dataset = path.join(root, "dataset");
    for (const [cluster, dir] of Object.entries(runs)) await ingest({ dataset, logsDirs: [path.dirname(dir)], cluster, progress: quiet });
    const [{ n }] = (await queryDataset(dataset, "SELECT count(*)::INTEGER AS n FROM node_batches", quiet)).rows;
    expect(n).toBe(cached);

    rmSync(runs.a, { recursive: true });
    expect(existsSync(runs.a)).toBe(false);
    const run = (await new DatasetLoader(dataset).loadAll()).find((r) => r.runDir === "a:5100001")!;
    const nodes = await datasetNodeSource(run.origin!)!.load();
    const key = (node: { node: string; workerType: string; workerId: string }) => `${node.node} ${node.workerType} ${node.workerId}`;
    const before = [...parsed.get("a")!].sort((x, y) => key(x).localeCompare(key(y)));
    const after = [...nodes].sort((x, y) => key(x).localeCompare(key(y)));
    expect(after.map(key)).toEqual(before.map(key));
    for (const [i, node] of after.entries()) {
      const { batches } = before[i];
      expect(node.batches.length).toBe(batches.length);
      expect(Array.from(node.batches.ts)).toEqual(Array.from(batches.ts));
      expect(Array.from(node.batches.batchType)).toEqual(Array.from(batches.batchType));
      expect(Array.from(node.batches.dp)).toEqual(Array.from(batches.dp));
      for (const [metric, column] of Object.entries(batches.metrics)) {
        if (metric in node.batches.metrics) expect(Array.from(node.batches.metrics[metric]), metric).toEqual(Array.from(column));
      }
      expect(Object.keys(node.batches.metrics).sort()).toEqual(Object.keys(batches.metrics).filter((m) => Array.from(batches.metrics[m]).some((v) => !Number.isNaN(v))).sort());
    }
  });
});
