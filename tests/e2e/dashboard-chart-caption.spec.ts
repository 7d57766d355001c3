import { DEMO_DIR, expect, RUN_3667, test } from "./helpers";

/** For every drawn chart: the gap between the bottom of the figure Plotly drew and the top of what follows it. */
async function gaps(page: import("@playwright/test").Page) {
  return page.locator("[data-ready='true']").evaluateAll((charts) =>
    charts.map((chart) => {
      const svg = chart.querySelector(".main-svg")!.getBoundingClientRect();
      const box = chart.getBoundingClientRect();
      return { id: chart.getAttribute("data-testid"), blank: Math.round(box.bottom - svg.bottom) };
    }),
  );
}

test("no blank gap between a node chart and its caption, after Plotly redraws the charts", async ({ page }) => {
  await page.goto(`/nodes?logs=${encodeURIComponent(DEMO_DIR)}&run=${RUN_3667}&run=4401453&disagg=separate`);
  // Twelve charts drawn on a shared 2-core machine: give them time.
  for (const id of ["node-chart-agg-kv-cache", "node-chart-decode-running"]) await expect(page.getByTestId(id)).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  // A window resize makes Plotly relayout every chart (responsive), as a user's resize or a sidebar toggle
  // does; Plotly then drops the height from the layout object it was given.
  // A narrower chart may also move its legend (one more redraw), so wait until each has redrawn and settled.
  const ids = ["node-chart-agg-kv-cache", "node-chart-decode-running"];
  const revisions = async () => Promise.all(ids.map(async (id) => Number(await page.getByTestId(id).getAttribute("data-revision"))));
  const before = await revisions();
  await page.setViewportSize({ width: 1300, height: 900 });
  await expect.poll(async () => (await revisions()).every((r, i) => r > before[i]), { timeout: 15_000 }).toBe(true);
  let last = "";
  await expect
    .poll(async () => {
      const now = JSON.stringify(await revisions());
      const settled = now === last;
      last = now;
      return settled;
    }, { intervals: [500], timeout: 15_000 })
    .toBe(true);
  const measured = await gaps(page);
  expect(measured.length).toBeGreaterThan(8);
  expect(measured.filter((g) => g.blank !== 0)).toEqual([]);
  const chart = page.getByTestId("node-chart-agg-kv-cache");
  const caption = chart.locator("xpath=following-sibling::figcaption");
  const [chartBox, captionBox] = [await chart.locator(".main-svg").first().boundingBox(), await caption.boundingBox()];
  expect(captionBox!.y - (chartBox!.y + chartBox!.height)).toBeLessThanOrEqual(8);
  await chart.locator("xpath=..").screenshot({ path: "tmp/shots/node-caption.png" });
});
