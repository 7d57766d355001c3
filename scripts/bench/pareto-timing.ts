// Server and browser plumbing of the Pareto page benchmark (scripts/bench/dashboard-pareto.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "@playwright/test";

const PORT = Number(process.env.BENCH_PORT ?? 8541);
export const BASE = `http://127.0.0.1:${PORT}`;
export const CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** `next start` on `logsDir`, caches that cannot go in a run dir in `userCache`; resolves once it answers a static file. */
export async function startServer(root: string, logsDir: string, userCache: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  // The next binary itself, in its own process group, so one signal stops next-server too.
  const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(PORT)], {
    cwd: root,
    env: { ...process.env, SRTLOG_LOGS_DIR: logsDir, SRTLOG_CACHE_DIR: userCache, ...env },
    detached: true,
    stdio: "ignore",
  });
  // A static file: answering it loads no run, so the first page is still the first to load the runs.
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${BASE}/icon.svg`).then((r) => r.ok, () => false)) return server;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stopServer(server);
  throw new Error(`next start did not answer on ${BASE}`);
}

/** Stop the server's process group and wait until the port is free, so the next server can bind it. */
export async function stopServer(server: ChildProcess): Promise<void> {
  if (!server.pid) return;
  const exited = server.exitCode !== null ? Promise.resolve() : new Promise((resolve) => server.once("exit", resolve));
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {}
  await exited;
  for (let i = 0; i < 100 && (await fetch(`${BASE}/icon.svg`).then(() => true, () => false)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** CPU seconds (user + system) used so far by every process in the server's process group. */
function groupCpuTicks(server: ChildProcess): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      // Fields after the ")" of the command name: state is [0], pgrp [2], utime [11], stime [12].
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      if (Number(fields[2]) === server.pid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks;
}

/**
 * Wait until the server has been idle (under 3% of a core) for a second: what a loaded page left
 * queued (cache and index writes, run scans) is done, so a "warm server" row measures a warm server.
 */
export async function waitIdle(server: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  let before = groupCpuTicks(server);
  while (Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = groupCpuTicks(server);
    if (now - before <= 3) return; // clock ticks are 10 ms
    before = now;
  }
}

export interface Timing {
  /** Navigation start -> chart drawn (the chart's `data-drawn-at`, the page's performance.now()). */
  ms: number;
  /** HTML received, Plotly import started, Plotly evaluated: where the time goes. */
  html: number;
  plotlyStart: number;
  plotlyLoaded: number;
  traces: number;
}

/** A new browser context (no HTTP cache) goes to `url`; how long until the Pareto chart is drawn. */
export async function timeToChart(browser: Browser, url: string): Promise<Timing> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
  try {
    const page = await context.newPage();
    await page.goto(url, { timeout: 120_000 });
    const chart = page.locator('[data-testid="pareto-chart"][data-ready="true"]');
    await chart.waitFor({ timeout: 120_000 });
    // No helper functions inside evaluate: tsx would wrap them in a __name() the page does not have.
    const marks = await page.evaluate(() => ({
      html: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).responseEnd,
      plotlyStart: performance.getEntriesByName("srtlog:plotly-import")[0]?.startTime ?? NaN,
      plotlyLoaded: performance.getEntriesByName("srtlog:plotly-loaded")[0]?.startTime ?? NaN,
    }));
    return { ms: Number(await chart.getAttribute("data-drawn-at")), traces: Number(await chart.getAttribute("data-traces")), ...marks };
  } finally {
    await context.close();
  }
}

/** Navigation start -> load event of `url` in a new context: the floor of any page of this server. */
export async function timeToLoad(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load" });
    return await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd);
  } finally {
    await context.close();
  }
}
