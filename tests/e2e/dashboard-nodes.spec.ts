import { chartDrawn, DEMO_DIR, expect, NO_WAIT_URL, RUN_3667, test } from "./helpers";

// The generated demo (tmp/e2e-demo-logs): 3667 is disaggregated 1P/4D in the guide layout (DP8 workers,
// configs beside the logs); 4401453 is aggregated, 8 workers in the logs/ layout; 4405566's decode_w1
// logged no batch lines.
const AGG_RUN = "4401453";
const demo = (tab: string, runs: string[], extra = "") => `/${tab}?logs=${encodeURIComponent(DEMO_DIR)}&${runs.map((run) => `run=${run}`).join("&")}${extra}`;

test("Node Metrics: a section per kind of node with counts and captions; the aggregation selector changes the lines", async ({ page }) => {
  await page.goto(demo("nodes", [RUN_3667, AGG_RUN]));
  await expect(page.getByTestId("node-counts")).toHaveText("Found 1 prefill node, 4 decode nodes and 8 aggregated nodes in 2 runs");
  await expect(page.getByLabel("Aggregate all nodes (single averaged line)")).toBeChecked();
  await chartDrawn(page, "node-chart-agg-input-throughput", 1);
  await chartDrawn(page, "node-chart-prefill-inflight", 1);
  await chartDrawn(page, "node-chart-decode-running", 1);
  await expect(page.getByTestId("node-section-prefill").getByTestId("node-section-count")).toHaveText("1 prefill node in 1 run");
  await expect(page.getByTestId("node-section-agg").getByTestId("node-section-count")).toHaveText("8 aggregated nodes in 1 run");
  await expect(page.getByTestId("node-section-prefill").getByTestId("chart-caption").first()).toHaveText("Tokens/s being processed in prefill: how fast input prompts are taken in.");
  await expect(page.getByTestId("node-section-decode").getByTestId("chart-caption").nth(3)).toContainText("Decode capacity indicator");
  await expect(page.getByTestId("node-chart-decode-running").locator(".legend")).toContainText("3667 | 1P/4D | 8+32 GPUs | all nodes");
  await expect(page.getByTestId("node-chart-decode-kv-cache").locator(".ytitle")).toHaveText("Utilization (%)");
  await expect(page.getByTestId("node-chart-decode-kv-cache").locator(".xtitle")).toHaveText("Time Elapsed (s)");

  await page.getByLabel("Show individual nodes").check();
  await expect(page).toHaveURL(/agg=individual/);
  await chartDrawn(page, "node-chart-decode-running", 4);
  await chartDrawn(page, "node-chart-agg-queued", 8);
  await expect(page.getByTestId("node-chart-decode-running").locator(".legend")).toContainText("3667 | 1P/4D | 8+32 GPUs | watchtower-navy-cn03-d-w1");

  await page.getByLabel("Group by DP rank (average per DP)").check();
  await expect(page).toHaveURL(/agg=dp/);
  await chartDrawn(page, "node-chart-decode-running", 8);
  await expect(page.getByTestId("node-chart-decode-running").locator(".legend")).toContainText("3667 | 1P/4D | 8+32 GPUs | DP7");
  await page.reload();
  await expect(page.getByLabel("Group by DP rank (average per DP)")).toBeChecked();
  await chartDrawn(page, "node-chart-prefill-input-throughput", 8);
});

test("Node Metrics: disaggregation queues stacked or separate, in the URL", async ({ page }) => {
  await page.goto(demo("nodes", [RUN_3667]));
  await chartDrawn(page, "node-chart-disagg-stacked", 3);
  await expect(page.getByTestId("node-section-disagg").getByTestId("chart-caption")).toContainText("Prealloc Queue (requests waiting for memory allocation)");
  await expect(page.getByTestId("node-chart-disagg-stacked").locator(".legend")).toContainText("3667 | 1P/4D | 8+32 GPUs | all nodes | Transfer Queue");
  await expect(page.getByTestId("node-section-agg")).toHaveCount(0);

  await page.getByLabel("Separate Graphs").check();
  await expect(page).toHaveURL(/disagg=separate/);
  await chartDrawn(page, "node-chart-decode-transfer", 1);
  await chartDrawn(page, "node-chart-decode-prealloc", 1);
  await expect(page.getByTestId("node-chart-disagg-stacked")).toHaveCount(0);
  await page.getByLabel("Stacked (Combined)").check();
  await chartDrawn(page, "node-chart-disagg-stacked", 3);
  await expect(page.getByTestId("node-chart-decode-transfer")).toHaveCount(0);
});

test("Node Metrics: a silent decode worker and a run without worker logs get notes, not empty charts", async ({ page }) => {
  await page.goto(demo("nodes", ["4405566"]));
  await chartDrawn(page, "node-chart-decode-gen-throughput", 1);
  await expect(page.getByTestId("node-notes")).toContainText(
    'decode worker b200-dgx-015 w1 logged no batch lines in logs/b200-dgx-015_decode_w1.out (looked for SGLang "Prefill batch, …" / "Decode batch, …" lines',
  );

  await page.goto("/nodes?run=12045_2P_2D_20251115_101500");
  await expect(page.getByTestId("node-no-logs")).toContainText(
    "No log files found in 12045_2P_2D_20251115_101500: looked for <node>_{prefill,decode,agg}_w<i>[_DP<d>].{out,err} in the run dir or its logs/.",
  );
  await expect(page.locator('[data-testid^="node-chart-"]')).toHaveCount(0);
});

