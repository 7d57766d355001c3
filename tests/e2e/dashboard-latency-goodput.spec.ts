import path from "node:path";
import { expect, test } from "./helpers";

// tmp/e2e-requests-logs (prepare-logs.mjs): run 7001, 4 GPUs, 10 s per point, 10 output tokens a request;
// c=4: TTFT 50 + i ms (i < 200); c=16: TTFT 200 + 2i ms, three failures (i = 7, 13, 21). Mean TTFT 100 ms both.
const REQUESTS_DIR = path.join(process.cwd(), "tmp", "e2e-requests-logs");

test("Latency tab with goodput as the Pareto y: the best point under the SLA is ranked by goodput, as the Pareto tab and the report rank it", async ({ page }) => {
  const row = page.getByTestId("sla-best-row").first().locator("td");
  // Both points pass (mean TTFT 100 ms). Goodput (TTFT <= 500 ms per request): c=4 all 200 requests,
  // 200 x 10 / 10 s / 4 GPUs = 50; c=16 i <= 150 less the three failures, 148 x 10 / 10 / 4 = 37.
  for (const tab of ["pareto", "latency"]) {
    await page.goto(`/${tab}?logs=${encodeURIComponent(REQUESTS_DIR)}&run=7001&y=goodput&max-ttft-mean=500`);
    await expect(page.getByTestId("sla-best-table").locator("th").nth(2)).toHaveText("Goodput TPS/GPU");
    await expect(row.nth(1)).toHaveText("4");
    await expect(row.nth(2)).toHaveText("50.00");
  }
});
