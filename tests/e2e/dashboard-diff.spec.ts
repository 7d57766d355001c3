import { DIFF_DIR, expect, test } from "./helpers";

const logs = `logs=${encodeURIComponent(DIFF_DIR)}`;

test("Run Diff of an A/B pair shows the one setting that changed, and a single-variable badge", async ({ page }) => {
  await page.goto(`/config?${logs}`);
  await page.getByTestId("tab-diff").click();
  await expect(page).toHaveURL(/\/diff\?/);
  // Default pair: the first two selected runs (newest first).
  await expect(page.getByTestId("diff-run-a")).toHaveValue("4410002");
  await expect(page.getByTestId("diff-run-b")).toHaveValue("4410001");
  await expect(page.getByTestId("diff-badge")).toHaveText("single variable");
  const rows = page.getByTestId("diff-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-key", "recipe.slurm.time_limit");
  await expect(rows.first()).toContainText('02:00:0001:00:00');

  // "Only differences" off: the shared settings are listed too, and the URL says so.
  await page.getByTestId("diff-only-toggle").uncheck();
  await expect(page).toHaveURL(/same=1/);
  await expect(page.locator('[data-testid="diff-row"][data-differs="false"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="diff-row"][data-key="recipe.resources.gpu_type"]')).toContainText("NVIDIA H200");
});

test("Run Diff runs come from the URL: a and b", async ({ page }) => {
  await page.goto(`/diff?${logs}&a=4410001&b=4410001`);
  await expect(page.getByTestId("diff-badge")).toHaveText("identical");
  await expect(page.getByTestId("diff-empty")).toBeVisible();
  await page.getByTestId("diff-run-b").selectOption("4410002");
  await expect(page).toHaveURL(/a=4410001&b=4410002/);
  await expect(page.getByTestId("diff-badge")).toHaveText("single variable");
});

test("Run Diff: the performance delta on top, and a filter box over the settings (issue 20 item 4)", async ({ page }) => {
  await page.goto(`/diff?${logs}&a=4410001&b=4410002&same=1`);
  // prepare-logs.mjs gives 4410002 10 % more output throughput at the same latencies.
  await expect(page.getByTestId("diff-perf")).toContainText("Δ Output TPS/GPU of B against A at matched TPS/User: +10.0% at");
  await page.getByTestId("diff-filter").fill("GPU_TYPE");
  const rows = page.getByTestId("diff-row");
  await expect(rows.first()).toBeVisible();
  for (const key of await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-key") ?? ""))) expect(key.toLowerCase()).toContain("gpu_type");
});
