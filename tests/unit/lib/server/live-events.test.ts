import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runEventStream } from "@/lib/server/live-events";
import { tempDir } from "../../../helpers/temp-dir";

process.env.SRTLOG_WATCH_MS = "100";
const FIXTURE_RESULT = "tests/fixtures/loader/current-v2-logs-layout/logs/4401470/logs/sa-bench_isl_1024_osl_1024/results_concurrency_32_gpus_16.json";
const LINE = "[2026-12-06 11:00:00] Decode batch, #running-req: 1, #queue-req: 0\n";

async function makeRun(logs: string, jobId: string, done: number[]) {
  const dir = path.join(logs, jobId);
  await mkdir(path.join(dir, "logs", "sa-bench_isl_1024_osl_1024"), { recursive: true });
  const metadata = { version: "2.0", job_id: jobId, job_name: "live", generated_at: "2026-12-06 10:50:00", model: { path: "m", container: "c", precision: "bf16" }, resources: { gpu_type: "h100", gpus_per_node: 8, agg_nodes: 1, agg_workers: 1 }, backend_type: "sglang", frontend_type: "dynamo", benchmark: { type: "sa-bench", isl: 1024, osl: 1024, concurrencies: "16x32" } };
  await writeFile(path.join(dir, `${jobId}.json`), JSON.stringify(metadata));
  await writeFile(path.join(dir, "logs", "n1_agg_w0.out"), LINE);
  for (const c of done) await addResult(dir, c);
  return dir;
}

async function addResult(dir: string, concurrency: number) {
  const raw = JSON.parse(await readFile(FIXTURE_RESULT, "utf8"));
  await writeFile(path.join(dir, "logs", "sa-bench_isl_1024_osl_1024", `results_concurrency_${concurrency}_gpus_8.json`), JSON.stringify({ ...raw, max_concurrency: concurrency }));
}

/** Read a stream's events (name and data) until `until` holds or the stream ends. */
async function readEvents(reader: ReadableStreamDefaultReader<Uint8Array>, events: { event: string; data: Record<string, unknown> }[], until: () => boolean) {
  const decoder = new TextDecoder();
  let text = "";
  while (!until()) {
    const { done, value } = await reader.read();
    if (done) return true;
    text += decoder.decode(value, { stream: true });
    for (let end = text.indexOf("\n\n"); end !== -1; end = text.indexOf("\n\n")) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  }
  return false;
}

describe("runEventStream", () => {
  it("streams a page's runs in one connection: finished ones at once, changes of running ones, then ends", async () => {
    const logs = await tempDir("srtlog-sse-");
    process.env.SRTLOG_LOGS_DIR = logs;
    const live = await makeRun(logs, "9001", [16]);
    await makeRun(logs, "9002", [16, 32]);
    const response = await runEventStream(undefined, ["9001", "9002"], new AbortController().signal);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reader = response.body!.getReader();
    const events: { event: string; data: Record<string, unknown> }[] = [];
    await readEvents(reader, events, () => events.some((e) => e.event === "hello"));
    expect(events.map((e) => [e.event, e.data.runDir ?? e.data.runs])).toEqual([["finished", "9002"], ["hello", ["9001"]]]);

    await appendFile(path.join(live, "logs", "n1_agg_w0.out"), LINE);
    await readEvents(reader, events, () => events.some((e) => e.event === "change"));
    expect(events.at(-1)).toMatchObject({ event: "change", data: { runDir: "9001", type: "change", activity: "running" } });

    await addResult(live, 32);
    const ended = await readEvents(reader, events, () => false);
    expect(ended).toBe(true);
    expect(events.at(-1)).toMatchObject({ event: "finished", data: { runDir: "9001" } });
  });

  it("answers finished runs with their last events and no open stream; an unknown run is not_found", async () => {
    const logs = await tempDir("srtlog-sse-");
    process.env.SRTLOG_LOGS_DIR = logs;
    await makeRun(logs, "9003", [16, 32]);
    const text = await (await runEventStream(undefined, ["9003"], new AbortController().signal)).text();
    expect(text).toBe('event: finished\ndata: {"runDir":"9003","type":"finished","activity":"finished"}\n\n');
    await expect(runEventStream(undefined, ["9003", "../etc"], new AbortController().signal)).rejects.toMatchObject({ code: "not_found" });
  });
});
