import { chartDrawn, expect, RUN_12045, RUN_3667, test } from "./helpers";

// The fixture logs dir holds 10 runs (newest first: 4410001, 4401470, 4401463, 4401455, 12045, 5004, 5003,
// 5002, 5001, 3667; 5003-5001 load from their results alone, their metadata being broken or missing)
// and 6 directories the loader skips.

test("/ opens the Pareto Graph with the newest three runs, keeping the query string", async ({ page }) => {
  await page.goto("/?y=total");
  await expect(page).toHaveURL(/\/pareto\?y=total$/);
  await chartDrawn(page, "pareto-chart", 3);
  await expect(page.getByTestId("selected-count")).toHaveText("3 of 10 selected");
  await expect(page.getByRole("radio", { name: "Total TPS/GPU" })).toBeChecked();
  await expect(page.locator(".legend")).toContainText("4410001 | 1A | 8 GPUs | 1024/128 | H200");
});

test("every tab renders for the same selection, keeping the query", async ({ page }) => {
  const query = `run=${RUN_3667}&run=${RUN_12045}`;
  await page.goto(`/pareto?${query}`);
  await chartDrawn(page, "pareto-chart", 2);
  await expect(page.locator(".legend")).toContainText("3667 | 1P/4D | 8+32 GPUs | 1024/1024 | H100");
  await expect(page.getByTestId("metric-formulas")).toContainText("Output TPS/User = 1000Mean TPOT (ms)");

  await page.getByTestId("tab-latency").click();
  await expect(page).toHaveURL(`/latency?${query}`);
  for (const metric of ["ttft", "tpot", "itl"]) await chartDrawn(page, `latency-chart-${metric}`, 2);
  await expect(page.getByTestId("latency-summary-row")).toHaveCount(2);

  // 3667 of the loader fixtures has one prefill worker log and its config; 12045 has no worker logs.
  await page.getByTestId("tab-nodes").click();
  await expect(page).toHaveURL(`/nodes?${query}`);
  await chartDrawn(page, "node-chart-prefill-input-throughput", 1);
  await expect(page.getByTestId("node-no-logs")).toContainText("No log files found in 12045_2P_2D_20251115_101500");

  await page.getByTestId("tab-rate-match").click();
  await expect(page).toHaveURL(`/rate-match?${query}`);
  await expect(page.getByTestId("rate-run")).toHaveCount(2);
  await expect(page.getByTestId("rate-no-data")).toHaveCount(1);

  await page.getByTestId("tab-config").click();
  await expect(page).toHaveURL(`/config?${query}`);
  await expect(page.getByTestId("run-config")).toHaveCount(2);
  await expect(page.getByTestId("tab-config")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("tab-bar")).toHaveText(/Pareto Graph\s*Latency Analysis\s*Requests\s*Node Metrics\s*Rate Match\s*Configuration/);
});

test("summary and incomplete-run warning of the selected runs", async ({ page }) => {
  await page.goto(`/pareto?run=${RUN_3667}&run=${RUN_12045}`);
  await expect(page.getByTestId("summary-runs")).toHaveText("2");
  await expect(page.getByTestId("summary-points")).toHaveText("5");
  await expect(page.getByTestId("summary-max-tps")).toHaveText("9,876 TPS");
  await expect(page.getByTestId("summary-max-concurrency")).toHaveText("256");
  await expect(page.getByTestId("summary-profilers")).toHaveText("1 (sa-bench)");
  await expect(page.getByTestId("summary-containers")).toHaveText("Containers: ghcr.io/sgl-project/sglang:v0.4.1-cu121, lmsysorg/sglang:v0.5.3-cu129");
  await expect(page.getByTestId("incomplete-warnings")).toHaveText(/^Job 3667 is incomplete - Missing concurrencies: \[128\]\./);
});

