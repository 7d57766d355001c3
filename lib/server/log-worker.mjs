// Worker thread for lib/server/log-pool.ts: parses one worker log per message, off the main thread.
// Plain .mjs so it starts the same under vitest, the CLI and `next start`: it loads the TypeScript
// sources through tsx, with "server-only" resolved to nothing as in the CLI.
import { register } from "node:module";
import { parentPort } from "node:worker_threads";

register("../../bin/server-only-hook.mjs", import.meta.url);
const { register: registerTypeScript } = await import("tsx/esm/api");
registerTypeScript();
const { parseLogFile } = await import("./parse-log-file.ts");
const { writeNodeParquetJob } = await import("./node-cache.ts");

function buffersOf(table) {
  return [table.ts, table.line, table.dp, table.tp, table.ep, table.batchType, ...Object.values(table.metrics)].map((a) => a.buffer);
}

parentPort.on("message", async ({ id, path, yearHint, parquetJob }) => {
  try {
    if (parquetJob) {
      await writeNodeParquetJob(parquetJob);
      parentPort.postMessage({ id, ok: true, result: null });
      return;
    }
    const result = await parseLogFile(path, yearHint);
    parentPort.postMessage({ id, ok: true, result }, buffersOf(result.table));
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
