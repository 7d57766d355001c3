import { chartDrawn, DIFF_DIR, expect, LOGS_DIR, test } from "./helpers";

test("an empty logs path says why the default directory is loaded, and where the default comes from", async ({ page }) => {
  await page.goto("/pareto");
  await chartDrawn(page, "pareto-chart", 3);
  // The e2e server is started with SRTLOG_LOGS_DIR (playwright.config.ts).
  await expect(page.getByTestId("logs-dir-default")).toHaveText("The default directory, from $SRTLOG_LOGS_DIR.");

  await page.goto(`/pareto?logs=${encodeURIComponent(DIFF_DIR)}`);
  await chartDrawn(page, "pareto-chart", 2);
  await expect(page.getByTestId("logs-dir-default")).toHaveCount(0);
  await page.getByTestId("logs-dir-input").fill("   ");
  await page.getByTestId("logs-dir-form").getByRole("button", { name: "Load", exact: true }).click();
  await expect(page).not.toHaveURL(/logs=/);
  await expect(page.getByTestId("logs-dir-empty")).toHaveText(`The path was empty, so the default directory is loaded: ${LOGS_DIR} (from $SRTLOG_LOGS_DIR).`);
  await expect(page.getByTestId("logs-dir-input")).toHaveValue(LOGS_DIR);
  await chartDrawn(page, "pareto-chart", 3);

  // Already on the default: an empty Load still says so instead of leaving a blank box.
  await page.getByTestId("logs-dir-input").fill("");
  await page.getByTestId("logs-dir-form").getByRole("button", { name: "Load", exact: true }).click();
  await expect(page.getByTestId("logs-dir-empty")).toBeVisible();
  await expect(page.getByTestId("logs-dir-input")).toHaveValue(LOGS_DIR);
});
