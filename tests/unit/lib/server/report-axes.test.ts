import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildReport } from "@/lib/server/report";
import { parseViewState } from "@/lib/view-state";
import { makePoint, makeRun } from "../charts/make-run";
import { tempDir } from "../../../helpers/temp-dir";

const RESULT_REL = "logs/sa-bench_isl_8_osl_4/results_concurrency_4_gpus_4.json";

/** A 4-GPU run with one point (c=4, 2 s) whose sa-bench result holds per-request arrays: 10 + 20 + 30 output tokens, none failed. */
async function runWithRequests() {
  const runPath = path.join(await tempDir(), "5151");
  await mkdir(path.join(runPath, path.dirname(RESULT_REL)), { recursive: true });
  const result = { max_concurrency: 4, duration: 2, completed: 3, output_throughput: 30, mean_tpot_ms: 10, input_lens: [8, 8, 8], output_lens: [10, 20, 30], ttfts: [0.1, 0.2, 0.3], itls: [[0.01], [0.01], [0.01]], errors: ["", "", ""] };
  await writeFile(path.join(runPath, RESULT_REL), JSON.stringify(result));
  return makeRun({ jobId: "5151", runDir: "5151", runPath, totalGpus: 4, points: [makePoint({ concurrency: 4, sourceFile: RESULT_REL, durationS: 2, outputTps: 30, meanTpotMs: 10 })] });
}

const paretoXY = async (query: string) => {
  const run = await runWithRequests();
  const doc = await buildReport({ runs: [run], state: parseViewState(new URLSearchParams(query)), logsDir: path.dirname(run.runPath), origin: "http://x", format: "html" });
  const trace = doc.figures[0].data.find((t) => t.name === doc.essentials[0].label)!;
  return { x: trace.x, y: trace.y };
};

describe("a report's Pareto chart with goodput on either axis", () => {
  // No latency bound set: every successful request is good, (10 + 20 + 30) tokens / 2 s / 4 GPUs = 7.5 TPS/GPU.
  it("plots goodput on y, as the Pareto tab does", async () => {
    expect(await paretoXY("y=goodput&x=output")).toEqual({ x: [7.5], y: [7.5] });
  });

  it("plots goodput on x too: the page reads per-request data when either axis needs it", async () => {
    // Output TPS/GPU on y: 30 TPS / 4 GPUs = 7.5.
    expect(await paretoXY("x=goodput&y=output")).toEqual({ x: [7.5], y: [7.5] });
  });
});
