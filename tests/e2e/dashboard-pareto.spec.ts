import { readFile } from "node:fs/promises";
import { chartDrawn, clickParetoPoint, expect, RUN_12045, RUN_3667, test } from "./helpers";

const COLUMNS =
  "Run ID,Run Date,Profiler,ISL,OSL,Prefill Nodes,Decode Nodes,Prefill Workers,Decode Workers,Frontends,GPUs per Node,Total GPUs,Request Rate,Concurrency," +
  "Output TPS,Total TPS,Output TPS/GPU,Total TPS/GPU,Output TPS/User,Mean TTFT (ms),Mean TPOT (ms),Mean ITL (ms),Median TTFT (ms),Median TPOT (ms)," +
  "Median ITL (ms),P99 TTFT (ms),P99 TPOT (ms),P99 ITL (ms),Std TTFT (ms),Std TPOT (ms),Std ITL (ms)," +
  "Peak Output TPS,GPU Type,Topology,Agg Workers,Tags,Container,Backend,Model,Run Directory," +
  "Goodput (req/s),SLA attainment (%),Benchmark request_goodput (req/s)," +
  "Mean Power (W),Peak Power (W),Power/GPU (W),Energy (J),Output Tokens/J,J/Output Token";

test("two clicked points: A (baseline), B and the % change of both axes; Swap, third click, Clear", async ({ page }) => {
  await page.goto(`/pareto?run=${RUN_3667}`);
  await chartDrawn(page, "pareto-chart", 1);
  await expect(page.getByTestId("point-comparison")).toContainText("Click a point to pick it as A");
  await clickParetoPoint(page, 0, 0); // concurrency 16: 50 TPS/User, 30.8625 TPS/GPU
  await expect(page).toHaveURL(/pt=3667_1P_4D_20251110_192145%4016$/);
  await expect(page.getByTestId("point-a")).toContainText("@ concurrency 16");
  await clickParetoPoint(page, 0, 1); // concurrency 32: 40 TPS/User, 57 TPS/GPU
  await expect(page.getByTestId("point-b")).toContainText("@ concurrency 32");
  await expect(page.getByTestId("delta-x")).toHaveText("-20.0%");
  await expect(page.getByTestId("delta-y")).toHaveText("+84.7%");

  await page.getByTestId("swap-points").click();
  await expect(page).toHaveURL(/swap=1/);
  await expect(page.getByTestId("point-a")).toContainText("@ concurrency 32");
  await expect(page.getByTestId("delta-x")).toHaveText("+25.0%");
  await expect(page.getByTestId("delta-y")).toHaveText("-45.9%");

  // The y metric changes the second axis of the comparison: Total TPS/GPU 114 -> 61.725.
  await page.getByRole("radio", { name: "Total TPS/GPU" }).check();
  await expect(page.getByTestId("point-a")).toContainText("TPS/User: 40.00 · Total TPS/GPU: 114.00");
  await expect(page.getByTestId("delta-y")).toHaveText("-45.9%"); // 3667's total TPS is twice its output TPS

  await clickParetoPoint(page, 0, 2); // a third point replaces the oldest pick (16); new picks unswap
  await expect(page.getByTestId("point-a")).toContainText("@ concurrency 32");
  await expect(page.getByTestId("point-b")).toContainText("@ concurrency 64");
  await expect(page.getByTestId("delta-x")).toHaveText("-21.9%"); // 40 -> 31.25
  await expect(page.getByTestId("delta-y")).toHaveText("+71.1%"); // 114 -> 195

  await page.getByTestId("clear-points").click();
  await expect(page).not.toHaveURL(/pt=/);
  await expect(page.getByTestId("point-comparison")).toContainText("Click a point to pick it as A");
});

