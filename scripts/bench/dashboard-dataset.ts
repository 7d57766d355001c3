// The dashboard served from a dataset (SRTLOG_DATASET), in Chromium against `next start`: issue 18's
// "first chart with 5,000 runs in the index <= 2 s warm". Runs are bench-dataset.ts's small generated
// logs, ingested once with srtlog ingest. Figures, not assertions. Needs a build (`npx next build`) and
// a CLI bundle (`npm run build:cli`).
// Usage: BENCH_PORT=8541 npx tsx scripts/bench/dashboard-dataset.ts [--runs 5000] [--repeat 3]
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { generateBenchResults } from "./generate-bench-results";
import { BASE, CHROMIUM_ARGS, median, startServer, stopServer, timeToChart, timeToLoad, type Timing } from "./pareto-timing";

const ROOT = path.resolve(import.meta.dirname, "../..");

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

/** bench-dataset.ts's logs (10 concurrencies, 2 prompts per file), then the dataset; each made once. */
async function ensureDataset(runs: number): Promise<string> {
  const logs = path.join(ROOT, ".bench", `dataset-logs-${runs}`);
  if (!existsSync(path.join(logs, ".complete"))) {
    console.log(`generating ${runs} small runs x 10 concurrencies (once) ...`);
    await generateBenchResults(logs, { runs, concurrencies: 10, promptsPerConcurrency: 2 });
    writeFileSync(path.join(logs, ".complete"), "");
  }
  const dataset = path.join(ROOT, ".bench", "dashboard", `dataset-${runs}`);
  if (!existsSync(path.join(dataset, ".complete"))) {
    rmSync(dataset, { recursive: true, force: true });
    const started = performance.now();
    execFileSync(process.execPath, [path.join(ROOT, "bin/srtlog.mjs"), "ingest", logs, "--to", dataset, "--cluster", "bench"], { stdio: ["ignore", "ignore", "inherit"] });
    console.log(`ingested ${runs} runs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    writeFileSync(path.join(dataset, ".complete"), "");
  }
  return dataset;
}

const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
const row = (title: string, timings: Timing[], floor: string) =>
  console.log(`  ${title.padEnd(46)} median ${ms(median(timings.map((t) => t.ms)))}  [${timings.map((t) => t.ms.toFixed(0)).join(", ")}]   floor: ${floor}`);

async function measure(browser: Browser, repeat: number): Promise<void> {
  const first: Timing[] = [];
  const all: Timing[] = [];
  const statics: number[] = [];
  for (let i = 0; i < repeat; i++) {
    first.push(await timeToChart(browser, `${BASE}/pareto`));
    all.push(await timeToChart(browser, `${BASE}/pareto?run=all`));
    statics.push(await timeToLoad(browser, `${BASE}/icon.svg`));
  }
  row("warm, /pareto (newest runs) -> first chart", first, `static file ${ms(median(statics))}   (target <= 2000 ms)`);
  row("warm, /pareto?run=all -> chart", all, `${all[0].traces} traces`);
}

async function main(): Promise<void> {
  const runs = flag("runs", 5000);
  const repeat = flag("repeat", 3);
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no build: run `npx next build` first");
  const dataset = await ensureDataset(runs);
  const userCache = mkdtempSync(path.join(tmpdir(), "srtlog-bench-cache-"));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  console.log(`\nDashboard on a dataset: ${runs} runs in the index, SRTLOG_DATASET=${dataset}`);
  const server = await startServer(ROOT, "", userCache, { SRTLOG_DATASET: dataset });
  try {
    const cold = await timeToChart(browser, `${BASE}/pareto`);
    row("fresh server, /pareto -> first chart", [cold], "(reads the dataset's Parquet once)");
    await measure(browser, repeat);
    console.log("  (navigation start -> chart drawn, by the page's own clock, new browser context each time)");
  } finally {
    await stopServer(server);
    await browser.close();
    rmSync(userCache, { recursive: true, force: true });
  }
}

await main();
