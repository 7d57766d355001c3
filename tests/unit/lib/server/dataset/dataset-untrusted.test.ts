import { existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { cp, mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getRunConfigView } from "@/lib/server/config-view";
import { DatasetLoader } from "@/lib/server/dataset/dataset-loader";
import { ingest } from "@/lib/server/dataset/ingest";
import { listPartitions, MANIFEST_FILE, readManifest, readPartRows, writePartition } from "@/lib/server/dataset/store";
import { findNodeFiles } from "@/lib/server/node-files";
import { getRequestsData } from "@/lib/server/requests-data";
import { requestsParamsSchema } from "@/lib/requests-view";
import { tempDir } from "../../../../helpers/temp-dir";

// A dataset is data someone else may have written: its run_json, manifests and tag table must not make
// the dashboard read or write outside the dataset and the directories it serves, and a damaged part
// must cost only that part, with a message, never the other runs or edits.
const FIXTURE = path.resolve("tests/fixtures/loader/legacy-v1-disagg/logs");
const R3667 = "3667_1P_4D_20251110_192145";
const R12045 = "12045_2P_2D_20251115_101500";
const KEY = `b/${R3667}`;
const RUN = `b:${R3667}`;

afterEach(() => vi.unstubAllEnvs());

function serve(roots: string, logsDir = ""): void {
  vi.stubEnv("SRTLOG_LOGS_ROOTS", roots);
  vi.stubEnv("SRTLOG_LOGS_DIR", logsDir);
  vi.stubEnv("LOGS_DIR", "");
}

async function setup(): Promise<{ root: string; logs: string; dataset: string; victim: string }> {
  const root = await tempDir("srtlog-dsuntrusted-");
  const logs = path.join(root, "b");
  await cp(FIXTURE, logs, { recursive: true });
  const dataset = path.join(root, "dataset");
  await ingest({ dataset, logsDirs: [logs], cluster: "b", progress: () => {} });
  // Someone else's run, outside every directory the server is given below.
  const victim = path.join(root, "elsewhere", R3667);
  await cp(path.join(FIXTURE, R3667), victim, { recursive: true });
  return { root, logs, dataset, victim };
}

function runsPartition(dataset: string) {
  return listPartitions(dataset, "runs", "b").find((p) => readManifest(p)!.runs[KEY])!;
}

/** Rewrite the run_json of 3667 in place, as a crafted dataset would carry it. */
async function aim(dataset: string, change: (json: Record<string, unknown>) => unknown): Promise<void> {
  const partition = runsPartition(dataset);
  const manifest = readManifest(partition)!;
  const rows = await readPartRows(partition, manifest);
  const edited = rows.map((row) => (row.run_key === KEY ? { ...row, run_json: JSON.stringify(change(JSON.parse(String(row.run_json)))) } : row));
  await writePartition(partition, edited, manifest.runs, manifest);
}

/** The fixture dataset plus a second cluster "c" (run 4410001), every source served: c's runs must survive b's damage. */
async function twoClusterDataset(): Promise<string> {
  const { root, dataset } = await setup();
  await cp(path.resolve("tests/fixtures/loader/result-variants/logs"), path.join(root, "c"), { recursive: true });
  await ingest({ dataset, logsDirs: [path.join(root, "c")], cluster: "c", progress: () => {} });
  serve(root);
  return dataset;
}

const tagsOf = (file: string) => JSON.parse(readFileSync(file, "utf8")).tags;

describe("dataset from someone else: source paths", () => {
  it("without SRTLOG_LOGS_ROOTS or a configured logs dir, a tag edit stays in the dataset; with the source's logs dir configured, it reaches <jobid>.json", async () => {
    const { logs, dataset } = await setup();
    const source = path.join(logs, R3667, "3667.json");
    serve("");
    expect(await new DatasetLoader(dataset).editTags(RUN, { add: ["gold"] })).toEqual(["baseline", "h100", "gold"]);
    expect(tagsOf(source)).toEqual(["baseline", "h100"]);
    expect(JSON.parse(readFileSync(path.join(dataset, "tags", "_tags.json"), "utf8")).runs[KEY].tags).toEqual(["baseline", "h100", "gold"]);
    serve("", logs);
    await new DatasetLoader(dataset).editTags(RUN, { add: ["silver"] });
    expect(tagsOf(source)).toEqual(["baseline", "h100", "silver"]);
  });

  it("a run_json aiming at a directory outside the roots (plainly, by '..', or by a link): no tab reads it, no tag write reaches it", async () => {
    const { root, logs, dataset, victim } = await setup();
    serve(logs);
    symlinkSync(path.dirname(victim), path.join(logs, "link"));
    const before = readFileSync(path.join(victim, "3667.json"), "utf8");
    for (const runPath of [victim, path.join(logs, "..", "elsewhere", R3667), path.join(logs, "link", R3667)]) {
      await aim(dataset, (json) => ({ ...json, runPath }));
      const loader = new DatasetLoader(dataset);
      const run = (await loader.loadSingle(RUN))!;
      expect(run.origin!.source).toBe(runPath);
      expect(path.relative(root, run.runPath).startsWith("dataset")).toBe(true);
      expect(findNodeFiles(run.runPath).workers).toEqual([]);
      const view = getRunConfigView(run);
      expect(Object.keys(view.configs)).toEqual([]);
      expect(view.missingSource).toBe(`Ingested from ${runPath} (cluster b), which lies outside SRTLOG_LOGS_ROOTS and the configured logs dir, so this server does not read it: the overview comes from the dataset, but the topology by node, worker configs, command lines and environment live in the run's files and are not in the dataset.`);
      await loader.editTags(RUN, { add: ["x"] });
      expect(readFileSync(path.join(victim, "3667.json"), "utf8")).toBe(before);
    }
    // Back inside the root, the source is read again.
    await aim(dataset, (json) => ({ ...json, runPath: path.join(logs, R3667) }));
    const run = (await new DatasetLoader(dataset).loadSingle(RUN))!;
    expect(Object.keys(getRunConfigView(run).configs)).toEqual(["watchtower-navy-cn01_prefill_config.json"]);
  });

  it("a run_json that is not a run is skipped with a message; the other run loads", async () => {
    const { logs, dataset } = await setup();
    serve(logs);
    await aim(dataset, ({ metadata: _m, ...json }) => ({ ...json, runDir: 7 }));
    const { runs, skipped } = await new DatasetLoader(dataset).loadAllWithSkipped();
    expect(runs.map((run) => run.runDir)).toEqual([`b:${R12045}`]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0].runDir).toBe(KEY);
    expect(skipped[0].reason).toMatch(new RegExp(`^${KEY}: run_json is not a run as srtlog ingest writes it: .*runDir.*metadata`));
  });

  it("a manifest naming a file outside its partition ('..', or a link) is not read: a message, the partition's runs missing", async () => {
    const { root, logs, dataset } = await setup();
    serve(logs);
    const partition = runsPartition(dataset);
    const manifest = readManifest(partition)!;
    const outside = path.join(root, "elsewhere", "part.parquet");
    await cp(path.join(partition.dir, manifest.file!), outside);
    const manifestFile = path.join(partition.dir, MANIFEST_FILE);
    const named = (file: string) => writeFileSync(manifestFile, JSON.stringify({ ...manifest, file }));
    const rel = path.relative(partition.dir, outside);
    named(rel);
    let loaded = await new DatasetLoader(dataset).loadAllWithSkipped();
    expect(loaded.runs).toEqual([]);
    expect(loaded.skipped).toEqual([{ runDir: path.relative(dataset, partition.dir), reason: `${manifestFile} names ${JSON.stringify(rel)}, not a file of its partition: not read; its runs are missing until the next srtlog ingest rewrites it` }]);
    symlinkSync(outside, path.join(partition.dir, "part-link.parquet"));
    named("part-link.parquet");
    loaded = await new DatasetLoader(dataset).loadAllWithSkipped();
    expect(loaded.runs).toEqual([]);
    expect(loaded.skipped[0].reason).toBe(`${path.join(partition.dir, "part-link.parquet")} is a link out of the dataset ${dataset}: not read; its runs are missing until the next srtlog ingest rewrites it`);
  });
});

