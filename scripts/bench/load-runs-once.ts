// Child process of the benchmark: loads a logs dir twice in one process and prints timings as JSON.
import { RunLoader } from "../../lib/server/run-loader";

const logsDir = process.argv[2];
const startedAt = performance.now();
const loader = new RunLoader(logsDir);
const first = await loader.loadAllWithSkipped();
const firstMs = performance.now() - startedAt;
const again = performance.now();
const second = await loader.loadAllWithSkipped();
const reloadMs = performance.now() - again;
const points = first.runs.reduce((n, run) => n + run.points.length, 0);
console.log(JSON.stringify({ firstMs, reloadMs, runs: first.runs.length, skipped: first.skipped.length, points, same: second.runs.length === first.runs.length, rssMb: process.resourceUsage().maxRSS / 1024 }));
