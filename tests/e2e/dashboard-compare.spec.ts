import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { chartDrawn, DIFF_DIR, expect, test } from "./helpers";

const logs = `logs=${encodeURIComponent(DIFF_DIR)}`;

test("Compare: two tag groups from the Pareto tab, the Δ table at default and typed levels", async ({ page }) => {
  await page.goto(`/pareto?${logs}`);
  await page.getByTestId("pareto-compare-link").click();
  await expect(page).toHaveURL(/\/compare\?/);
  await page.getByTestId("compare-base").selectOption("tag:before");
  await expect(page).toHaveURL(/base=tag%3Abefore/);
  await page.getByTestId("compare-cand").selectOption("tag:after");
  await expect(page).toHaveURL(/cand=tag%3Aafter/);

  await chartDrawn(page, "compare-frontier-chart", 2);
  await chartDrawn(page, "compare-delta-chart", 1);
  await expect(page.locator(".legend")).toContainText(["Baseline: tag before (1 run)"]);
  // "after" delivers 1.1x the output throughput of "before" at the same latencies (prepare-logs.mjs):
  // its frontier is the baseline's scaled by 1.1, so +10 % at every level and an area ratio of 1.1.
  const pct = page.getByTestId("compare-delta-pct");
  await expect(pct).toHaveCount(3);
  await expect(pct).toHaveText(["+10.0%", "+10.0%", "+10.0%"]);
  await expect(page.getByTestId("compare-area-ratio")).toHaveText("1.100");

  const levels = page.getByTestId("compare-levels");
  await levels.fill("");
  const first = await page.getByTestId("compare-delta-row").first().locator("td").first().textContent();
  await levels.fill(`${first}`);
  await levels.press("Enter");
  await expect(page).toHaveURL(/lv=/);
  await expect(page.getByTestId("compare-delta-row")).toHaveCount(1);
  await expect(pct).toHaveText(["+10.0%"]);
});

/** Two 16-GPU runs written by hand: [concurrency, output TPS, mean TPOT ms] per point. */
async function floorLogsDir(): Promise<string> {
  const dir = path.join(process.cwd(), "tmp", `e2e-floor-logs-${process.env.E2E_PORT ?? "8531"}`);
  await rm(dir, { recursive: true, force: true });
  // Baseline frontier (TPS/User, TPS/GPU): (10, 200), (20, 100), (40, 0.5), a tail that goes to ~0; candidate
  // (10, 220), (40, 30). At 40 TPS/User the change would be +5900 %; the 5 % floor (10 TPS/GPU) cuts at 38.09.
  const runs: [string, string, [number, number, number][]][] = [
    ["300", "base", [[64, 3200, 100], [32, 1600, 50], [8, 8, 25]]],
    ["400", "cur", [[64, 3520, 100], [8, 480, 25]]],
  ];
  for (const [jobId, tag, points] of runs) {
    const results = path.join(dir, jobId, "logs", "sa-bench_isl_1024_osl_1024");
    await mkdir(results, { recursive: true });
    const metadata = { version: "2.0", job_id: jobId, resources: { gpu_type: "h100", gpus_per_node: 8, prefill_nodes: 1, decode_nodes: 1, prefill_workers: 1, decode_workers: 1 }, benchmark: { type: "sa-bench", isl: 1024, osl: 1024 }, tags: [tag] };
    await writeFile(path.join(dir, jobId, `${jobId}.json`), JSON.stringify(metadata));
    for (const [c, tps, tpot] of points) {
      await writeFile(path.join(results, `results_concurrency_${c}_gpus_16.json`), JSON.stringify({ max_concurrency: c, output_throughput: tps, mean_tpot_ms: tpot }));
    }
  }
  return dir;
}

test("Compare: Δ% stops where the baseline frontier falls below 5% of its peak, and the page says so", async ({ page }) => {
  const dir = await floorLogsDir();
  await page.goto(`/compare?logs=${encodeURIComponent(dir)}&base=tag%3Abase&cand=tag%3Acur&lv=15&lv=39`);
  await chartDrawn(page, "compare-delta-chart", 1);
  await expect(page.getByTestId("compare-floor-note")).toHaveText(
    "Δ% stops at 38.09 TPS/User: beyond it the baseline frontier falls below 5% of its peak (10.00 TPS/GPU), where a % change means nothing.",
  );
  // At 15 TPS/User: baseline 150, candidate 220 - 190 * 5 / 30 = 188.33, +25.6 %; 39 is past the floor.
  await expect(page.getByTestId("compare-delta-pct")).toHaveText(["+25.6%", "— (baseline < floor)"]);
  await expect(page.getByTestId("compare-delta-chart").locator(".annotation-text")).toHaveText("not compared past here: baseline < 5% of its peak →");
  // The Δ% line's largest value is the one at the floor: (42.12 - 10) / 10, never the +5900 % at 40 TPS/User.
  const ticks = await page.getByTestId("compare-delta-chart").locator(".ytick text").allTextContents();
  expect(Math.max(...ticks.map((t) => Number(t.replace(/[%,]/g, ""))))).toBeLessThan(500);
  await page.getByTestId("compare-delta-chart").screenshot({ path: "tmp/shots/compare-floor.png" });
});
