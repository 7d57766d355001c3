import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";
import { chartDrawn, clickParetoPoint, DEMO_DIR, expect, RUN_12045, RUN_3667, test } from "./helpers";

/** Markers drawn in the SLA lens's "fails" grey, over the run traces of the Pareto chart. */
async function greyPoints(page: Page): Promise<number> {
  return page.getByTestId("pareto-chart").locator(".scatterlayer .trace path.point").evaluateAll((points) =>
    points.filter((p) => (p as SVGElement).style.fill === "rgb(203, 213, 225)").length,
  );
}

async function setBound(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.fill(value);
  await input.press("Enter");
}

// Fixture values (tests/fixtures/loader, copied to tmp/e2e-logs): 3667 has 40 GPUs and p99 TTFT 300 / 410.25 / 640 ms
// at concurrency 16 / 32 / 64 (2280 and 3900 TPS -> 57 and 97.5 TPS/GPU at c32 / c64); 12045 has p99 TTFT 2100.7 / 4000 ms.
test("SLA lens: a TTFT bound greys the failing points and changes the best-point table", async ({ page }) => {
  await page.goto(`/pareto?run=${RUN_3667}&run=${RUN_12045}`);
  await chartDrawn(page, "pareto-chart", 2);
  expect(await greyPoints(page)).toBe(0);
  await page.getByTestId("sla-form").locator("summary").click();
  await setBound(page, "sla-max-ttft", "500");
  await expect(page).toHaveURL(/max-ttft-p99=500/);
  await chartDrawn(page, "pareto-chart", 3); // the two runs and the best-point stars
  await expect.poll(() => greyPoints(page)).toBe(3); // 3667 c64, both of 12045's

  const rows = page.getByTestId("sla-best-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("3667");
  await expect(rows.nth(0).locator("td").nth(1)).toHaveText("32");
  await expect(rows.nth(0).locator("td").nth(2)).toHaveText("57.00");
  await expect(rows.nth(0)).toContainText("p99 TTFT 640 ms > 500 ms (concurrency 64)");
  await expect(rows.nth(1)).toContainText("no point passes; nearest: concurrency 64 (p99 TTFT 2101 ms > 500 ms)");

  await setBound(page, "sla-max-ttft", "700");
  await expect(page).toHaveURL(/max-ttft-p99=700/);
  await expect(rows.nth(0).locator("td").nth(1)).toHaveText("64");
  await expect(rows.nth(0).locator("td").nth(2)).toHaveText("97.50");
  await expect(rows.nth(0)).toContainText("none: the highest-throughput point passes");
  await expect.poll(() => greyPoints(page)).toBe(2);

  // The same lens on the Latency tab, and the guide's preset replacing the bounds.
  await page.getByRole("link", { name: "Latency Analysis" }).click();
  await expect(page).toHaveURL(/\/latency\?.*max-ttft-p99=700/);
  await expect(page.getByTestId("sla-best-row").nth(0).locator("td").nth(1)).toHaveText("64");
  await page.getByTestId("sla-preset-good").click();
  await expect(page).toHaveURL(/max-ttft-p99=500&max-tpot-mean=30/);
  await expect(page.getByTestId("sla-summary")).toHaveText("p99 TTFT ≤ 500 ms, mean TPOT ≤ 30 ms");
  await page.getByTestId("sla-clear").click();
  await expect(page).not.toHaveURL(/max-/);
  await expect(page.getByTestId("sla-best-table")).toHaveCount(0);
});

/** Earliest batch-line stamp of a run's worker logs, read with a plain regex (not the app's parser), in ms. */
async function firstBatchMs(runDir: string): Promise<number> {
  let first = Infinity;
  for (const name of await readdir(runDir)) {
    if (!/_(prefill|decode)_w\d+\.err$/.test(name)) continue;
    for (const match of (await readFile(path.join(runDir, name), "utf8")).matchAll(/^\[(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)[^\]]*\] (?:Prefill|Decode) batch/gm)) {
      first = Math.min(first, Date.parse(`${match[1]}T${match[2]}Z`));
    }
  }
  return first;
}

test("a picked Pareto point links to the Node Metrics tab, zoomed to that concurrency's window", async ({ page }) => {
  const runDir = path.join(DEMO_DIR, RUN_3667);
  const resultDir = path.join(runDir, "sa-bench_isl_1024_osl_1024");
  const file = (await readdir(resultDir)).find((name) => name.includes("_concurrency_64_"))!;
  const result = JSON.parse(await readFile(path.join(resultDir, file), "utf8"));
  // sa-bench writes `date` (YYYYMMDD-HHMMSS) when the benchmark ends; it started `duration` seconds earlier.
  const d = /^(\d{4})(\d\d)(\d\d)-(\d\d)(\d\d)(\d\d)$/.exec(result.date)!;
  const endMs = Date.UTC(+d[1], +d[2] - 1, +d[3], +d[4], +d[5], +d[6]);
  const t0 = await firstBatchMs(runDir);
  const x0 = (endMs - result.duration * 1000 - t0) / 1000;
  const x1 = (endMs - t0) / 1000;
  const pad = Math.max(5, (x1 - x0) * 0.05);

  await page.goto(`/pareto?logs=${encodeURIComponent(DEMO_DIR)}&run=${RUN_3667}`);
  await chartDrawn(page, "pareto-chart", 1);
  await clickParetoPoint(page, 0, 2); // the third concurrency of 16, 32, 64, 128, 256
  await expect(page.getByTestId("point-a")).toContainText("@ concurrency 64");
  await page.getByTestId("point-node-metrics").click();
  await expect(page).toHaveURL(new RegExp(`/nodes\\?.*run=${RUN_3667}.*&win=64`));
  await expect(page.getByTestId("window-zoom")).toContainText("concurrency 64");
  await chartDrawn(page, "node-chart-decode-running");
  const chart = page.getByTestId("node-chart-decode-running");
  await expect(chart.locator(".annotation-text").filter({ hasText: /^c64$/ })).toHaveCount(1);
  const range = await chart.locator(".js-plotly-plot").evaluate((el) => (el as unknown as { _fullLayout: { xaxis: { range: number[] } } })._fullLayout.xaxis.range);
  expect(range[0]).toBeCloseTo(x0 - pad, 0);
  expect(range[1]).toBeCloseTo(x1 + pad, 0);

  // Back to the whole run: every concurrency's window is shaded and labelled.
  await page.getByTestId("window-unzoom").click();
  await expect(page).not.toHaveURL(/win=/);
  await expect(chart.locator(".annotation-text")).toHaveText(["c16", "c32", "c64", "c128", "c256"]);
});