test("frontier (behind the points, with its table) and cutoff line, from the controls and in the URL", async ({ page }) => {
  await page.goto(`/pareto?run=${RUN_3667}&run=${RUN_12045}`);
  await chartDrawn(page, "pareto-chart", 2);
  await page.getByTestId("frontier-toggle").check();
  await expect(page).toHaveURL(/frontier=1/);
  await chartDrawn(page, "pareto-chart", 4); // band + line, then the two runs
  const rows = page.getByTestId("frontier-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveText("12045 | 2P/2D | 4+8 GPUs | 8192/1024 | GB20025641.67823.00");
  await expect(rows.nth(1)).toHaveText("12045 | 2P/2D | 4+8 GPUs | 8192/1024 | GB2006480.00426.95");

  // The cutoff line is drawn at the SLA lens's TPS/User bound: one value (URL min-tps-user), 30 when none was set.
  await page.getByTestId("cutoff-toggle").check();
  await expect(page).toHaveURL(/cutoff=1&frontier=1&min-tps-user=30$/);
  await expect(page.getByTestId("pareto-chart").locator(".annotation-text")).toHaveText("Target: 30 TPS/User");
  await expect(page.getByTestId("sla-min-tps-user")).toHaveValue("30");
  await page.getByTestId("cutoff-value").fill("45");
  await page.getByTestId("cutoff-value").press("Enter");
  await expect(page).toHaveURL(/min-tps-user=45$/);
  await expect(page.getByTestId("pareto-chart").locator(".annotation-text")).toHaveText("Target: 45 TPS/User");
  await expect(page.getByTestId("pareto-chart").locator(".shapelayer path")).toHaveCount(1);
  await expect(page.getByTestId("sla-min-tps-user")).toHaveValue("45");
  // ... and the other way round: the sidebar's bound moves the line.
  await page.getByTestId("sla-min-tps-user").fill("20");
  await page.getByTestId("sla-min-tps-user").press("Enter");
  await expect(page).toHaveURL(/min-tps-user=20$/);
  await expect(page.getByTestId("pareto-chart").locator(".annotation-text")).toHaveText("Target: 20 TPS/User");
  await expect(page.getByTestId("cutoff-value")).toHaveValue("20");
});

test("Download Data as CSV: the selected runs' rows with the loader's columns, named for what it holds", async ({ page }) => {
  await page.goto(`/pareto?run=${RUN_3667}&run=${RUN_12045}`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download Data as CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("srtlog-benchmark-data-jobs-12045-3667.csv");
  const text = await readFile((await download.path())!, "utf8");
  const lines = text.split("\r\n");
  expect(lines[0]).toBe(COLUMNS);
  expect(lines.slice(1, -1)).toHaveLength(5);
  expect(lines.at(-1)).toBe("");
  expect(lines[3]).toMatch(/^3667,2025-11-10 19:21:45,sa-bench,1024,1024,1,4,1,4,1,8,40,inf,16,1234.5,2469,30.8625,61.725,50,120,20,19.5,/);
  // Then the pivot columns: no peak in these results, no agg workers or backend in v1 metadata; the tags hold a comma.
  // Goodput and energy stay empty: these results carry no per-request arrays and the run no power records.
  expect(lines[3].endsWith(',,NVIDIA H100 80GB HBM3,1P/4D,,"baseline, h100",ghcr.io/sgl-project/sglang:v0.4.1-cu121,,/models/DeepSeek-V3,3667_1P_4D_20251110_192145,,,,,,,,,')).toBe(true);
});

test("a reload, back/forward and a pasted link restore the view from the URL", async ({ page, context }) => {
  await page.goto("/pareto");
  await chartDrawn(page, "pareto-chart", 3);
  await page.getByTestId("filter-gpu").locator("summary").click();
  await page.getByTestId("filter-gpu").getByLabel("H100", { exact: true }).check();
  await expect(page).toHaveURL(/gpu=H100/);
  // One history entry per change: wait for each navigation before the next click.
  await page.locator(`[data-run-dir="${RUN_3667}"] input`).check();
  await expect(page).toHaveURL(/run=3667/);
  await page.getByRole("radio", { name: "Total TPS/GPU" }).check();
  await expect(page).toHaveURL(/y=total/);
  await page.getByTestId("frontier-toggle").check();
  await expect(page).toHaveURL(/frontier=1/);
  await page.getByTestId("cutoff-toggle").check();
  await expect(page).toHaveURL(/cutoff=1/);
  const url = page.url();
  expect(url).toMatch(/gpu=H100&run=4401470&run=4401463&run=5004_1P_1D_20251204_000000&run=3667_1P_4D_20251110_192145&y=total&cutoff=1&frontier=1&min-tps-user=30$/);

  // The cutoff line set the TPS/User bound to 30, so the best points under it are starred: one more trace.
  const check = async () => {
    await chartDrawn(page, "pareto-chart", 7);
    expect(await page.getByTestId("run-option").count()).toBe(4);
    await expect(page.getByRole("radio", { name: "Total TPS/GPU" })).toBeChecked();
    await expect(page.getByTestId("frontier-toggle")).toBeChecked();
    await expect(page.getByTestId("cutoff-toggle")).toBeChecked();
    await expect(page.getByTestId("filter-gpu").getByLabel("H100", { exact: true })).toBeChecked();
    await expect(page.getByTestId("summary-runs")).toHaveText("4");
  };
  await page.reload();
  await check();

  await page.goBack();
  await expect(page.getByTestId("cutoff-toggle")).not.toBeChecked();
  await expect(page.getByTestId("frontier-toggle")).toBeChecked();
  await page.goForward();
  await expect(page.getByTestId("cutoff-toggle")).toBeChecked();

  const pasted = await context.newPage();
  await pasted.goto(url);
  await chartDrawn(pasted, "pareto-chart", 7);
  await expect(pasted.getByTestId("summary-runs")).toHaveText("4");
  await pasted.close();

  // The same view on another tab keeps the URL's state.
  await page.getByTestId("tab-latency").click();
  await expect(page).toHaveURL(url.replace("/pareto?", "/latency?"));
  await chartDrawn(page, "latency-chart-ttft", 5);
});

test("grouped frontiers: one per GPU type or per tag, from the control and in the URL", async ({ page }) => {
  await page.goto(`/pareto?run=${RUN_3667}&run=${RUN_12045}&frontier=1`);
  await chartDrawn(page, "pareto-chart", 4);
  await page.getByTestId("frontier-by").selectOption("gpu");
  await expect(page).toHaveURL(/frontierBy=gpu/);
  await chartDrawn(page, "pareto-chart", 4); // an H100 and a GB200 frontier, then the two runs
  await expect(page.locator(".legend")).toContainText("Frontier: H100");
  await expect(page.locator(".legend")).toContainText("Frontier: GB200");
  await page.getByTestId("frontier-by").selectOption("tag");
  await expect(page).toHaveURL(/frontierBy=tag/);
  // 3667 is tagged baseline and h100 (a frontier each), 12045 has no tag.
  await chartDrawn(page, "pareto-chart", 5);
  for (const name of ["Frontier: baseline", "Frontier: h100", "Frontier: untagged"]) await expect(page.locator(".legend")).toContainText(name);
});