describe("dataset from someone else: the tag table", () => {
  it("a tag table that is not JSON: runs load with their ingested tags and a message; an edit is refused and the file kept", async () => {
    const { logs, dataset } = await setup();
    serve(logs);
    const file = path.join(dataset, "tags", "_tags.json");
    await mkdir(path.dirname(file), { recursive: true });
    const damaged = '{"schemaVersion": 1, "runs": {"b/x": {"tags": ["keep"]}';
    writeFileSync(file, damaged);
    const { runs, skipped } = await new DatasetLoader(dataset).loadAllWithSkipped();
    expect(runs.find((run) => run.runDir === RUN)!.metadata.tags).toEqual(["baseline", "h100"]);
    expect(skipped).toEqual([{ runDir: "tags", reason: `${file} is not valid JSON (unexpected end at position ${damaged.length}); tags edited on ingested runs are not shown` }]);
    await expect(new DatasetLoader(dataset).editTags(RUN, { add: ["gold"] })).rejects.toThrow(
      `Tags not saved: ${file} is not valid JSON (unexpected end at position ${damaged.length}); fix or remove it, then edit again`,
    );
    expect(readFileSync(file, "utf8")).toBe(damaged);
    expect(tagsOf(path.join(logs, R3667, "3667.json"))).toEqual(["baseline", "h100"]);
  });

  it("an entry whose tags are not a list of strings: that run shows its ingested tags, the others their edits, and an edit keeps every entry", async () => {
    const { logs, dataset } = await setup();
    serve(logs);
    const file = path.join(dataset, "tags", "_tags.json");
    await mkdir(path.dirname(file), { recursive: true });
    const table = { schemaVersion: 1, runs: { [KEY]: { tags: "gold" }, [`b/${R12045}`]: { tags: ["x"], editedAt: "2026-12-01T00:00:00.000Z" }, junk: 5 } };
    writeFileSync(file, JSON.stringify(table));
    const loader = new DatasetLoader(dataset);
    const { runs, skipped } = await loader.loadAllWithSkipped();
    expect(runs.find((run) => run.runDir === RUN)!.metadata.tags).toEqual(["baseline", "h100"]);
    expect(runs.find((run) => run.runDir === `b:${R12045}`)!.metadata.tags).toEqual(["x"]);
    expect(skipped).toEqual([{ runDir: "tags", reason: `${file}: entries without a list of tags ignored (${KEY}, junk); the runs show their ingested tags` }]);
    await loader.editTags(`b:${R12045}`, { add: ["y"] });
    const after = JSON.parse(readFileSync(file, "utf8")).runs;
    expect(after[KEY]).toEqual({ tags: "gold" });
    expect(after.junk).toBe(5);
    expect(after[`b/${R12045}`].tags).toEqual(["x", "y"]);
  });

  it("20 edits at once from two loaders (two tabs, two servers) all land, in the table and in the source", async () => {
    const { logs, dataset } = await setup();
    serve(logs);
    const loaders = [new DatasetLoader(dataset), new DatasetLoader(dataset)];
    const added = Array.from({ length: 20 }, (_, i) => `t${i}`);
    await Promise.all(added.map((tag, i) => loaders[i % 2].editTags(RUN, { add: [tag] })));
    const table = JSON.parse(readFileSync(path.join(dataset, "tags", "_tags.json"), "utf8"));
    expect([...table.runs[KEY].tags].sort()).toEqual(["baseline", "h100", ...added].sort());
    expect([...tagsOf(path.join(logs, R3667, "3667.json"))].sort()).toEqual(["baseline", "h100", ...added].sort());
    expect([...(await new DatasetLoader(dataset).loadSingle(RUN))!.metadata.tags].sort()).toEqual(["baseline", "h100", ...added].sort());
    // No lock or temp file left behind.
    expect((await readdir(path.join(dataset, "tags"))).sort()).toEqual(["_tags.json"]);
    expect(existsSync(path.join(logs, R3667, "3667.json.lock"))).toBe(false);
  });
});

