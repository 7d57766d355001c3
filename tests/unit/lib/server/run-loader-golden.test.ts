import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RunLoader } from "@/lib/server/run-loader";
import { RUN_INDEX_FILE } from "@/lib/server/run-index";
import { toRunSummary, type RunSummary } from "@/lib/run-summary";
import { copyFixture } from "../../../helpers/temp-dir";

const CASES_DIR = "tests/fixtures/loader";
const cases = readdirSync(CASES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

interface Expected {
  runs: (Omit<Partial<RunSummary>, "points"> & { points: Record<string, number | null>[] })[];
  skipped: { runDir: string; reason: string }[];
}

function expectClose(actual: unknown, expected: number | null, where: string) {
  if (expected === null) {
    expect(actual ?? null, where).toBeNull();
    return;
  }
  expect(typeof actual, where).toBe("number");
  expect(Math.abs((actual as number) - expected), where).toBeLessThanOrEqual(Math.abs(expected) * 1e-9 + 1e-12);
}

function compare(result: { runs: RunSummary[]; skipped: { runDir: string; reason: string }[] }, expected: Expected) {
  expect(result.runs.map((r) => r.runDir)).toEqual(expected.runs.map((r) => r.runDir));
  expected.runs.forEach((want, i) => {
    const got = result.runs[i];
    const { points, ...fields } = want;
    for (const [key, value] of Object.entries(fields)) {
      if (key === "description") continue;
      expect(got[key as keyof RunSummary], `${want.runDir}.${key}`).toEqual(value);
    }
    expect(got.points.map((p) => p.concurrency), `${want.runDir} concurrencies`).toEqual(points.map((p) => p.concurrency));
    points.forEach((wantPoint, j) => {
      for (const [key, value] of Object.entries(wantPoint)) {
        expectClose(got.points[j][key as keyof (typeof got.points)[number]], value, `${want.runDir} c=${wantPoint.concurrency} ${key}`);
      }
    });
  });
  expect(result.skipped.map((s) => s.runDir)).toEqual(expected.skipped.map((s) => s.runDir));
  expected.skipped.forEach((want, i) => expect(result.skipped[i].reason.startsWith(want.reason), `${want.runDir}: ${result.skipped[i].reason}`).toBe(true));
}

describe.each(cases)("golden logs dir %s", (name) => {
  const expected = JSON.parse(readFileSync(path.join(CASES_DIR, name, "expected.json"), "utf8")) as Expected;

  it("loads as expected, then again from the per-run Parquet caches, then from the logs dir's index, in new loaders", async () => {
    const logs = await copyFixture(path.join(CASES_DIR, name, "logs"));
    const cold = await new RunLoader(logs).loadAllWithSkipped();
    compare({ runs: cold.runs.map(toRunSummary), skipped: cold.skipped }, expected);
    const index = path.join(logs, ".cache", RUN_INDEX_FILE);
    expect(existsSync(index)).toBe(true);
    rmSync(index);
    const fromParquet = await new RunLoader(logs).loadAllWithSkipped();
    compare({ runs: fromParquet.runs.map(toRunSummary), skipped: fromParquet.skipped }, expected);
    expect(fromParquet.runs.map((r) => r.points)).toEqual(cold.runs.map((r) => r.points));
    expect(existsSync(index)).toBe(true);
    const fromIndex = await new RunLoader(logs).loadAllWithSkipped();
    compare({ runs: fromIndex.runs.map(toRunSummary), skipped: fromIndex.skipped }, expected);
    expect(fromIndex).toStrictEqual(cold);
  });
});
