import "server-only";
import { SrtlogError } from "../errors";
import type { Run } from "../model";
import { checkLogsDir } from "./dashboard-logs";
import { isRunDirName } from "./dashboard-tags";
import { getRunLoader } from "./logs-dir";
import { pickedLogsDirs } from "./picked-logs";
import { getRunActivity } from "./run-activity";
import { watchRun, type LiveEvent } from "./run-watcher";

/** Comment lines keep proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
const encoder = new TextEncoder();
const frame = (runDir: string, event: LiveEvent) => encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify({ runDir, ...event })}\n\n`);
const HEADERS = { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", "X-Accel-Buffering": "no" };

async function runsOf(logs: string | undefined, runDirs: readonly string[]): Promise<Run[]> {
  const checked = checkLogsDir(logs, await pickedLogsDirs());
  if (!checked.ok) throw new SrtlogError("bad_input", checked.message);
  const loader = getRunLoader(checked.dir);
  return Promise.all(
    runDirs.map(async (runDir) => {
      const run = isRunDirName(runDir) ? await loader.loadSingle(runDir) : null;
      if (!run) throw new SrtlogError("not_found", `no run ${runDir} in ${checked.dir}`);
      return run;
    }),
  );
}

/**
 * One `text/event-stream` for a page's running runs (one connection per page, whatever the number of
 * runs: browsers allow few per host). Each event names its run; a run that is or becomes finished
 * (or vanishes) gets its last event, and the stream ends when every run has had its last, so a
 * page never keeps polling finished runs. The browser's EventSource must then close.
 */
export async function runEventStream(logs: string | undefined, runDirs: readonly string[], signal: AbortSignal): Promise<Response> {
  const runs = await runsOf(logs, runDirs);
  const finished = runs.filter((run) => getRunActivity(run) === "finished");
  const live = runs.filter((run) => !finished.includes(run));
  const opening = finished.map((run) => frame(run.runDir, { type: "finished", activity: "finished" }));
  if (live.length === 0) return new Response(new Blob(opening), { headers: HEADERS });
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = live.length;
      const send = (bytes: Uint8Array) => {
        try {
          controller.enqueue(bytes);
        } catch {} // closed meanwhile (the page went away)
      };
      const unsubscribes: (() => void)[] = [];
      const heartbeat = setInterval(() => send(encoder.encode(": ok\n\n")), HEARTBEAT_MS);
      const close = () => {
        cleanup();
        try {
          controller.close();
        } catch {}
      };
      cleanup = () => {
        clearInterval(heartbeat);
        for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
      };
      for (const bytes of opening) send(bytes);
      for (const run of live) {
        unsubscribes.push(
          watchRun(run, (event) => {
            send(frame(run.runDir, event));
            if (event.type !== "change" && --open === 0) close();
          }),
        );
      }
      send(encoder.encode(`event: hello\ndata: ${JSON.stringify({ runs: live.map((run) => run.runDir) })}\n\n`));
      signal.addEventListener("abort", close);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, { headers: HEADERS });
}
