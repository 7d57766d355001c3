import { chmod, cp, readFile, rm, writeFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { chartDrawn, expect, LOGS_DIR, pickedRuns, RUN_3667, tagsOnDisk, test } from "./helpers";

// 5003, 5002 and 5001 have broken or missing metadata but readable results: they load (issue 13).
const ALL_RUNS = ["4410001", "4401470", "4401463", "4401455", "12045_2P_2D_20251115_101500", "5004_1P_1D_20251204_000000", "5003", "5002", "5001_1P_1D_20251201_000000", RUN_3667];

test("each filter changes the runs listed and the URL", async ({ page }) => {
  await page.goto("/pareto");
  await expect(page.getByTestId("match-count")).toHaveText("10 runs match filters");
  const cases: [string, string, RegExp, string[]][] = [
    ["filter-gpu", "H100", /gpu=H100/, ["4401470", "4401463", "5004_1P_1D_20251204_000000", RUN_3667]],
    ["filter-topology", "1P/1D", /topology=1P%2F1D/, ["4401455", "5004_1P_1D_20251204_000000"]],
    ["filter-islOsl", "8192/1024", /islosl=8192%2F1024/, ["4401463", "12045_2P_2D_20251115_101500"]],
    ["filter-container", "0.5.6.post2", /container=0\.5\.6\.post2/, ["4401470", "4401463", "4401455"]],
    ["filter-tags", "baseline", /tag=baseline/, [RUN_3667]],
  ];
  for (const [group, value, url, runs] of cases) {
    await page.getByTestId(group).locator("summary").click();
    await page.getByTestId(group).getByLabel(value, { exact: true }).check();
    await expect(page).toHaveURL(url);
    await expect(page.getByTestId("match-count")).toHaveText(`${runs.length} run${runs.length === 1 ? "" : "s"} match filters`);
    await expect(page.getByTestId("run-option")).toHaveCount(runs.length);
    expect(await page.getByTestId("run-option").evaluateAll((els) => els.map((el) => el.getAttribute("data-run-dir")))).toEqual(runs);
    await page.getByTestId(group).getByLabel(value, { exact: true }).uncheck();
    await expect(page.getByTestId("match-count")).toHaveText("10 runs match filters");
  }
  // Tags: runs having ALL chosen tags.
  await page.goto("/pareto?tag=v2");
  await expect(page.getByTestId("run-option")).toHaveCount(1);
  await page.goto("/pareto?tag=v2&tag=baseline");
  await expect(page.getByTestId("match-count")).toHaveText("0 runs match filters");
});

test("run picker: labels, newest first, newest three by default, search by job id, select and unselect", async ({ page }) => {
  await page.goto("/pareto");
  await expect(page.getByTestId("run-option").first()).toHaveText("Job 4410001 | 1A | 1024/128 [H200]variants2 missing concurrencies");
  await expect(page.getByTestId("run-option").last()).toHaveText("Job 3667 | 1P/4D | 1024/1024 [H100]baselineh1001 missing concurrency");
  expect(await page.getByTestId("run-option").evaluateAll((els) => els.map((el) => el.getAttribute("data-run-dir")))).toEqual(ALL_RUNS);
  expect(await pickedRuns(page)).toEqual(ALL_RUNS.slice(0, 3));

  await page.getByTestId("run-search").fill("36");
  await expect(page.getByTestId("run-option")).toHaveCount(1);
  await page.getByTestId("run-option").locator("input").check();
  await expect(page).toHaveURL(new RegExp(`run=4410001&run=4401470&run=4401463&run=${RUN_3667}`));
  await chartDrawn(page, "pareto-chart", 4);
  await page.getByTestId("run-search").fill("");
  await page.locator(`[data-run-dir="4410001"] input`).uncheck();
  await expect(page).toHaveURL(new RegExp(`/pareto\\?run=4401470&run=4401463&run=${RUN_3667}$`));
  await chartDrawn(page, "pareto-chart", 3);
  await page.getByRole("button", { name: "Select all" }).click();
  await expect(page).toHaveURL(/run=all/);
  await chartDrawn(page, "pareto-chart", 10); // one trace per run, the three without a GPU count included (no TPS/GPU, so no markers)
});

test("a tag added in the UI is written to <jobid>.json, shows at once and after reload; removing it too", async ({ page }) => {
  await page.goto(`/pareto?run=${RUN_3667}`);
  const editor = page.locator(`[data-testid="tag-editor"][data-run-dir="${RUN_3667}"]`);
  await editor.locator("summary").click();
  await editor.getByLabel("New tag for job 3667").fill("e2e-fast");
  await editor.getByRole("button", { name: "Add", exact: true }).click();
  await expect(editor.getByTestId("run-tags")).toContainText("e2e-fast");
  expect(await tagsOnDisk(RUN_3667, "3667")).toEqual(["baseline", "h100", "e2e-fast"]);
  // The picker label and the Tags filter see it too.
  await expect(page.locator(`[data-testid="run-option"][data-run-dir="${RUN_3667}"]`)).toContainText("e2e-fast");
  await expect(page.getByTestId("filter-tags")).toContainText("e2e-fast");

  await page.reload();
  await editor.locator("summary").click();
  await expect(editor.getByTestId("run-tags")).toContainText("e2e-fast");
  await editor.getByRole("button", { name: "Remove tag e2e-fast from job 3667" }).click();
  await expect(editor.getByTestId("run-tags")).not.toContainText("e2e-fast");
  expect(await tagsOnDisk(RUN_3667, "3667")).toEqual(["baseline", "h100"]);
});

/** Make a directory unwritable: for root only chattr +i works, for others mode bits do. Returns the undo. */
async function makeReadOnly(dir: string): Promise<(() => Promise<void>) | null> {
  if (process.getuid?.() !== 0) {
    await chmod(dir, 0o555);
    return () => chmod(dir, 0o755);
  }
  try {
    execFileSync("chattr", ["+i", dir], { stdio: "ignore" });
    return async () => void execFileSync("chattr", ["-i", dir], { stdio: "ignore" });
  } catch {
    return null;
  }
}

test("a refused tag write (read-only run dir) says why", async ({ page, consoleErrors }) => {
  const runDir = path.join(LOGS_DIR, RUN_3667);
  const restore = await makeReadOnly(runDir);
  // A test that quietly skips cannot fail: if the run dir cannot be made read-only, that is a failure.
  expect(restore, "could not make the run dir read-only (chmod, or chattr +i as root)").not.toBeNull();
  try {
    await page.goto(`/pareto?run=${RUN_3667}`);
    const editor = page.locator(`[data-testid="tag-editor"][data-run-dir="${RUN_3667}"]`);
    await editor.locator("summary").click();
    await editor.getByLabel("New tag for job 3667").fill("nope");
    await editor.getByRole("button", { name: "Add", exact: true }).click();
    await expect(editor.getByTestId("tag-error")).toHaveText(`Cannot save tags to ${runDir}/3667.json: the directory is not writable`);
    expect(await tagsOnDisk(RUN_3667, "3667")).toEqual(["baseline", "h100"]);
    // Chromium logs the 403 response itself; that one is expected.
    expect(consoleErrors.splice(0)).toEqual([expect.stringContaining("403")]);
  } finally {
    await restore?.();
  }
});

test("tag writes: same-origin only, 404 for what is not a run of the logs dir, 422 for unreadable metadata, 400 for bad input", async ({ request, baseURL }) => {
  const post = (runDir: string, data: unknown, origin = baseURL!) => request.post(`/api/runs/${encodeURIComponent(runDir)}/tags`, { data, headers: { Origin: origin } });
  const foreign = await post(RUN_3667, { add: ["x"] }, "http://evil.example");
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).message).toContain("Refused: request from http://evil.example");
  const noOrigin = await request.post(`/api/runs/${RUN_3667}/tags`, { data: { add: ["x"] }, headers: { Origin: "" } });
  expect(noOrigin.status()).toBe(403);
  expect((await post("9999_nope", { add: ["x"] })).status()).toBe(404);
  expect((await post("..", { add: ["x"] })).status()).toBe(404);
  // A run directory skipped for having no results is still a run directory whose <jobid>.json is valid JSON:
  // its tags are kept, ready for when results arrive.
  expect((await post("5009", { add: ["x"] })).status()).toBe(200);
  expect(await tagsOnDisk("5009", "5009")).toEqual(["x"]);
  // A run whose metadata cannot be read (5002.json is empty) says so, rather than "no run".
  const unreadable = await post("5002", { add: ["x"] });
  expect([unreadable.status(), (await unreadable.json()).message]).toEqual([422, "cannot read 5002.json: not valid JSON (unexpected end at position 0)"]);
  // Another logs dir only under SRTLOG_LOGS_ROOTS (or picked in the sidebar form): /etc is neither.
  const elsewhere = await post(RUN_3667, { add: ["x"], logs: "/etc" });
  expect(elsewhere.status()).toBe(400);
  expect((await elsewhere.json()).message).toContain("/etc is outside the directories this server may read");
  const bad = await post(RUN_3667, { add: [""] });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).message).toContain("a tag cannot be empty");
  expect(await tagsOnDisk(RUN_3667, "3667")).toEqual(["baseline", "h100"]);
});

