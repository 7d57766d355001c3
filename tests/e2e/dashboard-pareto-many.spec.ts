import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { chartDrawn, expect, test } from "./helpers";

/**
 * A logs dir of 700 copies of fixture run 3667 (3 points each: 2,100 points, past both the 50-run
 * trace grouping and the 2,000-point payload trimming), laid out on a grid so no two copies overlap:
 * run k = 50 * row + col has its Mean TPOT divided by 1 + col/10 (TPS/User times that) and its output
 * throughput times 1 + row/2.
 */
const MANY_DIR = path.join(process.cwd(), "tmp", "e2e-many-logs");
const RUNS = 700;
const SOURCE = path.resolve("tests/fixtures/loader/legacy-v1-disagg/logs/3667_1P_4D_20251110_192145");

async function writeManyRuns(): Promise<void> {
  await rm(MANY_DIR, { recursive: true, force: true });
  const metadata = JSON.parse(await readFile(path.join(SOURCE, "3667.json"), "utf8"));
  const results = path.join(SOURCE, "sa-bench_isl_1024_osl_1024");
  const files = await readdir(results);
  for (let k = 0; k < RUNS; k++) {
    const jobId = String(70000 + k);
    const run = path.join(MANY_DIR, `${jobId}_1P_4D_20251110_192145`);
    await mkdir(path.join(run, "sa-bench_isl_1024_osl_1024"), { recursive: true });
    await writeFile(path.join(run, `${jobId}.json`), JSON.stringify({ ...metadata, run_metadata: { ...metadata.run_metadata, slurm_job_id: jobId } }));
    for (const name of files) {
      const text = await readFile(path.join(results, name), "utf8");
      const [row, col] = [Math.floor(k / 50), k % 50];
      const scaled = text
        .replace(/("output_throughput":\s*)([0-9.eE+-]+)/, (_, key, value) => `${key}${Number(value) * (1 + row / 2)}`)
        .replace(/("mean_tpot_ms":\s*)([0-9.eE+-]+)/, (_, key, value) => `${key}${Number(value) / (1 + col / 10)}`);
      await writeFile(path.join(run, "sa-bench_isl_1024_osl_1024", name), scaled);
    }
  }
}

test.beforeAll(async () => {
  await writeManyRuns();
});

test("700 runs with ?run=all: drawn as one trace per colour with no legend, and a clicked point is picked", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`/pareto?logs=${encodeURIComponent(MANY_DIR)}&run=all`, { timeout: 120_000 });
  await expect(page.getByTestId("pareto-chart")).toHaveAttribute("data-ready", "true", { timeout: 120_000 });
  // One trace per colour: run colours are hashed from the run directory into Paul Tol's nine muted colours,
  // and 700 runs use all nine (a missing one would need ~700 hashes to miss a ninth of the palette).
  await chartDrawn(page, "pareto-chart", 9);
  await expect(page.getByTestId("grouped-note")).toContainText(`${RUNS} runs are drawn without a legend`);
  await expect(page.getByTestId("pareto-chart").locator(".legend")).toHaveCount(0);
  // The sidebar lists the first 100 runs and offers the rest.
  await expect(page.getByTestId("run-option")).toHaveCount(100);
  await expect(page.getByTestId("selected-count")).toHaveText(`${RUNS} of ${RUNS} selected`);
  // Search looks through every run, listed or not (job 70005 is among the oldest: not in the first 100).
  await page.getByTestId("run-search").fill("70005");
  await expect(page.getByTestId("run-option")).toHaveCount(1);
  await page.getByTestId("run-search").fill("");
  await page.getByTestId("show-all-runs").click();
  await expect(page.getByTestId("run-option")).toHaveCount(RUNS);

  // A highest point (last row, highest concurrency): on top, apart from every other.
  const plot = page.getByTestId("pareto-chart").locator(".js-plotly-plot");
  const locate = () =>
    plot.evaluate((el) => {
      const gd = el as unknown as { data: { x: (number | null)[]; y: (number | null)[]; customdata: ([string, number] | null)[] }[]; _fullLayout: { xaxis: { l2p: (v: number) => number }; yaxis: { l2p: (v: number) => number }; _size: { l: number; t: number } } };
      // The top row's copies share one y and sit ~2% apart in x: take its right-most point, whose only neighbour is on its left.
      let best = { trace: -1, point: -1, y: -Infinity, x: -Infinity };
      gd.data.forEach((trace, t) =>
        trace.y.forEach((y, i) => {
          const x = trace.x[i];
          if (y === null || x === null || !trace.customdata?.[i]) return;
          if (y > best.y || (y === best.y && x > best.x)) best = { trace: t, point: i, y, x };
        }),
      );
      const box = el.getBoundingClientRect();
      const { xaxis, yaxis, _size } = gd._fullLayout;
      const x = gd.data[best.trace].x[best.point] as number;
      return { ...best, customdata: gd.data[best.trace].customdata[best.point]!, px: box.left + _size.l + xaxis.l2p(x), py: box.top + _size.t + yaxis.l2p(best.y) };
    });
  let target = await locate();
  expect(Number(target.customdata[0].slice(0, 5)) - 70000).toBeGreaterThanOrEqual(650);
  // The chart is below the summary's warnings (every copy misses a concurrency): bring it into view, hover
  // until Plotly shows the target's label, then click. A redraw (a late render) can clear the hover: retry.
  const hoverText = plot.locator(".hoverlayer .hovertext");
  let hovered = { trace: -1, point: -1, customdata: ["", 0] as [string, number] };
  await expect(async () => {
    await plot.scrollIntoViewIfNeeded();
    target = await locate();
    // A pixel or two right of the centre (still on the marker): away from the left neighbour's marker.
    await page.mouse.move(target.px + 5, target.py - 5);
    await page.mouse.move(target.px + 2, target.py);
    await expect(hoverText).toBeVisible({ timeout: 1000 });
    hovered = await plot.evaluate((el) => {
      const gd = el as unknown as { _hoverdata: { curveNumber: number; pointNumber: number }[]; data: { customdata: [string, number][] }[] };
      const { curveNumber, pointNumber } = gd._hoverdata[0];
      return { trace: curveNumber, point: pointNumber, customdata: gd.data[curveNumber].customdata[pointNumber] };
    });
    expect(hovered.customdata).toEqual(target.customdata);
    await expect(hoverText).toContainText(`Run: ${hovered.customdata[0]}`, { timeout: 1000 });
    await page.mouse.click(target.px + 2, target.py);
    await expect(page).toHaveURL(/pt=/, { timeout: 5000 });
  }).toPass({ timeout: 60_000 });
  expect(hovered.customdata[0]).toMatch(/^70\d{3}_1P_4D_20251110_192145$/);
  await expect(page).toHaveURL(new RegExp(`pt=${hovered.customdata[0]}%40${hovered.customdata[1]}`));
  await expect(page.getByTestId("point-a")).toContainText(`@ concurrency ${hovered.customdata[1]}`);
  // The pick is drawn bigger, still in the grouped trace.
  await expect.poll(() => plot.evaluate((el, t) => (el as unknown as { data: { marker: { size: number[] } }[] }).data[t.trace].marker.size[t.point], hovered)).toBe(16);
});