test("a run still loading shows its progress in place of the charts, then the charts", async ({ page }) => {
  // This server answers before any node data is read, as it would during a long first parse.
  await page.goto(`${NO_WAIT_URL}/nodes?run=${RUN_3667}&run=4401463&agg=individual`);
  const progress = page.getByTestId("node-load-progress");
  await expect(progress.first()).toBeVisible();
  await expect(progress.first()).toContainText("Loading node metrics of");
  await chartDrawn(page, "node-chart-decode-running", 5);
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId("aggregation-selector")).toBeVisible();

  await page.getByLabel("Group by DP rank (average per DP)").check();
  await chartDrawn(page, "node-chart-decode-running", 9);
  await page.getByTestId("tab-rate-match").click();
  await expect(page.getByTestId("rate-run")).toHaveCount(2);
  await expect(page.locator('[data-testid="rate-chart"][data-ready="true"]')).toHaveCount(2);
  await expect(page.getByTestId("node-load-progress")).toHaveCount(0);
});

test("Rate Match: prefill vs decode per disaggregated run, cards, req/s toggle; aggregated runs not applicable", async ({ page }) => {
  await page.goto(demo("rate-match", [RUN_3667, AGG_RUN]));
  await chartDrawn(page, "rate-chart", 2);
  await expect(page.getByTestId("rate-run")).toHaveCount(1);
  await expect(page.getByTestId("rate-chart").locator(".ytitle")).toHaveText("Throughput (tokens/s)");
  await expect(page.getByTestId("rate-chart").locator(".legend")).toContainText("Prefill Input");
  await expect(page.getByTestId("fact-prefill-nodes")).toHaveText("1");
  await expect(page.getByTestId("fact-decode-nodes")).toHaveText("4");
  await expect(page.getByTestId("fact-gpu-split")).toHaveText("8 prefill / 32 decode GPUs (1 : 4)");
  await expect(page.getByTestId("fact-isl-osl")).toHaveText("1024/1024");
  await expect(page.getByTestId("rate-not-applicable")).toContainText("4401453 | 8A | 16 GPUs");
  await expect(page.getByTestId("rate-guide")).toContainText("Decode consistently below prefill: Need more decode nodes");

  await page.getByLabel(/Requests\/s/).check();
  await expect(page).toHaveURL(/rate=requests/);
  await expect(page.getByTestId("rate-chart").locator(".ytitle")).toHaveText("Rate (requests/s)");
  await page.reload();
  await expect(page.getByTestId("rate-chart").locator(".ytitle")).toHaveText("Rate (requests/s)");
});

test("Configuration: overview, topology, a worker's flags and environment, in both layouts", async ({ page }) => {
  await page.goto(demo("config", [RUN_3667, AGG_RUN]));
  const legacy = page.locator(`[data-testid="run-config"][data-run-dir="${RUN_3667}"]`);
  await expect(legacy.getByTestId("fact-nodes")).toHaveText("1 prefill + 4 decode (5 in all)");
  await expect(legacy.getByTestId("fact-profiler")).toHaveText("sa-bench");
  await expect(legacy.getByTestId("config-topology").getByTestId("fact-decode")).toHaveText("4");
  await expect(legacy.getByTestId("config-topology").getByTestId("fact-frontend")).toHaveText("1");
  await expect(legacy.getByTestId("topology-node")).toHaveCount(5);
  await expect(legacy.locator('[data-testid="config-flag"][data-flag="--disaggregation-mode"]')).toHaveText("--disaggregation-modeprefill");
  await expect(legacy.locator('[data-testid="env-var"][data-name="NCCL_IB_HCA"]')).toBeVisible();
  const cuda = legacy.getByTestId("env-cuda");
  await expect(cuda.locator('[data-testid="env-var"]').first()).toBeHidden();
  await cuda.locator("summary").click();
  await expect(cuda.locator('[data-testid="env-var"][data-name="CUDA_DEVICE_MAX_CONNECTIONS"]')).toBeVisible();

  await legacy.getByTestId("config-node-select").selectOption("watchtower-navy-cn03_decode_w1");
  await expect(page).toHaveURL(/cfg=3667_1P_4D_20251110_192145%40watchtower-navy-cn03_decode_w1/);
  await expect(legacy.locator('[data-testid="config-flag"][data-flag="--disaggregation-mode"]')).toHaveText("--disaggregation-modedecode");
  await page.reload();
  await expect(legacy.getByTestId("config-node-select")).toHaveValue("watchtower-navy-cn03_decode_w1");

  const agg = page.locator(`[data-testid="run-config"][data-run-dir="${AGG_RUN}"]`);
  await expect(agg.getByTestId("config-topology").getByTestId("fact-aggregated")).toHaveText("8");
  await expect(agg.getByTestId("config-node-select").locator("optgroup")).toHaveAttribute("label", "Other");
  await expect(agg.locator('[data-testid="config-flag"][data-flag="--tp-size"]')).toHaveText("--tp-size2");
  await expect(agg.locator('[data-testid="env-var"][data-name="SGLANG_ENABLE_JIT_DEEPGEMM"]')).toBeVisible();
});
