import "server-only";
import { SrtlogError } from "../errors";
import { checkLogsDir } from "./dashboard-logs";
import { isRunDirName } from "./dashboard-tags";
import { getRunLoader } from "./logs-dir";
import { pickedLogsDirs } from "./picked-logs";
import { getRunActivity } from "./run-activity";
import { watchRun, type LiveEvent } from "./run-watcher";

/** Comment lines keep proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
const encoder = new TextEncoder();
const frame = (event: LiveEvent) => encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);

/**
 * A `text/event-stream` of one run's changes. A finished run gets its one `finished` event and the
 * stream ends, so a page never keeps polling it; the browser's EventSource must then close.
 */
export async function runEventStream(logs: string | undefined, runDir: string, signal: AbortSignal): Promise<Response> {
  const checked = checkLogsDir(logs, await pickedLogsDirs());
  if (!checked.ok) throw new SrtlogError("bad_input", checked.message);
  const run = isRunDirName(runDir) ? await getRunLoader(checked.dir).loadSingle(runDir) : null;
  if (!run) throw new SrtlogError("not_found", `no run ${runDir} in ${checked.dir}`);
  const headers = { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" };
  const activity = getRunActivity(run);
  if (activity === "finished") return new Response(frame({ type: "finished", activity }), { headers });
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        cleanup();
        try {
          controller.close();
        } catch {}
      };
      const heartbeat = setInterval(() => controller.enqueue(encoder.encode(": ok\n\n")), HEARTBEAT_MS);
      const unsubscribe = watchRun(run, (event) => {
        controller.enqueue(frame(event));
        if (event.type !== "change") close();
      });
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      controller.enqueue(encoder.encode(`event: hello\ndata: ${JSON.stringify({ activity })}\n\n`));
      signal.addEventListener("abort", close);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, { headers });
}
