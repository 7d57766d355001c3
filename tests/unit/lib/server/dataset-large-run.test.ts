import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "@/lib/server/dataset/ingest";
import { queryDataset } from "@/lib/server/dataset/duckdb";
import { copyFixture, tempDir } from "../../../helpers/temp-dir";

const RESULTS = "4401470/logs/sa-bench_isl_1024_osl_1024";
/** More rows than one call's arguments may hold (about 120,000 in V8): a sweep of big points reaches it. */
const REQUESTS = 150_000;

describe("ingest of a run with many requests", () => {
  it("writes every request row of a run holding 150,000 requests in one point", async () => {
    const logs = await copyFixture("tests/fixtures/loader/current-v2-logs-layout/logs");
    for (const other of ["4401455", "4401463"]) await rm(path.join(logs, other), { recursive: true });
    const [first, ...rest] = (await readdir(path.join(logs, RESULTS))).sort();
    for (const name of rest) await rm(path.join(logs, RESULTS, name));
    const file = path.join(logs, RESULTS, first);
    const result = JSON.parse(await readFile(file, "utf8"));
    const many = <T>(value: T) => new Array<T>(REQUESTS).fill(value);
    Object.assign(result, { input_lens: many(8), output_lens: many(2), ttfts: many(0.1), itls: many([0.01]), errors: many("") });
    await writeFile(file, JSON.stringify(result));
    const dataset = path.join(await tempDir(), "ds");
    const summary = await ingest({ dataset, logsDirs: [logs], cluster: "a", progress: () => {} });
    expect(summary.added).toEqual(["a/4401470"]);
    const { rows } = await queryDataset(dataset, "SELECT count(*)::INT AS n, sum(output_len)::INT AS tokens FROM requests", () => {});
    expect(rows).toEqual([{ n: REQUESTS, tokens: 2 * REQUESTS }]);
  }, 60_000);
});
