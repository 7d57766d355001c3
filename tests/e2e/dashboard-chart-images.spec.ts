import { readFile } from "node:fs/promises";
import type { Download, Page } from "@playwright/test";
import { chartDrawn, expect, RUN_12045, RUN_3667, test } from "./helpers";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Hover the chart (the modebar shows on hover), click a modebar button, and return the file it saved. */
async function download(page: Page, testId: string, title: string): Promise<{ file: Download; bytes: Buffer }> {
  const chart = page.getByTestId(testId);
  await chart.locator(".main-svg").first().hover();
  const [file] = await Promise.all([page.waitForEvent("download"), chart.locator(`.modebar-btn[data-title="${title}"]`).click()]);
  const saved = await file.path();
  return { file, bytes: await readFile(saved) };
}

test("a chart downloads as a PNG at twice its size and as an SVG, named after tab, runs and date", async ({ page }) => {
  await page.goto(`/pareto?run=${RUN_3667}&run=${RUN_12045}`);
  await chartDrawn(page, "pareto-chart");
  const drawn = await page.getByTestId("pareto-chart").locator(".main-svg").first().boundingBox();
  if (!drawn) throw new Error("no chart drawn");
  const day = new Date().toISOString().slice(0, 10);

  const png = await download(page, "pareto-chart", "Download plot as a PNG");
  expect(png.file.suggestedFilename()).toBe(`srtlog_pareto_3667-12045_${day}.png`);
  expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  // IHDR: width and height, big-endian, at bytes 16 and 20.
  expect(png.bytes.readUInt32BE(16)).toBe(Math.round(drawn.width) * 2);
  expect(png.bytes.readUInt32BE(20)).toBe(Math.round(drawn.height) * 2);
  expect(png.bytes.length).toBeGreaterThan(20_000);

  const svg = await download(page, "pareto-chart", "Download plot as an SVG");
  expect(svg.file.suggestedFilename()).toBe(`srtlog_pareto_3667-12045_${day}.svg`);
  const text = svg.bytes.toString("utf8");
  expect(text.startsWith("<svg")).toBe(true);
  expect(text.trimEnd().endsWith("</svg>")).toBe(true);
  // The legend made it into the image: both runs' job ids are in its text.
  expect(text).toContain("3667");
  expect(text).toContain("12045");
  expect(svg.bytes.length).toBeGreaterThan(10_000);
});

test("every chart of a tab offers both downloads", async ({ page }) => {
  await page.goto(`/latency?run=${RUN_3667}&run=${RUN_12045}`);
  const charts = page.locator("[data-ready]");
  await expect(charts.first()).toHaveAttribute("data-ready", "true");
  await expect(page.locator("[data-ready='false']")).toHaveCount(0);
  const count = await charts.count();
  expect(count).toBeGreaterThan(1);
  await expect(page.locator('.modebar-btn[data-title="Download plot as a PNG"]')).toHaveCount(count);
  await expect(page.locator('.modebar-btn[data-title="Download plot as an SVG"]')).toHaveCount(count);
});

test("in a narrow window the image keeps the legend below the plot, inside the picture", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 900 });
  await page.goto(`/pareto?run=${RUN_3667}&run=${RUN_12045}`);
  await chartDrawn(page, "pareto-chart");
  await expect(page.getByTestId("pareto-chart")).toHaveAttribute("data-legend", "below");
  const chart = page.getByTestId("pareto-chart");
  const [figure, legend] = [await chart.locator(".main-svg").first().boundingBox(), await chart.locator(".legend").boundingBox()];
  if (!figure || !legend) throw new Error("no figure or legend drawn");
  expect(legend.y + legend.height).toBeLessThanOrEqual(figure.y + figure.height);
  expect(legend.x + legend.width).toBeLessThanOrEqual(figure.x + figure.width);
  const png = await download(page, "pareto-chart", "Download plot as a PNG");
  // The figure grew by the legend rows; the image is that whole figure at 2x, legend included.
  expect(png.bytes.readUInt32BE(16)).toBe(Math.round(figure.width) * 2);
  expect(png.bytes.readUInt32BE(20)).toBe(Math.round(figure.height) * 2);
});
