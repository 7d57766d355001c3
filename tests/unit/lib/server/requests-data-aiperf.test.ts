import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getRequestsData } from "@/lib/server/requests-data";
import { goodputOfRuns, pointKey } from "@/lib/server/goodput";
import { requestsParamsSchema } from "@/lib/requests-view";
import { makePoint, makeRun } from "../../lib/charts/make-run";
import { tempDir } from "../../../helpers/temp-dir";

const RESULT_REL = "logs/sa-bench_isl_8_osl_4/results_concurrency_4_gpus_8.json";
const EXPORT_DIR = "logs/artifacts/Model_trace_c4_20260101_120000";

/** One AIPerf record: times in ms, as AIPerf's docs show them. */
function record(id: number, phase: string | undefined, ttftMs: number, e2eMs: number, outputLen: number): string {
  const metadata = { x_request_id: `r${id}`, request_start_ns: 1_767_268_800_000_000_000 + id * 1e9, request_end_ns: 1_767_268_800_000_000_000 + id * 1e9 + e2eMs * 1e6, ...(phase ? { benchmark_phase: phase } : {}) };
  const ms = (value: number) => ({ value, unit: "ms" });
  const metrics = { time_to_first_token: ms(ttftMs), request_latency: ms(e2eMs), inter_token_latency: ms(10), input_sequence_length: { value: 8, unit: "tokens" }, output_sequence_length: { value: outputLen, unit: "tokens" } };
  return JSON.stringify({ metadata, metrics });
}

/** A run whose sa-bench result has summary numbers only, and AIPerf's exports under logs/artifacts/. */
async function aiperfRun(): Promise<string> {
  const run = path.join(await tempDir(), "4242");
  await mkdir(path.join(run, path.dirname(RESULT_REL)), { recursive: true });
  await writeFile(path.join(run, RESULT_REL), JSON.stringify({ max_concurrency: 4, completed: 3, mean_ttft_ms: 100 }));
  await mkdir(path.join(run, EXPORT_DIR), { recursive: true });
  const lines = [record(0, "warmup", 900, 1900, 5), record(1, "profiling", 100, 400, 4), record(2, "profiling", 300, 600, 4), record(3, "profiling", 200, 500, 4)];
  await writeFile(path.join(run, EXPORT_DIR, "profile_export.jsonl"), lines.join("\n") + "\n");
  // AIPerf's separate warmup run: none of its requests belong to the point.
  await mkdir(path.join(run, "logs/artifacts/warmup"), { recursive: true });
  await writeFile(path.join(run, "logs/artifacts/warmup/profile_export.jsonl"), record(9, undefined, 5000, 9000, 4) + "\n");
  return run;
}

describe("Requests view of a point without sa-bench arrays", () => {
  it("reads AIPerf's profile_export.jsonl of the same concurrency and leaves out its warmup phase", async () => {
    const runPath = await aiperfRun();
    const run = makeRun({ jobId: "4242", runDir: "4242", runPath, points: [makePoint({ concurrency: 4, sourceFile: RESULT_REL })] });
    const data = (await getRequestsData([run], requestsParamsSchema.parse({ rc: "4", metric: "ttft" })))!;
    expect(data.sources).toEqual(["aiperf"]);
    expect(data.empty).toEqual([]);
    expect(data.series).toHaveLength(1);
    const [series] = data.series;
    // 4 records, the first marked warmup by benchmark_phase and left out: TTFTs 100, 300, 200 ms.
    expect(series).toMatchObject({ concurrency: 4, warmup: 1, warmupSource: "benchmark_phase", requests: 3, failed: 0 });
    expect(series.cdf.x).toEqual([100, 200, 300]);
    // Linear p50 of [100, 200, 300].
    expect(series.percentiles[0]).toEqual({ p: 50, value: 200 });

    const kept = (await getRequestsData([run], requestsParamsSchema.parse({ rc: "4", warmup: "keep" })))!;
    expect(kept.series[0].cdf.x).toEqual([100, 200, 300, 900]);
  });

  it("a point with no AIPerf export of its concurrency stays empty, as before", async () => {
    const runPath = await aiperfRun();
    const run = makeRun({ jobId: "4242", runDir: "4242", runPath, points: [makePoint({ concurrency: 8, sourceFile: RESULT_REL })] });
    const data = (await getRequestsData([run], requestsParamsSchema.parse({})))!;
    expect(data.empty).toEqual([8]);
    expect(data.sources).toEqual(["sa-bench"]);
  });
});

describe("goodput of a point without sa-bench arrays", () => {
  it("counts AIPerf's profiling records, as the Requests view reads them", async () => {
    const runPath = await aiperfRun();
    const run = makeRun({ jobId: "4242", runDir: "4242", runPath, totalGpus: 8, points: [makePoint({ concurrency: 4, sourceFile: RESULT_REL, durationS: 4 })] });
    const { byPoint, problems } = await goodputOfRuns([run], { bounds: [{ metric: "ttft", stat: "p99", maxMs: 250 }], minTpsUser: null });
    expect(problems).toEqual([]);
    // Profiling TTFTs 100, 300, 200 ms under 250 ms: 2 of 3 good, over 4 s; 2 × 4 output tokens / 4 s / 8 GPUs.
    expect(byPoint.get(pointKey("4242", 4))).toEqual({ requests: 3, good: 2, failed: 0, attainmentPct: (2 / 3) * 100, goodputRps: 0.5, goodOutputTpsPerGpu: 0.25, warmupExcluded: 1 });
  });
});