describe("dataset from someone else: damaged manifests", () => {
  it("a manifest that is not JSON, or JSON but not a manifest (null, a list), costs its partition only, with a message", async () => {
    const dataset = await twoClusterDataset();
    const partition = runsPartition(dataset);
    const manifestFile = path.join(partition.dir, MANIFEST_FILE);
    for (const text of ["null", "[]", '{"file": "part-x.parquet", "runs": 3}']) {
      writeFileSync(manifestFile, text);
      const { runs, skipped } = await new DatasetLoader(dataset).loadAllWithSkipped();
      expect(runs.map((run) => run.runDir)).toEqual(["c:4410001"]);
      expect(skipped).toEqual([{ runDir: path.relative(dataset, partition.dir), reason: `${manifestFile} is not a partition manifest; its runs are missing until the next srtlog ingest rewrites it` }]);
    }
    writeFileSync(manifestFile, '{"file": ');
    const { runs, skipped } = await new DatasetLoader(dataset).loadAllWithSkipped();
    expect(runs.map((run) => run.runDir)).toEqual(["c:4410001"]);
    expect(skipped[0].reason).toBe(`${manifestFile} is not valid JSON (unexpected end at position 9); its runs are missing until the next srtlog ingest rewrites it`);
  });
});

describe("tag write-back, layouts", () => {
  it("a run whose metadata lives in logs/<jobid>.json (current layout) gets the edit there too", async () => {
    const root = await tempDir("srtlog-dslayout-");
    const logs = path.join(root, "a");
    await cp(path.resolve("tests/fixtures/loader/current-v2-logs-layout/logs"), logs, { recursive: true });
    const dataset = path.join(root, "dataset");
    await ingest({ dataset, logsDirs: [logs], cluster: "a", progress: () => {} });
    serve(logs);
    const file = path.join(logs, "4401455", "logs", "4401455.json");
    const before = tagsOf(file) ?? [];
    await new DatasetLoader(dataset).editTags("a:4401455", { add: ["gold"] });
    expect(tagsOf(file)).toEqual([...before, "gold"]);
  });
});

