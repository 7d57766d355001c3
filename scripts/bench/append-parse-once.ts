// Child process of the benchmark: follow the big run, append ~1 MB of batch lines to one worker log,
// and time the incremental update beside the full parse. The log is cut back to its size afterwards.
import { closeSync, openSync, readSync, rmSync, statSync, truncateSync, appendFileSync } from "node:fs";
import path from "node:path";
import { NodeAnalyzer } from "../../lib/server/node-analyzer";
import { findNodeFiles } from "../../lib/server/node-files";

const APPEND_BYTES = 1 << 20;
const run = process.argv[2];

/** About 1 MB of whole lines from the log's own end: real lines of that worker's dialect. */
function tailLines(file: string): Buffer {
  const size = statSync(file).size;
  const buffer = Buffer.alloc(Math.min(size, APPEND_BYTES + 4096));
  const fd = openSync(file, "r");
  readSync(fd, buffer, 0, buffer.length, size - buffer.length);
  closeSync(fd);
  return buffer.subarray(buffer.indexOf(10) + 1);
}

const logs = findNodeFiles(run).workers.flatMap((w) => w.logs).sort((a, b) => b.size - a.size);
const target = logs[0].path;
const originalSize = statSync(target).size;
const analyzer = new NodeAnalyzer();
let start = performance.now();
const state = await analyzer.followRun(run, null);
const fullMs = performance.now() - start;
const fullBytes = analyzer.lastStats.bytesParsed;
// A cache with tails, as a dashboard or an earlier CLI call would have left it.
await analyzer.saveRunState(run, state);
await analyzer.flush();
const appended = tailLines(target);
try {
  appendFileSync(target, appended);
  start = performance.now();
  await analyzer.followRun(run, state);
  const appendMs = performance.now() - start;
  const appendBytes = analyzer.lastStats.bytesParsed;
  // A fresh process's view: read the cache and its tails, parse the appended bytes, return.
  const fresh = new NodeAnalyzer();
  start = performance.now();
  await fresh.parseRunLogs(run);
  const freshMs = performance.now() - start;
  await fresh.flush();
  const withCacheMs = performance.now() - start;
  console.log(JSON.stringify({ file: path.relative(run, target), appended: appended.length, fullMs, fullBytes, appendMs, appendBytes, freshMs, freshBytes: fresh.lastStats.bytesParsed, withCacheMs }));
} finally {
  truncateSync(target, originalSize);
  rmSync(path.join(run, ".cache"), { recursive: true, force: true });
}
