import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "@/lib/server/dataset/ingest";
import { listPartitions, readManifest, readPartRows, writePartition } from "@/lib/server/dataset/store";
import { giveToServer, makeBase, postTags, removeBase, request, startServer, type Server } from "./harness";

/**
 * `next start` on a dataset someone else wrote (SRTLOG_DATASET, nothing else): its run_json names a
 * source directory outside anything the server was given. Neither a tag edit nor a page may touch it.
 */
const FIXTURE = path.join(process.cwd(), "tests/fixtures/loader/legacy-v1-disagg/logs");
const RUN = "3667_1P_4D_20251110_192145";
const SECRET = "--secret-flag-of-another-team";
let base = "";
let victim = "";
let dataset = "";
let server: Server;

beforeAll(async () => {
  base = await makeBase();
  const logs = path.join(base, "team");
  await cp(FIXTURE, logs, { recursive: true });
  dataset = path.join(base, "dataset");
  await ingest({ dataset, logsDirs: [logs], cluster: "b", progress: () => {} });
  // Another team's run, its config dump carrying a command line of theirs.
  victim = path.join(base, "other-team", RUN);
  await cp(path.join(FIXTURE, RUN), victim, { recursive: true });
  const config = path.join(victim, "watchtower-navy-cn01_prefill_config.json");
  await writeFile(config, (await readFile(config, "utf8")).replace('"tp_size": 8', `"tp_size": 8, "model_path": "${SECRET}"`));
  expect(await readFile(config, "utf8")).toContain(SECRET);
  // The crafted dataset: 3667's run_json aims at the other team's run.
  const partition = listPartitions(dataset, "runs", "b").find((p) => readManifest(p)!.runs[`b/${RUN}`])!;
  const manifest = readManifest(partition)!;
  const rows = await readPartRows(partition, manifest);
  const aimed = rows.map((row) => (row.run_key === `b/${RUN}` ? { ...row, run_json: JSON.stringify({ ...JSON.parse(String(row.run_json)), runPath: victim }) } : row));
  await writePartition(partition, aimed, manifest.runs, manifest);
  await mkdir(path.join(base, "home"));
  giveToServer(base);
  server = await startServer([8649, 8647, 8644, 8643], { SRTLOG_DATASET: dataset, HOME: path.join(base, "home"), SRTLOG_CACHE_DIR: path.join(base, "home", "cache") });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await removeBase(base);
});

describe("a dataset's source paths are not trusted", () => {
  it("a tag edit lands in the dataset's tag table, not in the <jobid>.json the run_json names", async () => {
    const before = await readFile(path.join(victim, "3667.json"), "utf8");
    const answer = await postTags(server, encodeURIComponent(`b:${RUN}`), { add: ["x"] });
    expect(answer.status, answer.text).toBe(200);
    expect(await readFile(path.join(victim, "3667.json"), "utf8")).toBe(before);
    expect(JSON.parse(await readFile(path.join(dataset, "tags", "_tags.json"), "utf8")).runs[`b/${RUN}`].tags).toEqual(["baseline", "h100", "x"]);
  });

  it("the Configuration page does not show the other team's config dump", async () => {
    const answer = await request(server.port, { path: `/config?run=${encodeURIComponent(`b:${RUN}`)}` });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain("so this server does not read it");
    expect(answer.text).not.toContain(SECRET);
  });
});
