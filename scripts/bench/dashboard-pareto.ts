// The Pareto Graph with every run selected (`?run=all`), in Chromium against `next start`: HTML bytes,
// navigation -> chart drawn on a warm server, and the first page of a fresh server with no caches, each
// beside a floor measured in the same run. Figures, not assertions (targets: <= 1 MB, <= 1.5 s, <= 4 s).
// Needs a build: `npx next build` first.
// Usage: npx tsx scripts/bench/dashboard-pareto.ts [--runs 1000] [--repeat 3]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { generateBenchResults } from "./generate-bench-results";
import { BASE, CHROMIUM_ARGS, median, startServer, stopServer, timeToChart, timeToLoad, waitIdle, type Timing } from "./pareto-timing";
import { madeOnce, removeCaches } from "./bench-dirs";

const ROOT = path.resolve(import.meta.dirname, "../..");

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

/** `runs` runs x 8 concurrencies of realistic sa-bench results (every layout/metadata variant the generator writes), made once. */
function ensureLogs(runs: number): Promise<string> {
  return madeOnce(`dashboard/logs-${runs}`, `${runs} runs x 8 concurrencies`, (dir) => generateBenchResults(dir, { runs, concurrencies: 8, targetBytes: runs * 64 * 1024 }));
}

/** No cache anywhere: the loader's caches (run index, per-run `.cache/`) and the per-user fallback dir the server is pointed at. */
function deleteCaches(logsDir: string, userCache: string): void {
  removeCaches(logsDir);
  rmSync(userCache, { recursive: true, force: true });
}

/** Floor for the fresh server: `cat` of every file the loader reads (metadata, recipes, results), cold page cache aside. */
function catFloorMs(logsDir: string): number {
  const started = performance.now();
  const done = spawnSync("sh", ["-c", `find "${logsDir}" -path '*/.cache' -prune -o -type f \\( -name '*.json' -o -name '*.yaml' \\) -print0 | xargs -0 cat > /dev/null`]);
  if (done.status !== 0) throw new Error(`cat floor failed: ${done.stderr}`);
  return performance.now() - started;
}

const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;

function report(title: string, timings: Timing[], floor: string): void {
  const m = (pick: (t: Timing) => number) => median(timings.map(pick)).toFixed(0);
  console.log(`  ${title.padEnd(44)} median ${ms(median(timings.map((t) => t.ms)))}  [${timings.map((t) => t.ms.toFixed(0)).join(", ")}]   floor: ${floor}`);
  console.log(`    (HTML done ${m((t) => t.html)} ms, Plotly import ${m((t) => t.plotlyStart)} ms, Plotly ready ${m((t) => t.plotlyLoaded)} ms, ${timings[0].traces} traces)`);
}

async function warmRows(browser: Browser, url: string, oneRunUrl: string, repeat: number): Promise<void> {
  const html = await fetch(url).then((r) => r.text());
  const oneRun = await fetch(oneRunUrl).then((r) => r.text());
  const bytes = Buffer.byteLength(html);
  console.log(`  HTML of ?run=all                              ${(bytes / 1e6).toFixed(2).padStart(6)} MB (gzip ${(gzipSync(html).length / 1e6).toFixed(2)} MB)   floor: one-run page ${(Buffer.byteLength(oneRun) / 1e6).toFixed(2)} MB   (target <= 1 MB)`);
  const all: Timing[] = [];
  const one: Timing[] = [];
  const staticMs: number[] = [];
  for (let i = 0; i < repeat; i++) {
    all.push(await timeToChart(browser, url));
    one.push(await timeToChart(browser, oneRunUrl));
    staticMs.push(await timeToLoad(browser, `${BASE}/icon.svg`));
  }
  report("warm server, goto -> chart drawn", all, `one-run page ${ms(median(one.map((t) => t.ms)))}, static file ${ms(median(staticMs))}`);
}

async function main(): Promise<void> {
  const runs = flag("runs", 1000);
  const repeat = flag("repeat", 3);
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no build: run `npx next build` first");
  const logsDir = await ensureLogs(runs);
  const userCache = mkdtempSync(path.join(tmpdir(), "srtlog-bench-cache-"));
  const url = `${BASE}/pareto?run=all`;
  const runDirs = readdirSync(logsDir).filter((dir) => /^\d/.test(dir));
  const oneRunUrl = `${BASE}/pareto?run=${encodeURIComponent(runDirs[0])}`;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  console.log(`\nPareto Graph, ${runDirs.length} runs, ${url}`);
  try {
    const fresh: Timing[] = [];
    const cats: number[] = [];
    for (let i = 0; i < repeat; i++) {
      deleteCaches(logsDir, userCache);
      cats.push(catFloorMs(logsDir));
      const server = await startServer(ROOT, logsDir, userCache);
      try {
        fresh.push(await timeToChart(browser, url));
      } finally {
        await stopServer(server);
      }
    }
    report("fresh server, no caches, goto -> chart", fresh, `cat of the run files ${ms(median(cats))}   (target <= 4000 ms)`);
    // A restarted dashboard: the caches a first start writes (run index, per-run Parquet) are in place.
    // The index written here by the CLI, which waits for it; the server above may have been stopped mid-write.
    const cli = () => spawnSync(process.execPath, [path.join(ROOT, "bin/srtlog.mjs"), "runs", "--logs", logsDir, "--json"], { stdio: "ignore", maxBuffer: 1 << 30 });
    cli();
    // Again once the run dirs' last changes (the caches deleted above) are over 2 s old: the index then
    // holds listings a restarted server can trust, as it would after any pause (scan-runs.ts).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    cli();
    const restarted: Timing[] = [];
    for (let i = 0; i < repeat; i++) {
      const server = await startServer(ROOT, logsDir, userCache);
      try {
        restarted.push(await timeToChart(browser, url));
      } finally {
        await stopServer(server);
      }
    }
    report("restarted server, caches in place, goto -> chart", restarted, "the same page on a warm server, below");
    const server = await startServer(ROOT, logsDir, userCache);
    try {
      await fetch(url).then((r) => r.text()); // the server's first load: measured above, not again
      // What that load queued (index rewrite, cache writes once quiet) is done before measuring.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await fetch(url).then((r) => r.text());
      await waitIdle(server);
      await warmRows(browser, url, oneRunUrl, repeat);
      console.log("  (navigation start -> chart drawn, by the page's own clock, new browser context each time; target <= 1500 ms)");
    } finally {
      await stopServer(server);
    }
  } finally {
    await browser.close();
    rmSync(userCache, { recursive: true, force: true });
  }
}

await main();
