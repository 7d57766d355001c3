import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test as base, type Page } from "@playwright/test";

/** Where the e2e server's logs dir is (a fresh copy of the loader fixtures; see playwright.config.ts). */
export const LOGS_DIR = path.join(process.cwd(), "tmp", "e2e-logs");
export const RUN_3667 = "3667_1P_4D_20251110_192145";
/** A second server on the demo whose pages never wait for node data (SRTLOG_NODE_WAIT_MS=0). */
export const NO_WAIT_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 8531) + 1}`;
/** The generated demo logs dir (see prepare-logs.mjs): runs with worker logs and node configs. */
export const DEMO_DIR = path.join(process.cwd(), "tmp", "e2e-demo-logs");
export const RUN_12045 = "12045_2P_2D_20251115_101500";
/** Runs 4410001 (tag "before") and 4410002 (tag "after"): copies whose recipes differ in recipe.slurm.time_limit. */
export const DIFF_DIR = path.join(process.cwd(), "tmp", "e2e-diff-logs");
/** Runs 4420001/4420002: vLLM 1P2D, node n1 hosting prefill w0 and decode w0 (tests/fixtures/roles). */
export const ROLES_DIR = path.join(process.cwd(), "tmp", "e2e-roles-logs");

/** Every test fails on a console error or uncaught page error, unless it takes the ones it expects. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      // "Failed to load resource" names no resource: add the URL it came from, so a failure says which.
      page.on("console", (message) => message.type() === "error" && errors.push(`${message.text()}${message.location().url ? ` (${message.location().url})` : ""}`));
      page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Wait until a chart has been drawn by Plotly, optionally with a given number of traces. */
export async function chartDrawn(page: Page, testId: string, traces?: number): Promise<void> {
  const chart = page.getByTestId(testId);
  await expect(chart).toHaveAttribute("data-ready", "true");
  if (traces !== undefined) await expect(chart).toHaveAttribute("data-traces", String(traces));
}

/** Click the `point`-th marker of the `trace`-th trace of the Pareto chart, where a user would. */
export async function clickParetoPoint(page: Page, trace: number, point: number): Promise<void> {
  const marker = page.getByTestId("pareto-chart").locator(".scatterlayer .trace").nth(trace).locator("path.point").nth(point);
  let at = { x: 0, y: 0 };
  // Plotly clicks the point it is hovering: hover until the label shows (a redraw clears it), then click.
  await expect(async () => {
    await marker.scrollIntoViewIfNeeded();
    const box = await marker.boundingBox();
    if (!box) throw new Error(`no marker ${point} in trace ${trace}`);
    at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(at.x - 5, at.y - 5);
    await page.mouse.move(at.x, at.y);
    await expect(page.getByTestId("pareto-chart").locator(".hoverlayer .hovertext")).toBeVisible({ timeout: 1000 });
    // A redraw (a new pick enlarges its marker) can move points under the mouse: click only when Plotly hovers this one.
    const hovered = await page.getByTestId("pareto-chart").locator(".js-plotly-plot").evaluate((el) =>
      ((el as unknown as { _hoverdata?: { curveNumber: number; pointNumber: number }[] })._hoverdata ?? []).map((d) => [d.curveNumber, d.pointNumber]),
    );
    expect(hovered).toContainEqual([trace, point]);
  }).toPass();
  await page.mouse.click(at.x, at.y);
}

/** The `tags` of a run's metadata file, as on disk now. */
export async function tagsOnDisk(runDir: string, jobId: string): Promise<string[]> {
  return JSON.parse(await readFile(path.join(LOGS_DIR, runDir, `${jobId}.json`), "utf8")).tags ?? [];
}

/** The run directories ticked in the run picker. */
export async function pickedRuns(page: Page): Promise<string[]> {
  const options = page.getByTestId("run-option");
  const dirs: string[] = [];
  for (const option of await options.all()) if (await option.locator("input").isChecked()) dirs.push((await option.getAttribute("data-run-dir"))!);
  return dirs;
}
