// Time to a drawn Pareto Graph with 100 runs selected, in Chromium against `next start`.
// Figures, not assertions (target: <= 1.5 s). Needs a build: `npx next build` first.
// Usage: npx tsx scripts/bench/dashboard-pareto.ts [--runs 100] [--repeat 3]
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { generateBenchResults } from "./generate-bench-results";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PORT = Number(process.env.BENCH_PORT ?? 8541);
const BASE = `http://127.0.0.1:${PORT}`;
const CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

/** 100 runs x 8 concurrencies of realistic sa-bench results (small per-request arrays), made once. */
async function ensureLogs(runs: number): Promise<string> {
  const dir = path.join(ROOT, ".bench", "dashboard", `logs-${runs}`);
  if (!existsSync(path.join(dir, ".complete"))) {
    console.log(`generating ${runs} runs x 8 concurrencies into ${dir} ...`);
    await generateBenchResults(dir, { runs, concurrencies: 8, targetBytes: runs * 64 * 1024 });
    writeFileSync(path.join(dir, ".complete"), "");
  }
  return dir;
}

async function startServer(logsDir: string): Promise<ChildProcess> {
  // The next binary itself, in its own process group, so one signal stops next-server too.
  const server = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(PORT)], {
    cwd: ROOT,
    env: { ...process.env, SRTLOG_LOGS_DIR: logsDir },
    detached: true,
    stdio: "ignore",
  });
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${BASE}/api/export?run=`).then((r) => r.ok, () => false)) return server;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  stopServer(server);
  throw new Error(`next start did not answer on ${BASE}`);
}

function stopServer(server: ChildProcess): void {
  if (server.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {}
  }
}

interface Timing {
  /** Navigation start -> chart drawn (the chart's `data-drawn-at`, the page's performance.now()). */
  ms: number;
  /** HTML received, Plotly import started, Plotly evaluated: where the time goes. */
  html: number;
  plotlyStart: number;
  plotlyLoaded: number;
  traces: number;
  page: Page;
}

async function timeToChart(browser: Browser, url: string, reuse?: Page): Promise<Timing> {
  const page = reuse ?? (await (await browser.newContext({ viewport: { width: 1500, height: 1000 } })).newPage());
  await page.goto(url);
  const chart = page.locator('[data-testid="pareto-chart"][data-ready="true"]');
  await chart.waitFor({ timeout: 30_000 });
  // No helper functions inside evaluate: tsx would wrap them in a __name() the page does not have.
  const marks = await page.evaluate(() => ({
    html: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).responseEnd,
    plotlyStart: performance.getEntriesByName("srtlog:plotly-import")[0]?.startTime ?? NaN,
    plotlyLoaded: performance.getEntriesByName("srtlog:plotly-loaded")[0]?.startTime ?? NaN,
  }));
  return { ms: Number(await chart.getAttribute("data-drawn-at")), traces: Number(await chart.getAttribute("data-traces")), page, ...marks };
}

function report(title: string, timings: Timing[]): void {
  const m = (pick: (t: Timing) => number) => median(timings.map(pick)).toFixed(0).padStart(5);
  console.log(`  ${title.padEnd(36)} median ${m((t) => t.ms)} ms   [${timings.map((t) => t.ms.toFixed(0)).join(", ")}]`);
  console.log(`    HTML ${m((t) => t.html)} ms, Plotly import ${m((t) => t.plotlyStart)} ms, Plotly ready ${m((t) => t.plotlyLoaded)} ms, drawn ${m((t) => t.ms)} ms`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const runs = flag("runs", 100);
  const repeat = flag("repeat", 3);
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no build: run `npx next build` first");
  const logsDir = await ensureLogs(runs);
  const runDirs = readdirSync(logsDir).filter((name) => /^\d/.test(name));
  const url = `${BASE}/pareto?${runDirs.map((dir) => `run=${encodeURIComponent(dir)}`).join("&")}`;
  const server = await startServer(logsDir);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    // The server's first load parses every run and writes Parquet caches: not what a user waits for twice.
    const serverWarm = await fetch(url).then((r) => r.text());
    if (!serverWarm.includes("pareto")) throw new Error("page did not render");
    const cold: Timing[] = [];
    const warm: Timing[] = [];
    for (let i = 0; i < repeat; i++) {
      const first = await timeToChart(browser, url);
      cold.push(first);
      // A second load in the same context: scripts come from the HTTP cache with V8's code cache.
      warm.push(await timeToChart(browser, url, first.page));
      await first.page.context().close();
    }
    console.log(`\nPareto Graph, ${runDirs.length} runs selected via the URL (${url.length} chars), ${warm[0].traces} traces drawn`);
    report("first visit (new context, no cache)", cold);
    report("next visits (cached scripts)", warm);
    console.log("  (navigation start -> chart drawn, by the page's own clock; target <= 1500 ms)");
  } finally {
    await browser.close();
    stopServer(server);
  }
}

await main();
