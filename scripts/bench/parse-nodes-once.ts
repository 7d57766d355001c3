// Child process of the benchmark: parses one run's worker logs (or reads its cache) and prints timings.
import { NodeAnalyzer } from "../../lib/server/node-analyzer";

const [runPath, mode] = process.argv.slice(2);
const analyzer = new NodeAnalyzer();
const start = performance.now();
let batches = 0;
let nodes = 0;
if (mode === "summary") {
  const summaries = await analyzer.summariseRunLogs(runPath);
  nodes = summaries.length;
  batches = summaries.reduce((n, s) => n + s.prefillBatches + s.decodeBatches + s.mixedBatches, 0);
} else {
  const parsed = await analyzer.parseRunLogs(runPath, { cache: mode !== "no-cache" });
  nodes = parsed.length;
  batches = parsed.reduce((n, node) => n + node.batches.length, 0);
}
const ms = performance.now() - start;
await analyzer.flush();
const withCacheMs = performance.now() - start;
console.log(JSON.stringify({ ms, withCacheMs, nodes, batches, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
