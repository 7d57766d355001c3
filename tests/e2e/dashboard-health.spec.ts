import { DEMO_DIR, expect, RUN_3667, test } from "./helpers";

const OOM_LOG = "watchtower-navy-cn01_prefill_w0.err";

test("Run health: the demo run with an OOM line carries an OOM badge in the picker and the summary, whose panel names file:line", async ({ page }) => {
  await page.goto(`/pareto?logs=${encodeURIComponent(DEMO_DIR)}&run=${RUN_3667}`);
  const option = page.locator(`[data-testid=run-option][data-run-dir="${RUN_3667}"]`);
  await expect(option.getByTestId("run-health-badge")).toContainText("1 OOM");
  const run = page.locator(`[data-testid=run-health-run][data-run-dir="${RUN_3667}"]`);
  await expect(run.getByTestId("run-health-summary-badge")).toContainText("1 OOM");
  const occurrence = run.getByTestId("run-health-occurrence").filter({ hasText: "OOM" });
  await expect(occurrence).toBeHidden();
  await run.locator("summary").click();
  await expect(occurrence).toContainText(`${OOM_LOG}:`);
  await expect(occurrence).toContainText("torch.OutOfMemoryError: CUDA out of memory.");
});
