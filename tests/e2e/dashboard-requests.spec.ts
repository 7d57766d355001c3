import path from "node:path";
import { chartDrawn, expect, test } from "./helpers";

// tmp/e2e-requests-logs (prepare-logs.mjs): run 7001, 4 GPUs; c=4: 200 requests with TTFT 50 + i ms;
// c=16: TTFT 200 + 2i ms and three failures ("HTTP 503: overloaded" twice, "timeout after 600 s" once).
const REQUESTS_DIR = path.join(process.cwd(), "tmp", "e2e-requests-logs");
const open = (tab: string, extra = "") => `/${tab}?logs=${encodeURIComponent(REQUESTS_DIR)}&run=7001${extra}`;

test("Requests: CDF, histogram and scatter per concurrency, percentiles, deduplicated errors", async ({ page }) => {
  await page.goto(open("requests"));
  await chartDrawn(page, "requests-cdf", 4); // a line and its percentile marks per concurrency
  await chartDrawn(page, "requests-hist", 2);
  await chartDrawn(page, "requests-scatter", 2);
  const rows = page.getByTestId("requests-percentiles").locator("tbody tr");
  // c=4: 200 values 50..249 ms -> p50 149.5, p90 50 + 0.9 × 199 = 229.1.
  const c4 = rows.nth(0).locator("td");
  await expect(c4.nth(0)).toHaveText("4");
  await expect(c4.nth(1)).toHaveText("200");
  await expect(c4.nth(2)).toHaveText("0");
  await expect(c4.nth(4)).toHaveText("149.50");
  await expect(c4.nth(5)).toHaveText("229.10");
  await expect(rows.nth(1).locator("td").nth(2)).toHaveText("3");
  const errors = page.getByTestId("requests-errors").locator("tbody tr");
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0).locator("td")).toHaveText(["16", "2", "HTTP 503: overloaded"]);
  await expect(errors.nth(1).locator("td")).toHaveText(["16", "1", "timeout after 600 s"]);
  await expect(page.getByTestId("requests-warmup")).toContainText("No warmup marked");
});

test("Requests: first-N warmup is said and left out; log x and the metric live in the URL", async ({ page }) => {
  await page.goto(open("requests"));
  await chartDrawn(page, "requests-cdf", 4);
  const warmupN = page.getByTestId("requests-warmup-n");
  await warmupN.fill("10");
  await warmupN.blur();
  await expect(page).toHaveURL(/warmupn=10/);
  await expect(page.getByTestId("requests-warmup")).toHaveText("20 warmup request(s), marked by the first N requests (setting). Warmup is left out of the charts.");
  // c=4 without its first 10: 190 values 60..249 ms -> p50 154.5.
  const first = page.getByTestId("requests-percentiles").locator("tbody tr").nth(0).locator("td");
  await expect(first.nth(1)).toHaveText("190");
  await expect(first.nth(4)).toHaveText("154.50");
  await page.getByTestId("requests-exclude-warmup").uncheck();
  await expect(page).toHaveURL(/warmup=keep/);
  await expect(first.nth(1)).toHaveText("200");

  await page.getByTestId("requests-logx").check();
  await expect(page).toHaveURL(/logx=1/);
  await chartDrawn(page, "requests-cdf", 4);
  await expect.poll(() => page.getByTestId("requests-cdf").locator(".js-plotly-plot").evaluate((el) => (el as unknown as { _fullLayout: { xaxis: { type: string } } })._fullLayout.xaxis.type)).toBe("log");
  await page.getByTestId("requests-metric").getByLabel("E2E").check();
  await expect(page).toHaveURL(/metric=e2e/);
  await expect(page.getByTestId("requests-percentiles").locator("caption")).toHaveText("E2E latency (ms) by concurrency");
  await page.getByTestId("requests-point").selectOption("16");
  await expect(page).toHaveURL(/rc=16/);
  await chartDrawn(page, "requests-cdf", 2);
});

test("Pareto: goodput as a y option under the SLA lens, beside the benchmark's own request_goodput", async ({ page }) => {
  await page.goto(open("pareto", "&max-ttft-p99=200.5"));
  await page.getByLabel("Goodput TPS/GPU").check();
  await expect(page).toHaveURL(/y=goodput/);
  await expect(page.getByTestId("goodput-note")).toContainText("p99 TTFT ≤ 201 ms");
  await chartDrawn(page, "pareto-chart");
  const trace = () => page.getByTestId("pareto-chart").locator(".js-plotly-plot").evaluate((el) => (el as unknown as { data: { y: number[]; text: string[] }[] }).data[0]);
  // c=4: 151 requests with TTFT ≤ 200.5 ms × 10 tokens / 10 s / 4 GPUs = 37.75; c=16: one request -> 0.25.
  await expect.poll(async () => (await trace()).y).toEqual([37.75, 0.25]);
  const hover = (await trace()).text[0];
  expect(hover).toContain("SLA attainment (srtlog, per request): 75.50%");
  expect(hover).toContain("request_goodput (benchmark's own SLOs): 12.50 req/s");
});

