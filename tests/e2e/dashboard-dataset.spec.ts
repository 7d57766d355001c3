import { execFileSync } from "node:child_process";
import { cp, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { chartDrawn, DEMO_DIR, expect, test } from "./helpers";

// The dashboard on a dataset written by `srtlog ingest` from two "clusters": gb = two demo runs with
// worker logs (3667 disaggregated, 4401453 aggregated), h = the three loader fixture runs of the
// current layout. The dataset lies under the server's SRTLOG_LOGS_ROOTS, so `?logs=` may open it as the
// sidebar's form would. After ingest, 4401453's source directory is deleted: its Node Metrics must come
// from node_batches, and its Configuration must say what is missing.
const ROOT = path.join(process.cwd(), "tmp", "e2e-dataset");
const DATASET = path.join(ROOT, "dataset");
const SOURCE = { gb: path.join(ROOT, "gb"), h: path.join(ROOT, "h") };
const ds = (tab: string, query = "") => `/${tab}?logs=${encodeURIComponent(DATASET)}${query ? `&${query}` : ""}`;
let run3667 = "";
let run4401453 = "";

test.beforeAll(async () => {
  await rm(ROOT, { recursive: true, force: true });
  const demo = await readdir(DEMO_DIR);
  run3667 = demo.find((name) => name.startsWith("3667_"))!;
  run4401453 = demo.find((name) => name.startsWith("4401453"))!;
  for (const name of [run3667, run4401453]) await cp(path.join(DEMO_DIR, name), path.join(SOURCE.gb, name), { recursive: true });
  await cp(path.resolve("tests/fixtures/loader/current-v2-logs-layout/logs"), SOURCE.h, { recursive: true });
  for (const cluster of ["gb", "h"] as const) {
    execFileSync(process.execPath, ["bin/srtlog.mjs", "ingest", SOURCE[cluster], "--to", DATASET, "--cluster", cluster], { stdio: "pipe", env: { ...process.env, SRTLOG_LOGS_DIR: "" } });
  }
  await rm(path.join(SOURCE.gb, run4401453), { recursive: true });
});

test("Pareto shows every ingested run, and the cluster filter narrows them (URL param)", async ({ page }) => {
  await page.goto(ds("pareto", "run=all"));
  await expect(page.getByTestId("match-count")).toHaveText("5 runs match filters");
  await chartDrawn(page, "pareto-chart", 5);
  const filter = page.getByTestId("filter-cluster");
  await filter.locator("summary").click();
  await filter.getByLabel("h", { exact: true }).check();
  await expect(page).toHaveURL(/cluster=h/);
  await expect(page.getByTestId("match-count")).toHaveText("3 runs match filters");
  await chartDrawn(page, "pareto-chart", 3);
  await page.goto(ds("pareto", "run=all&cluster=gb"));
  await expect(page.getByTestId("match-count")).toHaveText("2 runs match filters");
  await chartDrawn(page, "pareto-chart", 2);
});

test("Node Metrics of a run whose source was deleted after ingest draws from node_batches; Configuration says what is missing", async ({ page }) => {
  await page.goto(ds("nodes", `run=${encodeURIComponent(`gb:${run4401453}`)}`));
  await expect(page.getByTestId("node-counts")).toHaveText("Found 8 aggregated nodes in 1 run");
  await chartDrawn(page, "node-chart-agg-input-throughput", 1);
  await page.goto(ds("config", `run=${encodeURIComponent(`gb:${run4401453}`)}`));
  await expect(page.getByTestId("config-missing-source")).toContainText(`Ingested from ${path.join(SOURCE.gb, run4401453)} (cluster gb), which this server cannot read`);
});

test("a tag edit on an ingested run persists: in the dataset's tag table and the reachable source's <jobid>.json", async ({ page }) => {
  const runDir = `gb:${run3667}`;
  await page.goto(ds("pareto", `run=${encodeURIComponent(runDir)}`));
  const editor = page.locator(`[data-testid="tag-editor"][data-run-dir="${runDir}"]`);
  await editor.locator("summary").click();
  await editor.getByLabel("New tag for job 3667").fill("from-dataset");
  await editor.getByRole("button", { name: "Add", exact: true }).click();
  await expect(editor.getByTestId("run-tags")).toContainText("from-dataset");
  await page.reload();
  await editor.locator("summary").click();
  await expect(editor.getByTestId("run-tags")).toContainText("from-dataset");
  const table = JSON.parse(await readFile(path.join(DATASET, "tags", "_tags.json"), "utf8"));
  expect(table.runs[`gb/${run3667}`].tags).toContain("from-dataset");
  const source = JSON.parse(await readFile(path.join(SOURCE.gb, run3667, "3667.json"), "utf8"));
  expect(source.tags).toContain("from-dataset");
});