describe("dataset from someone else: damaged part files", () => {
  it("a part file whose pages are garbage (size and footer intact) costs its partition only, with a message", async () => {
    const dataset = await twoClusterDataset();
    const partition = runsPartition(dataset);
    const file = path.join(partition.dir, readManifest(partition)!.file!);
    const bytes = readFileSync(file);
    // Keep "PAR1" at the start and the footer; overwrite the column pages between.
    bytes.fill(0xff, 4, Math.floor(bytes.length / 2));
    writeFileSync(file, bytes);
    const { runs, skipped } = await new DatasetLoader(dataset).loadAllWithSkipped();
    expect(runs.map((run) => run.runDir)).toEqual(["c:4410001"]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0].runDir).toBe(path.relative(dataset, partition.dir));
    expect(skipped[0].reason).toMatch(new RegExp(`^cannot read ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: .+; its runs are missing until the next srtlog ingest rewrites it$`));
  });
});

describe("Requests of an ingested run whose source is not served", () => {
  it("say once why, naming the source, not a path inside the dataset per point", async () => {
    const { logs, dataset } = await setup();
    serve("");
    const run = (await new DatasetLoader(dataset).loadSingle(RUN))!;
    const data = (await getRequestsData([run], requestsParamsSchema.parse({})))!;
    expect(data.issues).toEqual([`${RUN} was ingested from ${path.join(logs, R3667)}, which lies outside SRTLOG_LOGS_ROOTS and the configured logs dir: its per-request data is not read here`]);
    expect(data.series).toEqual([]);
  });
});

describe("dataset from someone else: dataset.json and the tags directory", () => {
  it("a dataset.json that is not a JSON object is refused with a message that quotes none of it", async () => {
    const { dataset } = await setup();
    const file = path.join(dataset, "dataset.json");
    writeFileSync(file, "null");
    await expect(new DatasetLoader(dataset).loadAll()).rejects.toThrow(`${file} is not a srtlog dataset description (not a JSON object)`);
    writeFileSync(file, "root:x:0:0:root:/root:/bin/bash");
    await expect(new DatasetLoader(dataset).loadAll()).rejects.toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is not valid JSON \\(unexpected "r" at position 0\\)$`));
  });

  it("a tags directory that links out of the dataset: the edit is refused, naming the path, and nothing is written there", async () => {
    const { root, logs, dataset } = await setup();
    serve(logs);
    const outside = path.join(root, "elsewhere-tags");
    await mkdir(outside);
    symlinkSync(outside, path.join(dataset, "tags"));
    await expect(new DatasetLoader(dataset).editTags(RUN, { add: ["x"] })).rejects.toThrow(/^Refused to write .*_tags\.json \(it resolves to .*elsewhere-tags\/_tags\.json\): outside the logs directory /);
    expect(await readdir(outside)).toEqual([]);
  });
});
