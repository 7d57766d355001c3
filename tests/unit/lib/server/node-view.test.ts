import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadIdOf, nodeLoadStatus, nodeViewOf, rateViewOf } from "@/lib/server/node-view";
import { tempDir } from "../../../helpers/temp-dir";
import { makeRun } from "../charts/make-run";

// Real line shapes from sgl-project/sglang PR 17392 (tests/fixtures/real/logs, see SOURCES.md there).
const prefillLine = (time: string, dp: number, queue: number, input: number) =>
  `[2026-05-07 ${time} DP${dp} TP${dp} EP${dp}] Prefill batch, #new-seq: 4, #new-token: 2048, #cached-token: 0, token usage: 0.01, #running-req: 0, #queue-req: ${queue}, #pending-token: 5100, #bootstrap-req: 0, #inflight-req: 5, cuda graph: False, input throughput (token/s): ${input}`;
const decodeLine = (time: string, dp: number, running: number, gen: number) =>
  `[2026-05-07 ${time} DP${dp} TP${dp} EP${dp}] Decode batch, #running-req: ${running}, #token: 7198, token usage: 0.25, pre-allocated usage: 0.00, #prealloc-req: 2, #transfer-req: 1, #retracted-req: 0, cuda graph: True, gen throughput (token/s): ${gen}, #queue-req: 0`;

async function makeRun3667() {
  const root = await tempDir("srtlog-node-view-");
  const runPath = path.join(root, "3667_1P_2D_20251110_192145");
  await mkdir(runPath);
  await writeFile(path.join(runPath, "cn01_prefill_w0.err"), [prefillLine("13:40:39", 0, 6, 13000), prefillLine("13:40:39", 1, 4, 12000), prefillLine("13:40:41", 0, 0, 9000)].join("\n") + "\n");
  await writeFile(path.join(runPath, "cn02_decode_w0.err"), [decodeLine("13:40:40", 0, 8, 1000), decodeLine("13:40:41", 0, 10, 1200)].join("\n") + "\n");
  await writeFile(path.join(runPath, "cn03_decode_w1.out"), "[2026-05-07 13:40:00] server started\n");
  return makeRun({ runPath, runDir: path.basename(runPath), topology: "1P/2D", meta: { prefillWorkers: 1, decodeWorkers: 2, prefillNodes: 1, decodeNodes: 2 } });
}

describe("nodeViewOf", () => {
  it("draws a run's workers in the chosen mode, with counts and a note for the silent worker", async () => {
    const run = await makeRun3667();
    const view = await nodeViewOf(run, "all");
    expect(view.state).toBe("ready");
    if (view.state !== "ready") return;
    expect(view.run).toEqual({ runDir: "3667_1P_2D_20251110_192145", jobId: "3667", label: "3667 | 1P/2D | 8+16 GPUs" });
    expect(view.counts).toEqual({ prefill: 1, decode: 2, agg: 0 });
    expect(view.lines["prefill:inputThroughput"]).toEqual([{ label: "all nodes", x: [0, 2], y: [12500, 9000] }]);
    expect(view.lines["decode:tokenUsage"]).toEqual([{ label: "all nodes", x: [1, 2], y: [25, 25] }]);
    expect(view.notes).toEqual([expect.stringMatching(/^decode worker cn03 w1 logged no batch lines in cn03_decode_w1.out \(looked for SGLang/)]);
    const byDp = await nodeViewOf(run, "dp");
    expect(byDp.state === "ready" && byDp.lines["prefill:queueReq"].map((l) => l.label)).toEqual(["DP0", "DP1"]);
  });

  it("says when it is still loading, with an id whose progress can be polled until it is done", async () => {
    const run = await makeRun3667();
    const first = await nodeViewOf(run, "individual", 0);
    expect(first).toEqual({ state: "loading", run: expect.objectContaining({ jobId: "3667" }), loadId: loadIdOf(run.runPath) });
    const status = nodeLoadStatus(loadIdOf(run.runPath));
    expect(status).toMatchObject({ state: "loading", progress: { files: 3, bytes: expect.any(Number) } });
    await expect.poll(() => nodeLoadStatus(loadIdOf(run.runPath)).state).toBe("idle");
    const second = await nodeViewOf(run, "individual", 0);
    expect(second.state === "ready" && second.lines["decode:runningReq"].map((l) => l.label)).toEqual(["cn02-d-w0"]);
  });

  it("reads two runs at a time; the others wait their turn and then load", async () => {
    const runs = await Promise.all([makeRun3667(), makeRun3667(), makeRun3667()]);
    const views = runs.map((run) => nodeViewOf(run, "all", 0));
    const phases = runs.map((run) => {
      const status = nodeLoadStatus(loadIdOf(run.runPath));
      return status.state === "loading" ? status.progress.phase : status.state;
    });
    expect(phases).toEqual(["reading", "reading", "waiting"]);
    expect((await Promise.all(views)).map((v) => v.state)).toEqual(["loading", "loading", "loading"]);
    for (const run of runs) await expect.poll(() => nodeLoadStatus(loadIdOf(run.runPath)).state).toBe("idle");
    expect((await Promise.all(runs.map((run) => nodeViewOf(run, "all", 0)))).map((v) => v.state)).toEqual(["ready", "ready", "ready"]);
  });

  it("a run without worker logs names the patterns looked for", async () => {
    const root = await tempDir("srtlog-node-view-");
    const run = makeRun({ runPath: root, runDir: "12045_2P_2D_20251115_101500" });
    expect(await nodeViewOf(run, "all")).toMatchObject({
      state: "no-logs",
      message: "No log files found in 12045_2P_2D_20251115_101500: looked for <node>_{prefill,decode,agg}_w<i>[_DP<d>].{out,err} in the run dir or its logs/.",
    });
  });
});

describe("rateViewOf", () => {
  it("prefill input against decode generation, in tokens/s and requests/s", async () => {
    const run = await makeRun3667();
    const view = await rateViewOf(run);
    expect(view.state).toBe("ready");
    if (view.state !== "ready") return;
    expect(view.rate?.tokens.prefill).toEqual({ label: "prefill input", x: [0, 2], y: [12500, 9000] });
    expect(view.rate?.tokens.decode).toEqual({ label: "decode generation", x: [1, 2], y: [1000, 1200] });
    expect(view.rate?.requests?.decode.y).toEqual([1000 / 1024, 1200 / 1024].map((v) => Number(v.toPrecision(4))));
  });

  it("summed over nodes, kept apart from the averaged lines of the same run", async () => {
    const run = await makeRun3667();
    const mean = await rateViewOf(run, "mean");
    const sum = await rateViewOf(run, "sum");
    if (mean.state !== "ready" || sum.state !== "ready") throw new Error(`not ready: ${mean.state}, ${sum.state}`);
    // Prefill DP0 13000 + DP1 12000 at second 0; at second 2, DP0 9000 + DP1's 12000 held from second 0.
    expect(sum.rate?.tokens.prefill).toEqual({ label: "prefill input", x: [0, 2], y: [25000, 21000] });
    expect(sum.rate?.tokens.decode.y).toEqual([1000, 1200]);
    expect(mean.rate?.tokens.prefill.y).toEqual([12500, 9000]);
  });
});
