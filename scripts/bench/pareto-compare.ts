// Before/after on one loaded machine: the warm Pareto page of two (or more) builds, interleaved, so both
// meet the same load. Each root is a checkout (or a copy of one) with its own `.next` build; per round,
// each root's server is started, warmed with two loads, and timed `--per` times in new browser contexts.
// Needs the logs of `dashboard-pareto.ts` (`.bench/dashboard/logs-<runs>`).
// Usage: npx tsx scripts/bench/pareto-compare.ts [--runs 1000] [--rounds 3] [--per 2] [--one] ROOT_A ROOT_B ...
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { BASE, CHROMIUM_ARGS, median, startServer, stopServer, timeToChart, type Timing } from "./pareto-timing";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback);
const roots = args.filter((arg, i) => !arg.startsWith("--") && !(i > 0 && /^--(runs|rounds|per)$/.test(args[i - 1])));
const logsDir = path.resolve(import.meta.dirname, "../..", ".bench", "dashboard", `logs-${option("runs", 1000)}`);
if (!existsSync(logsDir) || roots.length === 0) throw new Error(`usage: see the header; needs ${logsDir} (run dashboard-pareto.ts once)`);
const firstRun = readdirSync(logsDir).filter((dir) => /^\d/.test(dir))[0];
const url = args.includes("--one") ? `${BASE}/pareto?run=${encodeURIComponent(firstRun)}` : `${BASE}/pareto?run=all`;

async function timeRoot(browser: Awaited<ReturnType<typeof chromium.launch>>, root: string, userCache: string, per: number): Promise<Timing[]> {
  const server = await startServer(root, logsDir, userCache);
  try {
    for (let i = 0; i < 2; i++) await fetch(url).then((response) => response.text());
    const timings: Timing[] = [];
    for (let i = 0; i < per; i++) timings.push(await timeToChart(browser, url));
    return timings;
  } finally {
    await stopServer(server);
  }
}

const userCache = mkdtempSync(path.join(tmpdir(), "srtlog-compare-cache-"));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const results = new Map<string, Timing[]>(roots.map((root) => [root, []]));
try {
  for (let round = 0; round < option("rounds", 3); round++) {
    for (const root of roots) results.get(root)!.push(...(await timeRoot(browser, root, userCache, option("per", 2))));
  }
} finally {
  await browser.close();
  rmSync(userCache, { recursive: true, force: true });
}
console.log(`${url}, navigation start -> chart drawn (ms), interleaved`);
for (const [root, timings] of results) {
  const m = (pick: (t: Timing) => number) => median(timings.map(pick)).toFixed(0);
  console.log(`  ${root}: median ${m((t) => t.ms)} [${timings.map((t) => t.ms).join(", ")}]  (HTML done ${m((t) => t.html)}, Plotly import ${m((t) => t.plotlyStart)}, ready ${m((t) => t.plotlyLoaded)}, ${timings[0].traces} traces)`);
}
