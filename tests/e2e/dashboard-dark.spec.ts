import type { Page } from "@playwright/test";
import { DEMO_DIR, expect, RUN_12045, RUN_3667, test } from "./helpers";

/** Every drawn chart's backgrounds: the figure's (.main-svg style) and the plot area's (rect.bg fill). */
async function chartBackgrounds(page: Page) {
  return page.locator("[data-ready='true']").evaluateAll((charts) =>
    charts.map((chart) => ({
      id: chart.getAttribute("data-testid"),
      paper: getComputedStyle(chart.querySelector(".main-svg")!).backgroundColor,
      plots: [...chart.querySelectorAll("rect.bg")].map((rect) => getComputedStyle(rect).fill),
    })),
  );
}

const WHITE = ["rgb(255, 255, 255)", "#ffffff", "white"];

/** Wait until every chart of the page is drawn (none still loading). */
async function allDrawn(page: Page, atLeast: number) {
  await expect.poll(async () => page.locator("[data-ready='true']").count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(atLeast);
  await expect(page.locator("[data-ready='false']")).toHaveCount(0, { timeout: 30_000 });
}

test.describe("with the system in dark mode", () => {
  test.use({ colorScheme: "dark" });

  for (const [path, charts] of [
    [`/pareto?run=${RUN_3667}&run=${RUN_12045}`, 1],
    [`/latency?run=${RUN_3667}&run=${RUN_12045}`, 2],
    [`/nodes?logs=${encodeURIComponent(DEMO_DIR)}&run=${RUN_3667}`, 2],
  ] as const) {
    test(`${path.split("?")[0]} draws no chart on a white background`, async ({ page }) => {
      await page.goto(path);
      await expect(page.locator("html")).toHaveClass(/\bdark\b/);
      await allDrawn(page, charts);
      const found = await chartBackgrounds(page);
      expect(found.length).toBeGreaterThanOrEqual(charts);
      for (const chart of found) {
        expect(WHITE, `${chart.id} figure background`).not.toContain(chart.paper);
        expect(chart.plots.length, `${chart.id} plot areas`).toBeGreaterThan(0);
        for (const fill of chart.plots) expect(WHITE, `${chart.id} plot background`).not.toContain(fill);
      }
      await page.screenshot({ path: `tmp/dark${path.split("?")[0].replace("/", "-")}.png` });
      // The page itself is dark too: its body background is not white.
      expect(WHITE).not.toContain(await page.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor));
    });
  }

  test("the toggle switches to light and back, is remembered across a reload, and the charts follow", async ({ page }) => {
    await page.goto(`/pareto?run=${RUN_3667}`);
    await allDrawn(page, 1);
    const toggle = page.getByTestId("theme-toggle");
    await expect(toggle).toHaveAttribute("data-theme", "system");
    await toggle.click(); // system -> light
    await expect(toggle).toHaveAttribute("data-theme", "light");
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
    await expect.poll(async () => (await chartBackgrounds(page))[0].paper).toBe("rgb(255, 255, 255)");

    // Before any script of the page runs, the stored choice already holds: no dark flash on a light choice.
    await page.reload();
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
    await expect(page.getByTestId("theme-toggle")).toHaveAttribute("data-theme", "light");
    await page.getByTestId("theme-toggle").click(); // light -> dark
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    // After the reload the toggle can answer before the chart is drawn: poll until it is (a throw would not be retried).
    await expect.poll(async () => (await chartBackgrounds(page))[0]?.paper ?? "not drawn yet").not.toMatch(/^(rgb\(255, 255, 255\)|not drawn yet)$/);
    await page.getByTestId("theme-toggle").click(); // dark -> system (dark here)
    await expect(page.getByTestId("theme-toggle")).toHaveAttribute("data-theme", "system");
    expect(await page.evaluate(() => localStorage.getItem("srtlog-theme"))).toBeNull();
  });
});

test("the first paint is already dark: the class is set by the inline script, before hydration", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "light", javaScriptEnabled: true });
  await context.addInitScript(() => localStorage.setItem("srtlog-theme", "dark"));
  const page = await context.newPage();
  // Read the class as the HTML is parsed, before the app's bundles run: at DOMContentLoaded of a page
  // whose scripts are blocked.
  await page.route(/\/_next\/static\/chunks\//, (route) => route.abort());
  await page.goto(`/pareto?run=${RUN_3667}`, { waitUntil: "domcontentloaded" });
  expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
  expect(WHITE).not.toContain(await page.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor));
  await context.close();
});