test("Peak Output TPS: the summary card and the Latency table show sa-bench's peak_output_tokens_per_s", async ({ page }) => {
  // 4401463's results report peaks of 812 (c16) and 2400 (c64); 3667's predate the field.
  await page.goto(`/latency?run=4401463&run=${RUN_3667}`);
  await expect(page.getByTestId("summary-peak-tps")).toHaveText("2,400 TPS");
  await expect(page.getByTestId("latency-summary-peak")).toHaveText(["2,400", "N/A"]);
  await page.goto(`/latency?run=${RUN_3667}`);
  await expect(page.getByTestId("summary-peak-tps")).toHaveText("N/A");
});

test("a run loaded without readable metadata carries a visible warning", async ({ page }) => {
  await page.goto("/pareto?run=5002");
  await expect(page.getByTestId("run-warning")).toHaveText(
    "5002: unreadable 5002.json: empty file; loaded from its results alone, so GPU count, topology, model and dates are unknown",
  );
  await expect(page.getByTestId("summary-points")).toHaveText("1");
  // Every tab renders such a run (unknown fields and all) and keeps the warning in view.
  for (const tab of ["latency", "nodes", "rate-match", "config"]) {
    await page.goto(`/${tab}?run=5002`);
    await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("run-warning")).toContainText("5002: unreadable 5002.json: empty file");
  }
  await page.goto("/latency?run=5002");
  await chartDrawn(page, "latency-chart-ttft", 1); // latencies need no GPU count: its one point is drawn
  await page.goto(`/pareto?run=${RUN_3667}`);
  await expect(page.getByTestId("summary-runs")).toHaveText("1");
  await expect(page.getByTestId("run-warnings")).toHaveCount(0);
});

test("Latency Analysis: mean / median / p99 selector, in the URL, with min and max per run", async ({ page }) => {
  await page.goto(`/latency?run=${RUN_3667}`);
  await chartDrawn(page, "latency-chart-ttft", 1);
  const row = page.getByTestId("latency-summary-row");
  await expect(row).toHaveText(/3667 \| 1P\/4D.*120\.00210\.0020\.0032\.0019\.5031\.80/);
  await page.getByRole("radio", { name: "P99" }).check();
  await expect(page).toHaveURL(/stat=p99/);
  await expect(row).toHaveText(/300\.00640\.0025\.0045\.0030\.0060\.00N\/A$/);
  await expect(page.getByTestId("latency-chart-ttft").locator(".gtitle")).toHaveText("TTFT vs Concurrency (p99)");
  await page.getByRole("radio", { name: "Median" }).check();
  await expect(page).toHaveURL(/stat=median/);
  await expect(row).toHaveText(/110\.00190\.0019\.0030\.5019\.2030\.90N\/A$/);
});

test("empty states: missing or relative logs dir, no runs, all filtered out, none selected", async ({ page }, info) => {
  await page.goto("/pareto?logs=/nonexistent/outputs");
  await expect(page.getByTestId("empty-no-logs")).toContainText("Logs directory not found: /nonexistent/outputs");
  await expect(page.getByTestId("logs-dir-error")).toHaveText("Logs directory not found: /nonexistent/outputs");

  await page.goto("/pareto?logs=outputs");
  await expect(page.getByTestId("logs-dir-error")).toHaveText("The logs directory must be an absolute path (starting with /): outputs");

  const empty = info.outputPath("empty-logs");
  await (await import("node:fs/promises")).mkdir(empty, { recursive: true });
  await page.goto(`/pareto?logs=${encodeURIComponent(empty)}`);
  await expect(page.getByTestId("empty-no-runs")).toContainText(`No benchmark runs in ${empty}`);

  await page.goto("/pareto?topology=8A&islosl=8192/1024");
  await expect(page.getByTestId("empty-filtered")).toContainText("No runs match the filters");
  await expect(page.getByTestId("match-count")).toHaveText("0 runs match filters");
  await page.getByTestId("empty-filtered").getByTestId("clear-filters").click();
  await chartDrawn(page, "pareto-chart", 3);
  await expect(page).toHaveURL(/\/pareto$/);

  await page.goto("/latency?run=");
  await expect(page.getByTestId("empty-no-selection")).toContainText("No run selected");
  await page.getByRole("button", { name: "Select the newest three" }).click();
  await chartDrawn(page, "latency-chart-tpot", 3);
});
