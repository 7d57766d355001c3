import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { chartDrawn, expect, test } from "./helpers";

/**
 * A logs dir of 700 copies of fixture run 3667 (3 points each: 2,100 points, past both the 50-run
 * trace grouping and the 2,000-point payload trimming), run k's output throughput scaled by 1 + k/100
 * so every copy sits at its own height.
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
      const scaled = text.replace(/("output_throughput":\s*)([0-9.eE+-]+)/, (_, key, value) => `${key}${Number(value) * (1 + k / 100)}`);
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
  await chartDrawn(page, "pareto-chart", 20);
  await expect(page.getByTestId("grouped-note")).toContainText(`${RUNS} runs are drawn without a legend`);
  await expect(page.getByTestId("pareto-chart").locator(".legend")).toHaveCount(0);
  // The sidebar lists the first 100 runs and offers the rest.
  await expect(page.getByTestId("run-option")).toHaveCount(100);
  await expect(page.getByTestId("selected-count")).toHaveText(`${RUNS} of ${RUNS} selected`);

  // The highest point (the last copy, scaled most, at its highest concurrency): on top of every other.
  const plot = page.getByTestId("pareto-chart").locator(".js-plotly-plot");
  const locate = () =>
    plot.evaluate((el) => {
      const gd = el as unknown as { data: { x: (number | null)[]; y: (number | null)[]; customdata: ([string, number] | null)[] }[]; _fullLayout: { xaxis: { l2p: (v: number) => number }; yaxis: { l2p: (v: number) => number }; _size: { l: number; t: number } } };
      let best = { trace: -1, point: -1, y: -Infinity };
      gd.data.forEach((trace, t) => trace.y.forEach((y, i) => y !== null && trace.customdata?.[i] && y > best.y && (best = { trace: t, point: i, y })));
      const box = el.getBoundingClientRect();
      const { xaxis, yaxis, _size } = gd._fullLayout;
      const x = gd.data[best.trace].x[best.point] as number;
      return { ...best, customdata: gd.data[best.trace].customdata[best.point]!, px: box.left + _size.l + xaxis.l2p(x), py: box.top + _size.t + yaxis.l2p(best.y) };
    });
  let target = await locate();
  expect(target.customdata[0]).toBe(`${70000 + RUNS - 1}_1P_4D_20251110_192145`);
  // The chart is below the summary's warnings (every copy misses a concurrency): bring it into view, then hover.
  await expect(async () => {
    await plot.scrollIntoViewIfNeeded();
    target = await locate();
    await page.mouse.move(target.px - 5, target.py - 5);
    await page.mouse.move(target.px, target.py);
    await expect(plot.locator(".hoverlayer .hovertext")).toBeVisible({ timeout: 1000 });
  }).toPass();
  // Copies stand a pixel apart: the point picked is the one Plotly hovers, whichever copy that is.
  const hovered = await plot.evaluate((el) => {
    const gd = el as unknown as { _hoverdata: { curveNumber: number; pointNumber: number }[]; data: { customdata: [string, number][] }[] };
    const { curveNumber, pointNumber } = gd._hoverdata[0];
    return { trace: curveNumber, point: pointNumber, customdata: gd.data[curveNumber].customdata[pointNumber] };
  });
  expect(hovered.customdata[0]).toMatch(/^70\d{3}_1P_4D_20251110_192145$/);
  await expect(plot.locator(".hoverlayer .hovertext")).toContainText(`Run: ${hovered.customdata[0]}`);
  await page.mouse.click(target.px, target.py);
  await expect(page).toHaveURL(new RegExp(`pt=${hovered.customdata[0]}%40${hovered.customdata[1]}`));
  await expect(page.getByTestId("point-a")).toContainText(`@ concurrency ${hovered.customdata[1]}`);
  // The pick is drawn bigger, still in the grouped trace.
  await expect.poll(() => plot.evaluate((el, t) => (el as unknown as { data: { marker: { size: number[] } }[] }).data[t.trace].marker.size[t.point], hovered)).toBe(16);
});
