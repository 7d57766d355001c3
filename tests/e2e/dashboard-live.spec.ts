import { mkdir, appendFile, readFile, rm, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";
import { chartDrawn, expect, test } from "./helpers";

/** A run still being written: 1 of its 2 concurrencies done, worker logs growing. Under tmp/ (a served logs root). */
const LIVE_DIR = path.join(process.cwd(), "tmp", `e2e-live-${process.pid}`);
const RUN = "7001";
const RUN_DIR = path.join(LIVE_DIR, RUN);
const RESULTS = path.join(RUN_DIR, "logs", "sa-bench_isl_1024_osl_1024");
const DECODE_LOG = path.join(RUN_DIR, "logs", "n2_decode_w0.out");
const FIXTURE_RESULT = "tests/fixtures/loader/current-v2-logs-layout/logs/4401470/logs/sa-bench_isl_1024_osl_1024/results_concurrency_32_gpus_16.json";

const stamp = (sec: number) => `2026-12-06 11:${String(Math.floor(sec / 60)).padStart(2, "0")}:${String(sec % 60).padStart(2, "0")}`;
const decode = (sec: number, running: number) => `[${stamp(sec)} DP0 TP0 EP0] Decode batch, #running-req: ${running}, #token: 7198, token usage: 0.1, cuda graph: True, gen throughput (token/s): ${running * 100}.0, #queue-req: 0\n`;
const prefill = (sec: number) => `[${stamp(sec)} DP0 TP0 EP0] Prefill batch, #new-seq: 2, #new-token: 2048, #cached-token: 0, token usage: 0.1, #running-req: 0, #queue-req: 1, input throughput (token/s): 9000.0\n`;

async function result(concurrency: number, outputTps: number): Promise<string> {
  const raw = JSON.parse(await readFile(FIXTURE_RESULT, "utf8"));
  return JSON.stringify({ ...raw, max_concurrency: concurrency, output_throughput: outputTps, total_token_throughput: outputTps * 2 });
}

/** A run dir with metadata (concurrencies 16 and 32), worker logs, and results for `done`. */
async function makeRun(jobId: string, done: number[]) {
  const dir = path.join(LIVE_DIR, jobId);
  const results = path.join(dir, "logs", "sa-bench_isl_1024_osl_1024");
  await mkdir(results, { recursive: true });
  const metadata = {
    version: "2.0", job_id: jobId, job_name: "live-run", generated_at: "2026-12-06 10:50:00",
    model: { path: "qwen3-32b", container: "sglang", precision: "bf16" },
    resources: { gpu_type: "h100", gpus_per_node: 8, prefill_nodes: 1, decode_nodes: 1, agg_nodes: null, prefill_workers: 1, decode_workers: 1, agg_workers: null, gpus_per_prefill: 8, gpus_per_decode: 8, gpus_per_agg: null },
    backend_type: "sglang", frontend_type: "dynamo",
    // Older flat files carry the sweep's concurrencies: 32 is still to come.
    benchmark: { type: "sa-bench", isl: 1024, osl: 1024, concurrencies: "16x32" },
  };
  await writeFile(path.join(dir, `${jobId}.json`), JSON.stringify(metadata));
  for (const c of done) await writeFile(path.join(results, `results_concurrency_${c}_gpus_16_ctx_1_gen_1.json`), await result(c, c * 100));
  await writeFile(path.join(dir, "logs", "n1_prefill_w0.out"), prefill(0) + prefill(10));
  await writeFile(path.join(dir, "logs", "n2_decode_w0.out"), decode(1, 4) + decode(11, 6));
  return dir;
}

test.beforeAll(async () => {
  await makeRun(RUN, [16]);
  // Finished: every concurrency has its result, though its files are fresh.
  await makeRun("7002", [16, 32]);
  // Finished too: half done, but nothing was written for two days (a job that died long ago).
  const old = await makeRun("7003", [16]);
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  for (const file of ["7003.json", "logs/n1_prefill_w0.out", "logs/n2_decode_w0.out", "logs/sa-bench_isl_1024_osl_1024/results_concurrency_16_gpus_16_ctx_1_gen_1.json"]) {
    await utimes(path.join(old, file), twoDaysAgo, twoDaysAgo);
  }
});

test.afterAll(async () => {
  await rm(LIVE_DIR, { recursive: true, force: true });
});

const url = (tab: string) => `/${tab}?logs=${encodeURIComponent(LIVE_DIR)}&run=${RUN}`;

/** Points of every trace of a Plotly chart, read from the drawn figure. */
const pointsOf = (page: Page, testId: string) =>
  page.getByTestId(testId).locator(".js-plotly-plot").evaluate((el) => ((el as unknown as { data: { x: unknown[] }[] }).data ?? []).reduce((n, t) => n + t.x.length, 0));

test("a running run's Node Metrics, Rate Match and Pareto grow while open, without a reload", async ({ browser }) => {
  const context = await browser.newContext();
  const nodes = await context.newPage();
  const pareto = await context.newPage();
  const rate = await context.newPage();
  await nodes.goto(url("nodes"));
  await pareto.goto(url("pareto"));
  await rate.goto(url("rate-match"));
  for (const page of [nodes, pareto, rate]) {
    await expect(page.getByTestId("live-run")).toContainText("running");
    // Marks this document: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 1));
  }
  // The picker badges the one running run of the three.
  await expect(nodes.getByTestId("run-activity-badge")).toHaveCount(1);
  await expect(nodes.locator(`[data-testid=run-option][data-run-dir="${RUN}"]`).getByTestId("run-activity-badge")).toHaveText("running");
  await chartDrawn(nodes, "node-chart-decode-running");
  expect(await pointsOf(nodes, "node-chart-decode-running")).toBe(2);
  await chartDrawn(pareto, "pareto-chart");
  const paretoBefore = await pointsOf(pareto, "pareto-chart");
  await chartDrawn(rate, "rate-chart");
  const rateBefore = await pointsOf(rate, "rate-chart");

  // A user zooms the decode chart (drag across the plot area): the zoom must survive the live redraws.
  const rangeOf = () => nodes.getByTestId("node-chart-decode-running").locator(".js-plotly-plot").evaluate((el) => (el as unknown as { _fullLayout: { xaxis: { range: number[] } } })._fullLayout.xaxis.range.map(Number));
  const full = await rangeOf();
  await nodes.getByTestId("node-chart-decode-running").scrollIntoViewIfNeeded();
  const drag = await nodes.getByTestId("node-chart-decode-running").locator(".nsewdrag").first().boundingBox();
  if (!drag) throw new Error("no drag area on the decode chart");
  await nodes.mouse.move(drag.x + drag.width * 0.3, drag.y + drag.height / 2);
  await nodes.mouse.down();
  await nodes.mouse.move(drag.x + drag.width * 0.6, drag.y + drag.height / 2, { steps: 5 });
  await nodes.mouse.up();
  await expect.poll(rangeOf).not.toEqual(full);
  const zoomed = await rangeOf();

  await appendFile(path.join(RUN_DIR, "logs", "n1_prefill_w0.out"), prefill(20) + prefill(30) + prefill(40));
  await appendFile(DECODE_LOG, decode(21, 7) + decode(31, 9) + decode(41, 12));
  await expect.poll(() => pointsOf(nodes, "node-chart-decode-running"), { timeout: 15_000 }).toBe(5);
  expect(await rangeOf()).toEqual(zoomed);
  await expect.poll(() => pointsOf(rate, "rate-chart"), { timeout: 15_000 }).toBeGreaterThan(rateBefore);

  // Health live: a CUDA OOM written by the running worker raises the run's badge.
  const option = nodes.locator(`[data-testid=run-option][data-run-dir="${RUN}"]`);
  // (Its badge may already say a concurrency is missing; no OOM yet.)
  await expect(option).not.toContainText("OOM");
  await appendFile(DECODE_LOG, "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB.\n");
  await expect(option.getByTestId("run-health-badge")).toContainText("OOM", { timeout: 15_000 });

  await writeFile(path.join(RESULTS, "results_concurrency_32_gpus_16_ctx_1_gen_1.json"), await result(32, 3000));
  await expect.poll(() => pointsOf(pareto, "pareto-chart"), { timeout: 15_000 }).toBeGreaterThan(paretoBefore);
  // Every expected concurrency has its result now: the run is finished and the live indicator goes.
  await expect(pareto.getByTestId("live-indicator")).toHaveCount(0, { timeout: 15_000 });

  for (const page of [nodes, pareto, rate]) {
    expect(await page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark)).toBe(1);
    expect(new URL(page.url()).search).toBe(new URL(url("x"), "http://h").search);
  }
  await context.close();
});

test("finished runs open no event stream and show no live indicator", async ({ page }) => {
  const streams: string[] = [];
  page.on("request", (request) => request.url().includes("/events") && streams.push(request.url()));
  await page.goto(`/pareto?logs=${encodeURIComponent(LIVE_DIR)}&run=7002&run=7003`);
  await chartDrawn(page, "pareto-chart");
  await page.waitForTimeout(500);
  expect(streams).toEqual([]);
  await expect(page.getByTestId("live-indicator")).toHaveCount(0);
});
