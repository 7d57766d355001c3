import { chartDrawn, expect, NO_WAIT_URL, RUN_3667, test } from "./helpers";

// A 1024x768 window: the sidebar folds away, summary and health stay compact, legends go below the
// plots, and every tab shows its first chart (on the table tabs, its content) without scrolling.
test.use({ viewport: { width: 1024, height: 768 } });

/** The demo's default selection (newest three runs, one with a failed point) on each tab. */
const TABS: { path: string; first: string }[] = [
  { path: "/pareto", first: "pareto-chart" },
  { path: "/latency", first: "latency-chart-ttft" },
  { path: "/nodes", first: "[data-ready]" },
  { path: "/rate-match", first: "rate-chart" },
  { path: "/compare", first: "compare-frontier-chart" },
  { path: "/config", first: "run-config" },
  { path: "/diff", first: "diff-badge" },
];

for (const { path, first } of TABS) {
  test(`${path} at 1024x768 shows its first chart or content on the first screen`, async ({ page }) => {
    await page.goto(`${NO_WAIT_URL}${path}`);
    await expect(page.getByTestId("run-health")).toBeVisible();
    const target = (first.startsWith("[") ? page.locator(first) : page.getByTestId(first)).first();
    if (path !== "/config" && path !== "/diff") await expect(target).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
    else await expect(target).toBeVisible({ timeout: 30_000 });
    // Charts mount one by one: wait until none is a placeholder, so `first` is the first chart on the page.
    await expect(page.getByTestId("chart-skeleton")).toHaveCount(0, { timeout: 30_000 });
    await page.screenshot({ path: `tmp/narrow${path.replace("/", "-")}.png` });
    const box = (await target.boundingBox())!;
    const fold = page.viewportSize()!.height;
    // Nothing was scrolled, and the top of the chart (title and upper plot, 200 px) is above the fold.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(box.y + (path === "/config" || path === "/diff" ? 40 : 200)).toBeLessThanOrEqual(fold);
    // The sidebar is folded away: the main column has the whole width.
    await expect(page.getByTestId("sidebar")).toBeHidden();
  });
}

test("a narrow chart draws its legend below the plot; a wide one beside it", async ({ page }) => {
  await page.goto(`${NO_WAIT_URL}/pareto`);
  await chartDrawn(page, "pareto-chart", 3);
  await expect(page.getByTestId("pareto-chart")).toHaveAttribute("data-legend", "below");
  const plot = (await page.getByTestId("pareto-chart").locator(".nsewdrag").first().boundingBox())!;
  const legend = (await page.getByTestId("pareto-chart").locator(".legend").boundingBox())!;
  expect(legend.y).toBeGreaterThan(plot.y + plot.height);
  await page.getByTestId("pareto-chart").screenshot({ path: "tmp/narrow-pareto-legend.png" });
  await page.setViewportSize({ width: 1600, height: 900 });
  await expect(page.getByTestId("pareto-chart")).toHaveAttribute("data-legend", "side");
});

test("the sidebar opens over the page, picks runs, tags them without widening, and folds away again", async ({ page }) => {
  await page.goto(`/pareto?run=3667`);
  await chartDrawn(page, "pareto-chart", 1);
  const sidebar = page.getByTestId("sidebar");
  await expect(sidebar).toBeHidden();
  await expect(page.getByTestId("sidebar-toggle")).toHaveAttribute("aria-expanded", "false");
  await page.getByTestId("sidebar-toggle").click();
  await expect(sidebar).toBeVisible();
  await expect(page.getByTestId("selected-count")).toHaveText("1 of 10 selected");

  // Item 8: a tag is counted against the limit, not cut; a 100-character one wraps inside the sidebar.
  const editor = page.locator(`[data-testid="tag-editor"][data-run-dir="${RUN_3667}"]`);
  await editor.locator("summary").click();
  const input = editor.getByLabel("New tag for job 3667");
  await input.fill("x".repeat(101));
  await expect(input).toHaveValue("x".repeat(101));
  await expect(editor.getByTestId("tag-counter")).toHaveText("101/100 characters — 1 too many, shorten it to add");
  await expect(editor.getByRole("button", { name: "Add", exact: true })).toBeDisabled();
  await input.fill("two words,here");
  await expect(editor.getByTestId("tag-warning")).toHaveCount(2);
  const long = "l".repeat(100);
  await input.fill(long);
  await expect(editor.getByTestId("tag-counter")).toHaveText("100/100 characters");
  await editor.getByRole("button", { name: "Add", exact: true }).click();
  await expect(editor.getByTestId("run-tags")).toContainText(long);
  const overflow = await sidebar.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "tmp/narrow-sidebar-open.png" });
  await editor.getByRole("button", { name: `Remove tag ${long} from job 3667` }).click();
  await expect(editor.getByTestId("run-tags")).not.toContainText(long);

  // A click beside the open sidebar folds it away again.
  await page.getByTestId("sidebar-backdrop").click({ position: { x: 900, y: 400 } });
  await expect(sidebar).toBeHidden();
  await expect(page.getByTestId("sidebar-toggle")).toHaveAttribute("aria-expanded", "false");
});
