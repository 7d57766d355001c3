import { chartDrawn, DIFF_DIR, expect, test } from "./helpers";

const logs = `logs=${encodeURIComponent(DIFF_DIR)}`;

test("Compare: two tag groups from the Pareto tab, the Δ table at default and typed levels", async ({ page }) => {
  await page.goto(`/pareto?${logs}`);
  await page.getByTestId("pareto-compare-link").click();
  await expect(page).toHaveURL(/\/compare\?/);
  await page.getByTestId("compare-base").selectOption("tag:before");
  await expect(page).toHaveURL(/base=tag%3Abefore/);
  await page.getByTestId("compare-cand").selectOption("tag:after");
  await expect(page).toHaveURL(/cand=tag%3Aafter/);

  await chartDrawn(page, "compare-frontier-chart", 2);
  await chartDrawn(page, "compare-delta-chart", 1);
  await expect(page.locator(".legend")).toContainText(["Baseline: tag before (1 run)"]);
  // "after" delivers 1.1x the output throughput of "before" at the same latencies (prepare-logs.mjs):
  // its frontier is the baseline's scaled by 1.1, so +10 % at every level and an area ratio of 1.1.
  const pct = page.getByTestId("compare-delta-pct");
  await expect(pct).toHaveCount(3);
  await expect(pct).toHaveText(["+10.0%", "+10.0%", "+10.0%"]);
  await expect(page.getByTestId("compare-area-ratio")).toHaveText("1.100");

  const levels = page.getByTestId("compare-levels");
  await levels.fill("");
  const first = await page.getByTestId("compare-delta-row").first().locator("td").first().textContent();
  await levels.fill(`${first}`);
  await levels.press("Enter");
  await expect(page).toHaveURL(/lv=/);
  await expect(page.getByTestId("compare-delta-row")).toHaveCount(1);
  await expect(pct).toHaveText(["+10.0%"]);
});