test("Pareto: the energy view plots output tokens per joule from the power records", async ({ page }) => {
  await page.goto(open("pareto"));
  await page.getByLabel("Output tokens/J").check();
  await expect(page).toHaveURL(/y=energy/);
  await expect(page.getByTestId("energy-note")).toContainText("output tokens per joule");
  // 1 header + 31 sweeps × 4 GPUs, then the damaged row on line 126.
  await expect(page.getByTestId("energy-warning")).toHaveText("7001: power: 1 malformed row(s) in samples.csv skipped (line 126)");
  await chartDrawn(page, "pareto-chart");
  // 2000 output tokens per point over 4 GPUs × 250 W × 10 s = 10 000 J.
  const ys = () => page.getByTestId("pareto-chart").locator(".js-plotly-plot").evaluate((el) => (el as unknown as { data: { y: number[] }[] }).data[0].y);
  await expect.poll(ys).toEqual([0.2, 0.2]);
});

test("Node Metrics: power over time per node with the concurrency windows shaded", async ({ page }) => {
  await page.goto(open("nodes"));
  await chartDrawn(page, "power-chart-7001", 1);
  const layout = () => page.getByTestId("power-chart-7001").locator(".js-plotly-plot").evaluate((el) => {
    const full = (el as unknown as { layout: { shapes: { x0: number; x1: number }[]; annotations: { text: string }[] } }).layout;
    return { shapes: full.shapes.map((s) => [s.x0, s.x1]), labels: full.annotations.map((a) => a.text) };
  });
  // Windows 1002-1012 and 1015-1025 on a clock whose first sample is at 1000.
  await expect.poll(layout).toEqual({ shapes: [[2, 12], [15, 25]], labels: ["c=4", "c=16"] });
});

test("CSV export carries goodput, attainment, the benchmark's request_goodput and energy", async ({ page }) => {
  const response = await page.request.get(`/api/export?logs=${encodeURIComponent(REQUESTS_DIR)}&run=7001&max-ttft-p99=200.5`);
  expect(response.status()).toBe(200);
  const [header, ...lines] = (await response.text()).trim().split("\r\n");
  const columns = header.split(",");
  const cell = (line: string, name: string) => line.split(",")[columns.indexOf(name)];
  const byConcurrency = Object.fromEntries(lines.map((line) => [cell(line, "Concurrency"), line]));
  expect(cell(byConcurrency["4"], "Goodput (req/s)")).toBe("15.1");
  expect(cell(byConcurrency["4"], "SLA attainment (%)")).toBe("75.5");
  expect(cell(byConcurrency["4"], "Benchmark request_goodput (req/s)")).toBe("12.5");
  expect(cell(byConcurrency["16"], "Benchmark request_goodput (req/s)")).toBe("");
  // 4 GPUs × 250 W × 10 s window = 10 000 J for 2000 output tokens.
  expect(cell(byConcurrency["16"], "Energy (J)")).toBe("10000");
  expect(cell(byConcurrency["16"], "Output Tokens/J")).toBe("0.2");
});

test("Requests: a point without sa-bench arrays shows AIPerf's profile_export.jsonl, its warmup phase left out", async ({ page }) => {
  await page.goto(`/requests?logs=${encodeURIComponent(REQUESTS_DIR)}&run=7002&rc=8`);
  await chartDrawn(page, "requests-cdf", 2);
  // Run 7002, c=8 (prepare-logs.mjs): 8 profiling records, TTFT 100..170 ms -> p50 135, p90 100 + 0.9 × 70 = 163.
  const row = page.getByTestId("requests-percentiles").locator("tbody tr").nth(0).locator("td");
  await expect(row.nth(0)).toHaveText("8");
  await expect(row.nth(1)).toHaveText("8");
  await expect(row.nth(4)).toHaveText("135.00");
  await expect(row.nth(5)).toHaveText("163.00");
  await expect(page.getByTestId("requests-warmup")).toContainText("2 warmup request(s), marked by the benchmark's own phase (benchmark_phase other than profiling)");
  await expect(page.getByText("Source: aiperf;")).toBeVisible();
});
