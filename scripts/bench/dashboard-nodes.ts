// Node Metrics of a big run (16 workers x 200,000 log lines) in Chromium against `next start`: bytes the
// page sends and time to every chart drawn, with the node cache warm. Figures, not assertions (targets:
// <= 2 MB, <= 3 s). With --cold, first deletes the cache and shows the progress the page reports while
// the server parses. Needs a build: `npx next build` first.
// Usage: npx tsx scripts/bench/dashboard-nodes.ts [--repeat 3] [--cold]
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { generateWorkerLogs } from "./generate-worker-logs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PORT = Number(process.env.BENCH_PORT ?? 8542);
const BASE = `http://127.0.0.1:${PORT}`;
const LOGS_DIR = path.join(ROOT, ".bench", "nodes-logs");
const JOB = "9000001";
const RUN_DIR = path.join(LOGS_DIR, JOB);
const CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

const flag = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

async function ensureRun(): Promise<void> {
  if (existsSync(path.join(RUN_DIR, ".complete"))) return;
  console.log(`generating 16 workers x 200,000 lines into ${RUN_DIR} ...`);
  await generateWorkerLogs(RUN_DIR);
  writeFileSync(path.join(RUN_DIR, ".complete"), "");
}

async function startServer(): Promise<ChildProcess> {
  // The next binary itself, in its own process group, so one signal stops next-server too.
  const server = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(PORT)], {
    cwd: ROOT,
    env: { ...process.env, SRTLOG_LOGS_DIR: LOGS_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    detached: true,
    stdio: "ignore",
  });
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${BASE}/api/nodes/progress?id=0000000000000000`).then((r) => r.ok, () => false)) return server;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopServer(server);
  throw new Error(`next start did not answer on ${BASE}`);
}

/** Stop the server's process group and wait until the port is free for the next one. */
async function stopServer(server: ChildProcess): Promise<void> {
  if (!server.pid || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    return;
  }
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  while (await fetch(BASE).then(() => true, () => false)) await new Promise((resolve) => setTimeout(resolve, 100));
}

interface Visit {
  /** Navigation start -> last chart drawn, by the page's clock. */
  ms: number;
  /** HTML received, Plotly evaluated, first chart drawn: where the time goes. */
  html: number;
  plotly: number;
  first: number;
  charts: number;
  traces: number;
  /** Decoded bytes of the document (HTML with the inline RSC payload) and of any RSC fetches. */
  bytes: number;
  /** The same as sent over the wire (compressed). */
  wireBytes: number;
  progress: string[];
}

/** Open `url` in a fresh context and wait until every node chart is drawn. */
async function visit(browser: Browser, url: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
  const page = await context.newPage();
  const sizes: Promise<[number, number]>[] = [];
  page.on("response", (response) => {
    const type = response.request().resourceType();
    // The document carries the first render's RSC payload inline; a refresh after a slow load is an RSC fetch.
    if (type === "document" || (type === "fetch" && response.request().headers()["rsc"] === "1")) {
      sizes.push(Promise.all([response.body().then((b) => b.length, () => 0), response.request().sizes().then((s) => s.responseBodySize, () => 0)]));
    }
  });
  const progress = new Set<string>();
  await page.goto(url, { waitUntil: "commit" });
  const deadline = Date.now() + 180_000;
  for (;;) {
    const state = await page.evaluate(() => {
      const charts = [...document.querySelectorAll<HTMLElement>('[data-testid^="node-chart-"]')];
      const note = document.querySelector('[data-testid="node-load-progress-text"]')?.textContent ?? null;
      const busy = document.querySelector('[data-testid="chart-skeleton"], [data-testid="node-load-progress"]') !== null;
      return { charts: charts.length, ready: charts.filter((c) => c.dataset.ready === "true").length, note, busy };
    });
    if (state.note) progress.add(state.note.replace(/\(\d+\.\d s\)$/, "").trim());
    if (state.charts > 0 && state.ready === state.charts && !state.busy) break;
    if (Date.now() > deadline) throw new Error(`charts not drawn: ${JSON.stringify(state)}`);
    await page.waitForTimeout(state.note ? 250 : 50);
  }
  const drawn = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid^="node-chart-"]')].map((c) => ({ at: Number(c.dataset.drawnAt), traces: Number(c.dataset.traces) })),
  );
  // No helper functions inside evaluate: tsx would wrap them in a __name() the page does not have.
  const marks = await page.evaluate(() => ({
    html: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).responseEnd,
    plotly: performance.getEntriesByName("srtlog:plotly-loaded")[0]?.startTime ?? NaN,
  }));
  const [bytes, wireBytes] = (await Promise.all(sizes)).reduce(([a, b], [c, d]) => [a + c, b + d], [0, 0]);
  await context.close();
  const at = drawn.map((d) => d.at);
  return { ms: Math.max(...at), first: Math.min(...at), ...marks, charts: drawn.length, traces: drawn.reduce((n, d) => n + d.traces, 0), bytes, wireBytes, progress: [...progress] };
}

async function waitForFile(file: string): Promise<void> {
  for (let i = 0; i < 600 && !existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 250));
  if (!existsSync(file)) throw new Error(`${file} was not written`);
}

function report(title: string, visits: Visit[]): void {
  const v = visits[0];
  console.log(`  ${title.padEnd(44)} median ${median(visits.map((x) => x.ms)).toFixed(0).padStart(5)} ms [${visits.map((x) => x.ms.toFixed(0)).join(", ")}]`);
  const m = (pick: (x: Visit) => number) => median(visits.map(pick)).toFixed(0);
  console.log(`    HTML ${m((x) => x.html)} ms, Plotly ready ${m((x) => x.plotly)} ms, first chart ${m((x) => x.first)} ms, last chart ${m((x) => x.ms)} ms`);
  console.log(`    ${v.charts} charts, ${v.traces} traces; payload ${mb(median(visits.map((x) => x.bytes)))} (${mb(median(visits.map((x) => x.wireBytes)))} compressed)`);
}

async function cold(browser: Browser, url: string): Promise<void> {
  rmSync(path.join(RUN_DIR, ".cache"), { recursive: true, force: true });
  const server = await startServer();
  try {
    const first = await visit(browser, url);
    await waitForFile(path.join(RUN_DIR, ".cache", "node_metrics.parquet"));
    console.log(`\nFirst parse (no cache): charts drawn after ${(first.ms / 1000).toFixed(1)} s; the page showed, in order:`);
    for (const line of first.progress) console.log(`    ${line}`);
  } finally {
    await stopServer(server);
  }
}

async function main(): Promise<void> {
  const repeat = flag("repeat", 3);
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no build: run `npx next build` first");
  await ensureRun();
  const url = (agg?: string) => `${BASE}/nodes?run=${JOB}${agg ? `&agg=${agg}` : ""}`;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    if (process.argv.includes("--cold")) await cold(browser, url());
    // Make sure the node cache exists (the Parquet is written after the charts, off the request), then
    // measure each visit against a fresh server process.
    const warmup = await startServer();
    try {
      await visit(browser, url());
      await waitForFile(path.join(RUN_DIR, ".cache", "node_metrics.parquet"));
    } finally {
      await stopServer(warmup);
    }
    const fresh: Visit[] = [];
    for (let i = 0; i < repeat; i++) {
      const server = await startServer();
      try {
        fresh.push(await visit(browser, url()));
      } finally {
        await stopServer(server);
      }
    }
    console.log(`\nNode Metrics of run ${JOB} (16 workers, ~3M batch rows), cache warm, Chromium, navigation start -> every chart drawn`);
    report("new server process (cache read from disk)", fresh);
    const server = await startServer();
    try {
      for (const agg of [undefined, "dp", "individual"]) {
        await visit(browser, url(agg));
        const again: Visit[] = [];
        for (let i = 0; i < repeat; i++) again.push(await visit(browser, url(agg)));
        report(`running server, ${agg ?? "all"} (new browser context)`, again);
      }
    } finally {
      await stopServer(server);
    }
    console.log("  (targets: payload <= 2 MB, charts drawn <= 3000 ms)");
  } finally {
    await browser.close();
  }
}

await main();
