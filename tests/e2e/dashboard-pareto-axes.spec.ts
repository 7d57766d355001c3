import { cp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { chartDrawn, expect, RUN_12045, RUN_3667, test } from "./helpers";

/**
 * Eight runs: six copies of fixture run 3667 (H100, each missing concurrency 128: a health signal and an
 * incomplete warning) and two of 12045 (GB200), so colour-by GPU has two groups and the warning lists
 * and health panel have more than five runs to fold.
 */
const AXES_DIR = path.join(process.cwd(), "tmp", "e2e-axes-logs");
const SOURCES = path.resolve("tests/fixtures/loader/legacy-v1-disagg/logs");
type PlotEl = { _fullLayout: { xaxis: { type: string; title: { text: string } }; yaxis: { type: string; title: { text: string } } }; _fullData: { name: string; showlegend?: boolean }[] };

async function copyRun(source: string, jobId: string, newJobId: string): Promise<void> {
  const target = path.join(AXES_DIR, source.replace(jobId, newJobId));
  await cp(path.join(SOURCES, source), target, { recursive: true });
  const metadata = JSON.parse(await readFile(path.join(target, `${jobId}.json`), "utf8"));
  await writeFile(path.join(target, `${newJobId}.json`), JSON.stringify({ ...metadata, run_metadata: { ...metadata.run_metadata, slurm_job_id: newJobId } }));
  if (newJobId !== jobId) await rm(path.join(target, `${jobId}.json`));
}

test.beforeAll(async () => {
  await rm(AXES_DIR, { recursive: true, force: true });
  for (let k = 0; k < 6; k++) await copyRun(RUN_3667, "3667", String(3667 + k * 1000));
  for (let k = 0; k < 2; k++) await copyRun(RUN_12045, "12045", String(12045 + k * 1000));
});

const layoutOf = (page: import("@playwright/test").Page) =>
  page.getByTestId("pareto-chart").locator(".js-plotly-plot").evaluate((el) => {
    const plot = el as unknown as PlotEl;
    return { xTitle: plot._fullLayout.xaxis.title.text, yTitle: plot._fullLayout.yaxis.title.text, xType: plot._fullLayout.xaxis.type, yType: plot._fullLayout.yaxis.type };
  });

test("an axis change redraws the chart with the new title and direction, goes into the URL and survives a reload; log toggles", async ({ page }) => {
  await page.goto(`/pareto?run=${RUN_3667}&run=${RUN_12045}`);
  await chartDrawn(page, "pareto-chart", 2);
  // Today's chart by default: the old titles, no direction added.
  expect(await layoutOf(page)).toMatchObject({ xTitle: "Output TPS/User", yTitle: "Output TPS/GPU", xType: "linear", yType: "linear" });

  await page.getByTestId("axis-x").selectOption("ttft-p99");
  await expect(page).toHaveURL(/&x=ttft-p99$/);
  await expect(page.getByTestId("pareto-chart").locator(".xtitle")).toHaveText("P99 TTFT (ms) (← better)");
  await expect(page.getByTestId("pareto-chart").locator(".ytitle")).toHaveText("Output TPS/GPU (↑ better)");
  await expect(page.getByTestId("axis-x-better")).toHaveText("← better");

  await page.getByTestId("axis-y-log").check();
  await expect(page).toHaveURL(/&x=ttft-p99&ylog=1$/);
  await expect.poll(async () => (await layoutOf(page)).yType).toBe("log");

  await page.reload();
  await chartDrawn(page, "pareto-chart", 2);
  await expect(page.getByTestId("axis-x")).toHaveValue("ttft-p99");
  await expect(page.getByTestId("axis-y-log")).toBeChecked();
  expect(await layoutOf(page)).toMatchObject({ xTitle: "P99 TTFT (ms) (← better)", yType: "log", xType: "linear" });

  // The frontier follows the directions: lowest p99 TTFT first. 3667 @16 (300 ms, 30.86 TPS/GPU) is on it;
  // nothing has a lower p99 TTFT.
  await page.getByTestId("frontier-toggle").check();
  await expect(page.getByTestId("frontier-row").first()).toContainText("3667 |");
  await expect(page.getByTestId("frontier-row").first()).toContainText("300.00");

  // The y shortcut radios still write the same y: back to the old y choice, and off the log scale.
  await page.getByTestId("axis-y-log").uncheck();
  await page.getByRole("radio", { name: "Total TPS/GPU" }).check();
  await expect(page).toHaveURL(/y=total&x=ttft-p99&frontier=1$/);
  await expect(page.getByTestId("axis-y")).toHaveValue("total");

  // The TPS/User cutoff line needs a TPS/User axis: off it, the page says the line is not drawn.
  await page.getByTestId("cutoff-toggle").check();
  await expect(page.getByTestId("cutoff-hidden")).toBeVisible();
  await expect(page.getByTestId("pareto-chart").locator(".annotation-text")).toHaveCount(0);
  await page.getByTestId("axis-x").selectOption("tps-user");
  await expect(page.getByTestId("cutoff-hidden")).toHaveCount(0);
  await expect(page.getByTestId("pareto-chart").locator(".annotation-text")).toHaveText("Target: 30 TPS/User");
});

test("colour by GPU: one legend entry per GPU type, in the URL", async ({ page }) => {
  await page.goto(`/pareto?logs=${encodeURIComponent(AXES_DIR)}&run=all`);
  await chartDrawn(page, "pareto-chart", 8);
  await expect(page.getByTestId("pareto-chart").locator(".legend .traces")).toHaveCount(8);
  await page.getByTestId("color-by").selectOption("gpu");
  await expect(page).toHaveURL(/color=gpu/);
  await expect(page.getByTestId("pareto-chart").locator(".legend .traces")).toHaveCount(2);
  expect((await page.getByTestId("pareto-chart").locator(".legend .traces .legendtext").allTextContents()).sort()).toEqual(["GB200", "H100"]);
  await page.reload();
  await chartDrawn(page, "pareto-chart", 8);
  await expect(page.getByTestId("color-by")).toHaveValue("gpu");
  await expect(page.getByTestId("pareto-chart").locator(".legend .traces")).toHaveCount(2);

  // The Latency tab keeps the choice (same URL parameter) and draws the same two groups.
  await page.getByRole("link", { name: "Latency Analysis" }).click();
  await expect(page).toHaveURL(/\/latency\?.*color=gpu/);
  await chartDrawn(page, "latency-chart-ttft", 8);
  await expect(page.getByTestId("color-by")).toHaveValue("gpu");
  expect((await page.getByTestId("latency-chart-ttft").locator(".legend .traces .legendtext").allTextContents()).sort()).toEqual(["GB200", "H100"]);
});

test("with more than five troubled runs, health and warnings fold into one summary line each, details on demand", async ({ page }) => {
  await page.goto(`/pareto?logs=${encodeURIComponent(AXES_DIR)}&run=all`);
  await chartDrawn(page, "pareto-chart", 8);
  const health = page.getByTestId("run-health-collapsed");
  await expect(page.getByTestId("run-health-collapsed-summary")).toContainText("6 runs with trouble signals: 6 missing concurrencies");
  await expect(health).not.toHaveAttribute("open", /.*/);
  await expect(page.getByTestId("run-health-run").first()).toBeHidden();
  await page.getByTestId("run-health-collapsed-summary").click();
  await expect(page.getByTestId("run-health-run")).toHaveCount(6);
  await expect(page.getByTestId("run-health-run").first()).toBeVisible();

  await expect(page.getByTestId("incomplete-collapsed-summary")).toHaveText("6 runs incomplete (6 missing concurrencies in all)");
  await expect(page.getByTestId("incomplete-warnings")).toBeHidden();
  await page.getByTestId("incomplete-collapsed-summary").click();
  await expect(page.getByTestId("incomplete-warnings").locator("li")).toHaveCount(6);
});

test("point comparison: a rise of a latency axis is shown as worse (red), a rise of throughput as better (green)", async ({ page }) => {
  await page.goto(`/pareto?run=${RUN_3667}&run=${RUN_12045}&x=ttft-p99&pt=${RUN_3667}%4016&pt=${RUN_3667}%4032`);
  await chartDrawn(page, "pareto-chart", 2);
  // A = 3667 @16 (p99 TTFT 300 ms, 30.8625 TPS/GPU), B = @32 (410.25 ms, 57): +36.75% and +84.69%.
  await expect(page.getByTestId("delta-x")).toHaveText("+36.8%");
  await expect(page.getByTestId("delta-x")).toHaveClass(/text-red-700/);
  await expect(page.getByTestId("delta-y")).toHaveText("+84.7%");
  await expect(page.getByTestId("delta-y")).toHaveClass(/text-green-700/);
});
