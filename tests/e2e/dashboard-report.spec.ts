import { spawnSync } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chartDrawn, expect, RUN_12045, RUN_3667, test } from "./helpers";

const EVIL = "</script><img src=x onerror=alert(1)>";

/** `srtlog report` over a copy of the legacy fixture whose run 3667 carries a hostile tag. */
async function writeReport(dir: string): Promise<string> {
  const logs = path.join(dir, "logs");
  await cp(path.resolve("tests/fixtures/loader/legacy-v1-disagg/logs"), logs, { recursive: true });
  const metadata = path.join(logs, RUN_3667, "3667.json");
  await writeFile(metadata, (await readFile(metadata, "utf8")).replace('"tags": ["baseline", "h100"]', `"tags": ${JSON.stringify(["baseline", EVIL])}`));
  const out = path.join(dir, "report.html");
  const result = spawnSync(process.execPath, [path.resolve("bin/srtlog.mjs"), "report", "--all", "--logs", logs, "--out", out], { encoding: "utf8" });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return out;
}

test("the report opens from file:// with no request but itself, draws the Pareto chart and keeps a hostile tag inert", async ({ page }, testInfo) => {
  const file = await writeReport(testInfo.outputDir);
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const url = pathToFileURL(file).href;
  await page.goto(url);
  // Plotly draws the Pareto chart: 5 run points (3667: 3, 12045: 2) and 2 frontier markers (12045's
  // points, at 42 and 80 TPS/User, are above every 3667 point, whose TPS/User is at most 50).
  const pareto = page.locator("#chart-pareto");
  await expect(pareto.locator(".main-svg").first()).toBeVisible();
  await expect(pareto.locator(".scatterlayer .trace path.point")).toHaveCount(7);
  for (const id of ["ttft", "tpot", "itl"]) await expect(page.locator(`#chart-${id} .main-svg`).first()).toBeVisible();
  // The tag is text on the page, never an element; no script ran from it.
  await expect(page.locator("#config")).toContainText(EVIL);
  expect(await page.locator("img").count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(requests).toEqual([url]);
});

test("the report's tables read without scripts, as in an email preview", async ({ browser }, testInfo) => {
  const file = await writeReport(testInfo.outputDir);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href);
  await expect(page.locator("#summary")).toContainText("Summary: 5 point(s)");
  await expect(page.locator("#summary table tr")).toHaveCount(6);
  await expect(page.locator("#config")).toContainText("ghcr.io/sgl-project/sglang:v0.4.1-cu121");
  await expect(page.locator("#health")).toContainText("missing concurrencies: 128");
  await expect(page.locator("#command")).toContainText("srtlog report --all --logs");
  await expect(page.locator("noscript").first()).toBeAttached();
  await context.close();
});

test("Download report on the dashboard gives the current view as one HTML file", async ({ page }) => {
  await page.goto(`/pareto?run=${RUN_3667}&run=${RUN_12045}&max-ttft-p99=500`);
  await chartDrawn(page, "pareto-chart");
  // On Pareto the link sits beside the CSV download, and only there.
  await expect(page.getByTestId("download-report")).toHaveCount(1);
  const downloading = page.waitForEvent("download");
  await page.getByTestId("download-report").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("srtlog-report-jobs-12045-3667.html");
  const html = await readFile((await download.path())!, "utf8");
  expect(html.startsWith("<!doctype html>")).toBe(true);
  expect(html).toContain("<td>3667</td>");
  expect(html).toContain("<td>12045</td>");
  expect(html).toContain("p99 TTFT ≤ 500 ms");
  expect(html).toContain(`srtlog report ${RUN_3667} ${RUN_12045} --max-ttft-p99 500 --logs`);
  // Another tab has it too, in the header, for its own view.
  await page.getByTestId("tab-latency").click();
  await expect(page).toHaveURL(/\/latency\?/);
  await expect(page.getByTestId("download-report")).toHaveAttribute("href", `/api/report?run=${RUN_3667}&run=${RUN_12045}&max-ttft-p99=500`);
});
