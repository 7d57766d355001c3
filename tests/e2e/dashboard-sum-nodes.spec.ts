import type { Page } from "@playwright/test";
import { chartDrawn, DEMO_DIR, expect, RUN_3667, test } from "./helpers";

// Demo run 3667 is 1P/4D: one prefill worker against four decode workers (DP8 each).
const rateMatch = (agg = "") => `/rate-match?logs=${encodeURIComponent(DEMO_DIR)}&run=${RUN_3667}${agg}`;

/** Peak of each trace of a drawn chart, as Plotly holds it. */
async function peaks(page: Page, testId: string): Promise<number[]> {
  return page
    .getByTestId(testId)
    .locator(".js-plotly-plot")
    .evaluate((el) => (el as unknown as { data: { y: number[] }[] }).data.map((trace) => Math.max(...trace.y)));
}

test("Rate Match sums over nodes on request, says so, and Node Metrics keeps the choice (agg=sum)", async ({ page }) => {
  await page.goto(rateMatch());
  await chartDrawn(page, "rate-chart", 2);
  await expect(page.getByTestId("rate-combine-note")).toHaveText("Each line is the per-second average over its role's nodes: compare capacity per node.");
  const [, decodeMean] = await peaks(page, "rate-chart");

  await page.getByLabel("Sum over nodes (cluster total)").check();
  await expect(page).toHaveURL(rateMatch("&agg=sum"));
  await expect(page.getByTestId("rate-combine-note")).toHaveText(
    "Totals: prefill input summed over 1 prefill node, decode generation over 4 decode nodes; their ratio is the cluster's.",
  );
  await expect(async () => {
    const [, decodeSum] = await peaks(page, "rate-chart");
    // Four decode workers of eight DP ranks each: their total tops any one rank's average, and at most 32 of them.
    expect(decodeSum).toBeGreaterThan(decodeMean);
    expect(decodeSum).toBeLessThanOrEqual(32 * decodeMean * 1.001);
  }).toPass();

  await page.getByTestId("tab-nodes").click();
  await expect(page.getByLabel("Sum over nodes (cluster total)")).toBeChecked();
  await chartDrawn(page, "node-chart-decode-gen-throughput", 1);
  await chartDrawn(page, "node-chart-decode-kv-cache", 1);
  const names = await page
    .locator('[data-testid="node-chart-decode-gen-throughput"] .js-plotly-plot, [data-testid="node-chart-decode-kv-cache"] .js-plotly-plot')
    .evaluateAll((els) => els.map((el) => (el as unknown as { data: { name: string }[] }).data[0].name));
  expect(names).toEqual(["3667 | 1P/4D | 8+32 GPUs | sum over nodes", "3667 | 1P/4D | 8+32 GPUs | all nodes (mean)"]);
});
