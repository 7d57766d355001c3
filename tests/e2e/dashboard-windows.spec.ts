import type { Locator, Page } from "@playwright/test";
import { DEMO_DIR, expect, RUN_3667, test } from "./helpers";

// Issue 20 item 1. Demo runs: D = 3667 (disaggregated 1P/4D), A1 = 4401453 and A2 = 4471305 (aggregated).
const A1 = "4401453";
const A2 = "4471305";
const url = (extra = "") => `/nodes?logs=${encodeURIComponent(DEMO_DIR)}&run=${RUN_3667}&run=${A1}&run=${A2}${extra}`;

/** A node chart drawn; the first parse of three runs on a busy 2-core machine takes a while. */
async function chartDrawn(page: Page, testId: string, traces?: number): Promise<void> {
  const chart = page.getByTestId(testId);
  await expect(chart).toHaveAttribute("data-ready", "true", { timeout: 45_000 });
  if (traces !== undefined) await expect(chart).toHaveAttribute("data-traces", String(traces));
}

const labels = (chart: Locator) => chart.locator(".annotation-text");
const bands = (chart: Locator) => chart.locator(".shapelayer path");

/** No two drawn labels of a chart overlap on screen. */
async function expectNoOverlap(chart: Locator): Promise<void> {
  const boxes = (await labels(chart).evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON()))) as DOMRect[];
  for (let a = 0; a < boxes.length; a++) {
    for (let b = a + 1; b < boxes.length; b++) {
      const [p, q] = [boxes[a], boxes[b]];
      const apart = p.right <= q.left || q.right <= p.left || p.bottom <= q.top || q.bottom <= p.top;
      expect(apart, `labels ${a} and ${b} overlap`).toBe(true);
    }
  }
}

test("Node Metrics with three runs: no windows until switched on, then only on the charts that plot that run, labels apart", async ({ page }) => {
  await page.goto(url());
  const prefill = page.getByTestId("node-chart-prefill-input-throughput");
  const agg = page.getByTestId("node-chart-agg-input-throughput");
  await chartDrawn(page, "node-chart-prefill-input-throughput", 1);
  await chartDrawn(page, "node-chart-agg-input-throughput", 2);
  // Several runs: windows are off by default, one toggle per run.
  const toggles = page.getByTestId("window-toggle");
  await expect(toggles).toHaveCount(3);
  for (const toggle of await toggles.all()) await expect(toggle).not.toBeChecked();
  await expect(bands(prefill)).toHaveCount(0);
  await expect(bands(agg)).toHaveCount(0);
  await expect(labels(agg)).toHaveCount(0);

  // A1 on: its windows shade the aggregated charts only; the prefill chart (D only) stays clean.
  await page.locator(`[data-testid="window-toggle"][data-run-dir="${A1}"]`).check();
  await expect(page).toHaveURL(new RegExp(`wins=${A1}`));
  await expect(bands(agg)).not.toHaveCount(0);
  await expect(labels(agg).first()).toHaveText(/^c\d+$/);
  await expect(bands(prefill)).toHaveCount(0);
  await expect(labels(prefill)).toHaveCount(0);

  // A2 on too: both runs' labels carry the job id and none overlaps another.
  await page.locator(`[data-testid="window-toggle"][data-run-dir="${A2}"]`).check();
  await expect(page).toHaveURL(new RegExp(`wins=${A1}&wins=${A2}`));
  await expect(labels(agg).filter({ hasText: new RegExp(`^${A2} c`) }).first()).toBeVisible();
  await expect(labels(agg).filter({ hasText: new RegExp(`^${A1} c`) }).first()).toBeVisible();
  await expect(labels(prefill)).toHaveCount(0);
  await expectNoOverlap(agg);

  // D on: D's windows on D's charts, and never A1's or A2's there.
  await page.locator(`[data-testid="window-toggle"][data-run-dir="${RUN_3667}"]`).check();
  await expect(bands(prefill)).not.toHaveCount(0);
  await expect(labels(prefill).filter({ hasText: new RegExp(`${A1}|${A2}`) })).toHaveCount(0);
  await expect(labels(prefill).first()).toHaveText(/^c\d+$/);
  await expectNoOverlap(prefill);

  // The choice is in the URL: a reload keeps it.
  await page.reload();
  await expect(page.locator(`[data-testid="window-toggle"][data-run-dir="${A2}"]`)).toBeChecked();
  await chartDrawn(page, "node-chart-agg-input-throughput", 2);
  await expectNoOverlap(agg);
});

test("Node Metrics with one run: its windows are drawn without a toggle", async ({ page }) => {
  await page.goto(`/nodes?logs=${encodeURIComponent(DEMO_DIR)}&run=${RUN_3667}`);
  await chartDrawn(page, "node-chart-decode-running", 1);
  await expect(page.getByTestId("window-toggles")).toHaveCount(0);
  await expect(labels(page.getByTestId("node-chart-decode-running"))).toHaveText(["c16", "c32", "c64", "c128", "c256"]);
});