test("skipped runs are listed with their reasons; the logs dir is shown and can be changed", async ({ page }) => {
  await page.goto("/pareto");
  const skipped = page.getByTestId("skipped-runs");
  await expect(skipped.locator("summary")).toHaveText("6 runs skipped");
  await skipped.locator("summary").click();
  await expect(skipped).toContainText("5009: unreadable 5009.json: not the nested (run_metadata) form, and not the flat form");
  await expect(skipped).toContainText("5005_2P_2D_20251205_000000: profiling job (torch-profiler)");
  await expect(page.getByTestId("logs-dir-input")).toHaveValue(LOGS_DIR);

  await page.getByTestId("logs-dir-input").fill("/nonexistent");
  await page.getByTestId("logs-dir-form").getByRole("button", { name: "Load", exact: true }).click();
  await expect(page).toHaveURL(/logs=%2Fnonexistent/);
  await expect(page.getByTestId("logs-dir-error")).toHaveText("Logs directory not found: /nonexistent");
  await page.getByRole("button", { name: `Back to ${LOGS_DIR}` }).click();
  await chartDrawn(page, "pareto-chart", 3);
});

test("a new run directory appears on reload; Sync Now rescans without a restart", async ({ page }) => {
  const source = path.join(LOGS_DIR, "5004_1P_1D_20251204_000000");
  const copy = path.join(LOGS_DIR, "9900001_1P_1D_20251230_000000");
  await page.goto("/pareto");
  await expect(page.getByTestId("match-count")).toHaveText("10 runs match filters");
  try {
    await cp(source, copy, { recursive: true });
    await rm(path.join(copy, ".cache"), { recursive: true, force: true });
    const meta = (await readFile(path.join(copy, "5004.json"), "utf8")).replaceAll("5004", "9900001");
    await writeFile(path.join(copy, "9900001.json"), meta);
    await rm(path.join(copy, "5004.json"));
    await page.reload();
    await expect(page.getByTestId("match-count")).toHaveText("11 runs match filters");
    await expect(page.getByTestId("run-option").first()).toHaveText("Job 9900001 | 1P/1D | 1024/1024 [H100]");
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
  await page.getByTestId("sync-now").click();
  await expect(page.getByTestId("sync-message")).toHaveText("Rescanned: 10 runs, 6 skipped");
  await expect(page.getByTestId("match-count")).toHaveText("10 runs match filters");
});
