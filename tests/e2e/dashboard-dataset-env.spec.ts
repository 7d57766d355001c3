import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { chartDrawn, expect, RUN_3667, test } from "./helpers";

// A server started the way the README says, `SRTLOG_DATASET=DIR next start`, with no logs dir and no
// SRTLOG_LOGS_ROOTS: its pages open the dataset without `?logs=`, and the run sources it records (which
// exist here) are neither read nor written, since the server was given no directory to serve them from.
const ROOT = path.join(process.cwd(), "tmp", "e2e-dataset-env");
const DATASET = path.join(ROOT, "dataset");
const SOURCE = path.join(ROOT, "b");
const RUN = `b:${RUN_3667}`;
let server: ChildProcess | null = null;
let base = "";

/** A port nobody listens on now (the kernel's pick), so this server does not take another engineer's. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitUp(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    if (Date.now() > deadline) throw new Error(`server at ${url} did not come up in ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await rm(ROOT, { recursive: true, force: true });
  await cp(path.resolve("tests/fixtures/loader/legacy-v1-disagg/logs"), SOURCE, { recursive: true });
  execFileSync(process.execPath, ["bin/srtlog.mjs", "ingest", SOURCE, "--to", DATASET, "--cluster", "b"], { stdio: "pipe", env: { ...process.env, SRTLOG_LOGS_DIR: "" } });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, SRTLOG_DATASET: DATASET, SRTLOG_LOGS_DIR: "", LOGS_DIR: "", SRTLOG_LOGS_ROOTS: "" };
  // Its own process group, so the whole of next start (it forks next-server) ends with it.
  server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], { env, detached: true, stdio: "ignore" });
  await waitUp(`${base}/pareto`, 90_000);
});

test.afterAll(() => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
});

test("the dataset is the default: every run, the Cluster filter, the chart; ?cluster= a run does not have can be seen and unticked", async ({ page }) => {
  await page.goto(`${base}/pareto?run=all`);
  await expect(page.getByTestId("match-count")).toHaveText("2 runs match filters");
  await chartDrawn(page, "pareto-chart", 2);
  await page.goto(`${base}/pareto?run=all&cluster=gone`);
  await expect(page.getByTestId("match-count")).toHaveText("0 runs match filters");
  const filter = page.getByTestId("filter-cluster");
  await expect(filter.getByLabel("gone", { exact: true })).toBeChecked();
  // A click, not uncheck(): unticked, the value is no longer chosen, so its checkbox goes away.
  await filter.getByLabel("gone", { exact: true }).click();
  await expect(page).not.toHaveURL(/cluster=/);
  await expect(page.getByTestId("match-count")).toHaveText("2 runs match filters");
});

test("with no directory to serve sources from, a tag edit lands in the dataset only, and Configuration says the source is not read", async ({ page }) => {
  const sourceFile = path.join(SOURCE, RUN_3667, "3667.json");
  const before = await readFile(sourceFile, "utf8");
  await page.goto(`${base}/pareto?run=${encodeURIComponent(RUN)}`);
  const editor = page.locator(`[data-testid="tag-editor"][data-run-dir="${RUN}"]`);
  await editor.locator("summary").click();
  await editor.getByLabel("New tag for job 3667").fill("dataset-only");
  await editor.getByRole("button", { name: "Add", exact: true }).click();
  await expect(editor.getByTestId("run-tags")).toContainText("dataset-only");
  const table = JSON.parse(await readFile(path.join(DATASET, "tags", "_tags.json"), "utf8"));
  expect(table.runs[`b/${RUN_3667}`].tags).toEqual(["baseline", "h100", "dataset-only"]);
  expect(await readFile(sourceFile, "utf8")).toBe(before);
  await page.goto(`${base}/config?run=${encodeURIComponent(RUN)}`);
  await expect(page.getByTestId("config-missing-source")).toContainText(
    `Ingested from ${path.join(SOURCE, RUN_3667)} (cluster b), which lies outside SRTLOG_LOGS_ROOTS and the configured logs dir, so this server does not read it`,
  );
});
