import { chartDrawn, expect, RUN_3667, test } from "./helpers";

type PlotEl = { _fullLayout: { yaxis: { type: string }; xaxis: { title: { text: string } } }; _fullData: { x: number[]; y: number[] }[] };

/** What Plotly drew on a latency chart: its axes' types and titles and the first trace's x and y. */
async function drawn(page: import("@playwright/test").Page, testId: string) {
  return page.getByTestId(testId).locator(".js-plotly-plot").evaluate((el) => {
    const plot = el as unknown as PlotEl;
    return { yType: plot._fullLayout.yaxis.type, xTitle: plot._fullLayout.xaxis.title.text, x: plot._fullData[0].x, y: plot._fullData[0].y };
  });
}

test("Latency Analysis: log y toggle and latency vs Output TPS/GPU, both kept in the URL", async ({ page }) => {
  await page.goto(`/latency?run=${RUN_3667}&stat=p99`);
  await chartDrawn(page, "latency-chart-ttft", 1);
  expect(await drawn(page, "latency-chart-ttft")).toMatchObject({ yType: "linear", xTitle: "Concurrency", x: [16, 32, 64] });

  await page.getByTestId("latency-logy").check();
  await expect(page).toHaveURL(/logy=1/);
  for (const metric of ["ttft", "tpot", "itl"]) await expect.poll(async () => (await drawn(page, `latency-chart-${metric}`)).yType).toBe("log");

  // Run 3667 has 40 GPUs (1P/4D, 8 + 32): Output TPS/GPU = 1234.5 / 40, 2280 / 40, 3900 / 40 (its result files).
  await page.getByTestId("latency-x").getByRole("radio", { name: "Output TPS/GPU" }).check();
  await expect(page).toHaveURL(/latx=tps/);
  await expect(page.getByTestId("latency-chart-ttft").locator(".gtitle")).toHaveText("TTFT vs Output TPS/GPU (p99)");
  await expect.poll(async () => drawn(page, "latency-chart-ttft")).toEqual({ yType: "log", xTitle: "Output TPS/GPU", x: [30.8625, 57, 97.5], y: [300, 410.25, 640] });
  await page.screenshot({ path: "tmp/shots/latency-tps-log.png", fullPage: false });

  await page.reload();
  await chartDrawn(page, "latency-chart-ttft", 1);
  await expect(page.getByTestId("latency-logy")).toBeChecked();
  await expect(page.getByTestId("latency-x").getByRole("radio", { name: "Output TPS/GPU" })).toBeChecked();
  expect(await drawn(page, "latency-chart-itl")).toMatchObject({ yType: "log", xTitle: "Output TPS/GPU" });

  await page.getByTestId("latency-logy").uncheck();
  await page.getByTestId("latency-x").getByRole("radio", { name: "Concurrency" }).check();
  await expect(page).not.toHaveURL(/logy|latx/);
  await expect.poll(async () => drawn(page, "latency-chart-ttft")).toMatchObject({ yType: "linear", xTitle: "Concurrency", x: [16, 32, 64] });
});

test("Latency Analysis: median line beside the mean and the p99 clip option, kept in the URL", async ({ page }) => {
  await page.goto(`/latency?run=${RUN_3667}`);
  await chartDrawn(page, "latency-chart-ttft", 1);
  const traces = (testId: string) =>
    page.getByTestId(testId).locator(".js-plotly-plot").evaluate((el) => (el as unknown as { _fullData: { name: string; y: number[]; line: { dash: string } }[] })._fullData.map((t) => ({ name: t.name, y: t.y, dash: t.line.dash })));
  expect(await traces("latency-chart-ttft")).toHaveLength(1);

  await page.getByTestId("latency-median").check();
  await expect(page).toHaveURL(/med=1/);
  // Run 3667's median TTFT from its result files: 110, 140, 190 ms beside the mean 120, 150.5, 210.
  await expect.poll(async () => (await traces("latency-chart-ttft"))[1]).toMatchObject({ y: [110, 140, 190], dash: "dash" });
  expect((await traces("latency-chart-ttft"))[0].y).toEqual([120, 150.5, 210]);

  // Three points: p99 sits near the largest, nothing far above it, so the axis is left alone and says nothing.
  await page.getByTestId("latency-clip").check();
  await expect(page).toHaveURL(/clip=1/);
  await page.reload();
  await chartDrawn(page, "latency-chart-ttft", 2);
  await expect(page.getByTestId("latency-median")).toBeChecked();
  await expect(page.getByTestId("latency-clip")).toBeChecked();
  await expect(page.getByTestId("latency-chart-ttft").locator(".annotation-text")).toHaveCount(0);

  // The median statistic needs no median line beside it.
  await page.getByTestId("stat-selector").getByRole("radio", { name: "Median" }).check();
  await expect(page.getByTestId("latency-median")).toBeDisabled();
  await expect.poll(async () => (await traces("latency-chart-ttft")).length).toBe(1);
});
