import { chartDrawn, expect, RUN_12045, RUN_3667, test } from "./helpers";

// Run 3667 of the fixture logs dir lives in 3667_1P_4D_20251110_192145/: its directory is not its job id.

test("?run=<jobid> selects the run with that job id; links the app writes name run directories", async ({ page }) => {
  await page.goto("/pareto?run=3667");
  await chartDrawn(page, "pareto-chart", 1);
  await expect(page.getByTestId("selected-count")).toHaveText("1 of 10 selected");
  // One trace draws no legend; the run's own warning names it (3667 lacks concurrency 128).
  await expect(page.getByTestId("incomplete-warnings")).toContainText("Job 3667 is incomplete");
  await expect(page.locator(`[data-testid=run-option][data-run-dir="${RUN_3667}"] input`)).toBeChecked();
  await expect(page.getByTestId("unknown-runs")).toHaveCount(0);

  // Adding a run from the picker writes both as directories, the one form every link uses.
  await page.locator(`[data-testid=run-option][data-run-dir="${RUN_12045}"] input`).check();
  await expect(page).toHaveURL(`/pareto?run=${RUN_3667}&run=${RUN_12045}`);
  await chartDrawn(page, "pareto-chart", 2);
  await expect(page.locator(".legend")).toContainText("3667 | 1P/4D | 8+32 GPUs | 1024/1024 | H100");
});

test("?run=<name of nothing> says it is unknown instead of selecting nothing silently", async ({ page }) => {
  await page.goto("/latency?run=999999");
  await expect(page.getByTestId("unknown-runs")).toHaveText(/^Unknown run 999999: no run directory or job id of that name in .*e2e-logs\.$/);
  await expect(page.getByTestId("empty-no-selection")).toBeVisible();

  // A known job id beside it still selects its run, and only the unknown one is named.
  await page.goto("/latency?run=3667&run=999999");
  await chartDrawn(page, "latency-chart-ttft", 1);
  await expect(page.getByTestId("unknown-runs")).toHaveText(/^Unknown run 999999:/);
});
