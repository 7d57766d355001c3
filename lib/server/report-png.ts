import "server-only";
import { existsSync } from "node:fs";
import { SrtlogError } from "../errors";
import type { ReportDoc } from "../report/report-doc";
import { renderReportHtml } from "../report/report-html";

/** Where Chromium is: $SRTLOG_CHROMIUM, else Debian's /usr/bin/chromium (what the e2e tests drive too). */
export function chromiumPath(): string {
  return process.env.SRTLOG_CHROMIUM || "/usr/bin/chromium";
}

/** Fail before any work when PNGs cannot be drawn: no Chromium binary, or no Playwright (a devDependency). */
export async function loadChromium() {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new SrtlogError("bad_input", `--format md draws its charts as PNG in Chromium, which is not at ${executablePath}: install it (apt-get install chromium) or set SRTLOG_CHROMIUM to its path`);
  }
  try {
    // Kept out of the CLI bundle (scripts/build-cli.mjs): loaded only for --format md.
    const { chromium } = await import("@playwright/test");
    return { chromium, executablePath };
  } catch {
    throw new SrtlogError("bad_input", "--format md needs Playwright (@playwright/test, a devDependency of srtlog): run npm install without --omit=dev");
  }
}

const PNG_WIDTH = 1100;
const LAUNCH_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * Each figure of the report as a PNG (2x scale), drawn by Plotly in headless Chromium from the report's
 * own HTML, so the images are the charts the HTML report shows. Nothing is fetched: the page is inline.
 */
export async function renderChartPngs(doc: ReportDoc, plotlySource: string): Promise<Map<string, Buffer>> {
  const { chromium, executablePath } = await loadChromium();
  const browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: PNG_WIDTH + 100, height: 900 } });
    await page.route("**/*", (route) => route.abort());
    await page.setContent(renderReportHtml(doc, plotlySource), { waitUntil: "load" });
    const sizes = doc.figures.map((f) => ({ id: f.id, height: Number(f.layout.height) || 450 }));
    const urls = await page.evaluate(async ({ sizes, width }) => {
      const plotly = (window as unknown as { Plotly: { toImage(el: HTMLElement, o: object): Promise<string> } }).Plotly;
      return Promise.all(sizes.map((s) => plotly.toImage(document.getElementById(s.id)!, { format: "png", width, height: s.height, scale: 2 })));
    }, { sizes, width: PNG_WIDTH });
    return new Map(sizes.map((s, i) => [s.id, Buffer.from(urls[i].replace(/^data:image\/png;base64,/, ""), "base64")]));
  } finally {
    await browser.close();
  }
}
