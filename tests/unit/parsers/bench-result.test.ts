import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { blankPoint } from "../../helpers/model-builders";
import { describe, expect, it } from "vitest";
import { concurrencyFromFileName, parseBenchResultFile, toBenchPoint } from "@/parsers/bench-result";
import type { BenchPoint } from "@/lib/model";

const REAL = fileURLToPath(new URL("../../fixtures/real/results/", import.meta.url));

const buf = (text: string): Uint8Array => Buffer.from(text, "utf8");


/** The one point of a result file that must parse cleanly. */
function onePoint(text: string, sourceFile: string): BenchPoint {
  const result = parseBenchResultFile(buf(text), sourceFile);
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}`);
  expect(result.notes).toEqual([]);
  expect(result.points).toHaveLength(1);
  return result.points[0];
}

function expectClose(actual: number | null, expected: number, where: string) {
  expect(typeof actual, where).toBe("number");
  expect(Math.abs((actual as number) - expected), where).toBeLessThanOrEqual(Math.abs(expected) * 1e-9);
}

describe("parseBenchResultFile: field mapping", () => {
  it("maps every field of a current sa-bench result, skipping its per-request arrays", () => {
    const source = "sa-bench_isl_1024_osl_1024/results_concurrency_64_gpus_40_ctx_1_gen_4.json";
    const text = JSON.stringify({
      date: "20251110-193000",
      backend: "dynamo",
      model_id: "deepseek-ai/DeepSeek-V3",
      tokenizer_id: "deepseek-ai/DeepSeek-V3",
      best_of: 1,
      num_prompts: 640,
      request_rate: "inf",
      burstiness: 1.0,
      max_concurrency: 64,
      duration: 120.5,
      completed: 638,
      total_input_tokens: 653312,
      total_output_tokens: 650000,
      request_throughput: 5.25,
      request_goodput: null,
      output_throughput: 5400.5,
      peak_output_tokens_per_s: 6100.0,
      total_token_throughput: 10800.25,
      input_lens: [1024, 1024],
      output_lens: [1000, 1000],
      ttfts: [0.1, 0.2],
      itls: [[0.01, 0.02], [0.03]],
      generated_texts: ['a "}] b "max_concurrency": 999', "c"],
      errors: ["", ""],
      mean_ttft_ms: 245.5,
      median_ttft_ms: 198.25,
      std_ttft_ms: 50.75,
      p99_ttft_ms: 892.125,
      mean_tpot_ms: 32.0,
      median_tpot_ms: 28.5,
      std_tpot_ms: 4.25,
      p99_tpot_ms: 78.5,
      mean_itl_ms: 31.75,
      median_itl_ms: 27.5,
      std_itl_ms: 5.5,
      p99_itl_ms: 80.25,
      mean_e2el_ms: 1456.5,
      median_e2el_ms: 1400.0,
      std_e2el_ms: 300.5,
      p99_e2el_ms: 2900.75,
      failed: 2,
      benchmark_start_time_unix: 1762803000.5,
      benchmark_end_time_unix: 1762803121.0,
      reuse_http_connections: true,
    });
    expect(parseBenchResultFile(buf(text), source)).toEqual({
      ok: true,
      notes: [],
      points: [
        {
          concurrency: 64,
          requestRate: Infinity,
          outputTps: 5400.5,
          totalTps: 10800.25,
          inputTps: null,
          requestThroughput: 5.25,
          requestGoodput: null,
          peakOutputTps: 6100,
          meanTtftMs: 245.5,
          medianTtftMs: 198.25,
          p99TtftMs: 892.125,
          stdTtftMs: 50.75,
          meanTpotMs: 32,
          medianTpotMs: 28.5,
          p99TpotMs: 78.5,
          stdTpotMs: 4.25,
          meanItlMs: 31.75,
          medianItlMs: 27.5,
          p99ItlMs: 80.25,
          stdItlMs: 5.5,
          meanE2elMs: 1456.5,
          medianE2elMs: 1400,
          p99E2elMs: 2900.75,
          stdE2elMs: 300.5,
          totalInputTokens: 653312,
          totalOutputTokens: 650000,
          completed: 638,
          failed: 2,
          numPrompts: 640,
          durationS: 120.5,
          startTimeUnix: 1762803000.5,
          endTimeUnix: 1762803121,
          date: "20251110-193000",
          backend: "dynamo",
          modelId: "deepseek-ai/DeepSeek-V3",
          sourceFile: source,
        },
      ],
    });
  });

  it("older sa-bench: total_input/total_output and percentiles_<m>_ms lists for median and p99", () => {
    const source = "concurrency_16.json";
    const text =
      '{"max_concurrency": 16, "output_throughput": 1000, "total_token_throughput": 3000, "total_input": 20480, "total_output": 10240, "completed": 20,' +
      ' "mean_ttft_ms": 100.5, "percentiles_ttft_ms": [[50, 90.25], [90, 150.5], [99, 200.75]],' +
      ' "mean_tpot_ms": 20.0, "percentiles_tpot_ms": [[50.0, 19.5], [99.0, 30.5]],' +
      ' "mean_itl_ms": 21.0, "percentiles_itl_ms": [["50", "18.5"], ["99", "40.25"]],' +
      ' "mean_e2el_ms": 2000.0, "percentiles_e2el_ms": [[99, 3000.5]]}';
    expect(onePoint(text, source)).toEqual({
      ...emptyPoint(16, source),
      outputTps: 1000,
      totalTps: 3000,
      totalInputTokens: 20480,
      totalOutputTokens: 10240,
      completed: 20,
      meanTtftMs: 100.5,
      medianTtftMs: 90.25,
      p99TtftMs: 200.75,
      meanTpotMs: 20,
      medianTpotMs: 19.5,
      p99TpotMs: 30.5,
      meanItlMs: 21,
      medianItlMs: 18.5,
      p99ItlMs: 40.25,
      meanE2elMs: 2000,
      medianE2elMs: null,
      p99E2elMs: 3000.5,
    });
  });

  it("prefers total_input_tokens over total_input and *_ms keys over percentiles lists and seconds", () => {
    const text =
      '{"max_concurrency": 2, "total_input_tokens": 100, "total_input": 999, "total_output_tokens": 50, "total_output": 888,' +
      ' "median_ttft_ms": 12.5, "percentiles_ttft_ms": [[50, 99.0]], "median_ttft": 7.0, "mean_tpot_ms": 3.5, "mean_tpot": 9.0}';
    const point = onePoint(text, "concurrency_2.json");
    expect(point.totalInputTokens).toBe(100);
    expect(point.totalOutputTokens).toBe(50);
    expect(point.medianTtftMs).toBe(12.5);
    expect(point.meanTpotMs).toBe(3.5);
  });

  it("sglang.bench_serving: *_e2e_latency_ms are e2el, total TPS = input + output throughput, achieved concurrency ignored", () => {
    const source = "sglang_isl_1024_osl_1024/concurrency_256_req_rate_5.json";
    const text =
      '{"backend": "sglang", "dataset_name": "random", "request_rate": 5.0, "max_concurrency": 256, "duration": 200.0, "completed": 1000,' +
      ' "total_input_tokens": 300000, "total_output_tokens": 200000, "total_output_tokens_retokenized": 199000, "request_throughput": 5.0,' +
      ' "input_throughput": 1500.25, "output_throughput": 1000.5,' +
      ' "mean_e2e_latency_ms": 2400.5, "median_e2e_latency_ms": 1500.25, "std_e2e_latency_ms": 2600.75, "p99_e2e_latency_ms": 9800.5,' +
      ' "mean_ttft_ms": 91.5, "median_ttft_ms": 76.25, "std_ttft_ms": 65.0, "p99_ttft_ms": 327.75,' +
      ' "mean_tpot_ms": 12.5, "median_tpot_ms": 11.75, "std_tpot_ms": 1.5, "p99_tpot_ms": 19.0,' +
      ' "mean_itl_ms": 11.5, "median_itl_ms": 10.5, "std_itl_ms": 2.75, "p95_itl_ms": 18.5, "p99_itl_ms": 21.25,' +
      ' "concurrency": 11.780263008980727, "accept_length": null}\n';
    expect(onePoint(text, source)).toEqual({
      ...emptyPoint(256, source),
      requestRate: 5,
      outputTps: 1000.5,
      totalTps: 2500.75,
      inputTps: 1500.25,
      requestThroughput: 5,
      meanTtftMs: 91.5,
      medianTtftMs: 76.25,
      p99TtftMs: 327.75,
      stdTtftMs: 65,
      meanTpotMs: 12.5,
      medianTpotMs: 11.75,
      p99TpotMs: 19,
      stdTpotMs: 1.5,
      meanItlMs: 11.5,
      medianItlMs: 10.5,
      p99ItlMs: 21.25,
      stdItlMs: 2.75,
      meanE2elMs: 2400.5,
      medianE2elMs: 1500.25,
      p99E2elMs: 9800.5,
      stdE2elMs: 2600.75,
      totalInputTokens: 300000,
      totalOutputTokens: 200000,
      completed: 1000,
      durationS: 200,
      backend: "sglang",
    });
  });

  it("total TPS: total_token_throughput wins over input + output; only output known gives null", () => {
    expect(onePoint('{"max_concurrency": 1, "total_token_throughput": 3000, "input_throughput": 1000, "output_throughput": 1000}', "a.json").totalTps).toBe(3000);
    expect(onePoint('{"max_concurrency": 1, "output_throughput": 1000}', "a.json").totalTps).toBeNull();
    expect(onePoint('{"max_concurrency": 1, "input_throughput": 1000}', "a.json").totalTps).toBeNull();
  });

  it("sglang JSON Lines: one point per line", () => {
    const text =
      '{"max_concurrency": 16, "input_throughput": 10.5, "output_throughput": 20.25, "mean_e2e_latency_ms": 100.0}\n\n' +
      '{"max_concurrency": 32, "input_throughput": 30.5, "output_throughput": 40.25, "mean_e2e_latency_ms": 200.0}\n';
    const result = parseBenchResultFile(buf(text), "sglang_isl_1_osl_1/results.jsonl");
    expect(result.ok).toBe(true);
    expect(result.points.map((p) => [p.concurrency, p.totalTps, p.meanE2elMs])).toEqual([
      [16, 30.75, 100],
      [32, 70.75, 200],
    ]);
  });

  it("InferenceX seconds without _ms are multiplied by 1000", () => {
    const text =
      '{"max_concurrency": 4, "median_ttft": 0.25, "p99_ttft": 1.5, "mean_tpot": 0.03125, "std_itl": 0.5, "median_e2el": 4.5, "p99_e2el": 12.0}';
    const point = onePoint(text, "x_conc4.json");
    expect(point.medianTtftMs).toBe(250);
    expect(point.p99TtftMs).toBe(1500);
    expect(point.meanTpotMs).toBe(31.25);
    expect(point.stdItlMs).toBe(500);
    expect(point.medianE2elMs).toBe(4500);
    expect(point.p99E2elMs).toBe(12000);
    expect(point.meanTtftMs).toBeNull();
  });

  it("numeric strings are numbers", () => {
    const text =
      '{"max_concurrency": "32", "request_rate": "10.5", "output_throughput": "1234.5", "total_token_throughput": " 2469 ",' +
      ' "mean_ttft_ms": "55.25", "p99_tpot_ms": " 7.5 ", "completed": "100", "total_input_tokens": "4096", "duration": "60.5"}';
    const point = onePoint(text, "concurrency_1.json");
    expect(point).toMatchObject({
      concurrency: 32,
      requestRate: 10.5,
      outputTps: 1234.5,
      totalTps: 2469,
      meanTtftMs: 55.25,
      p99TpotMs: 7.5,
      completed: 100,
      totalInputTokens: 4096,
      durationS: 60.5,
    });
  });

  it.each([
    ['"inf"', Infinity],
    ['"INF"', Infinity],
    ['"Infinity"', Infinity],
    ["2.5", 2.5],
    ['"abc"', null],
    ["null", null],
  ])("request_rate %s -> %s", (json, expected) => {
    expect(onePoint(`{"max_concurrency": 8, "request_rate": ${json}}`, "a.json").requestRate).toBe(expected);
  });

  it("request_rate absent -> null", () => {
    expect(onePoint('{"max_concurrency": 8}', "a.json").requestRate).toBeNull();
  });

  it("peak output TPS falls back to vllm's max_output_tokens_per_s", () => {
    expect(onePoint('{"max_concurrency": 8, "max_output_tokens_per_s": 308.0}', "a.json").peakOutputTps).toBe(308);
    expect(onePoint('{"max_concurrency": 8, "peak_output_tokens_per_s": 500, "max_output_tokens_per_s": 308.0}', "a.json").peakOutputTps).toBe(500);
  });

  it("NaN, Infinity and -Infinity measurements are missing (null), never 0", () => {
    const text =
      '{"max_concurrency": 8, "mean_ttft_ms": NaN, "output_throughput": Infinity, "p99_itl_ms": -Infinity, "request_goodput": NaN,' +
      ' "total_token_throughput": "inf", "completed": null}';
    expect(onePoint(text, "a.json")).toMatchObject({
      meanTtftMs: null,
      outputTps: null,
      p99ItlMs: null,
      requestGoodput: null,
      totalTps: null,
      completed: null,
    });
  });
});

describe("concurrency", () => {
  it.each([
    ["concurrency_64.json", 64],
    ["results_concurrency_64_gpus_8_ctx_1_gen_4.json", 64],
    ["results_concurrency_128_gpus_8.json", 128],
    ["isl_1024_osl_1024_concurrency_64_req_rate_inf_ctx1_gen4.json", 64],
    ["isl_1024_osl_1024_concurrency_32_req_rate_inf_gpus8.json", 32],
    ["concurrency_16_req_rate_inf.json", 16],
    ["glm5_fp8_vllm_tp8_isl1024_osl128_conc64.json", 64],
    ["benchmark.json", null],
    ["results.json", null],
    ["myconcurrency_64.json", null],
    ["concurrency_.json", null],
  ])("concurrencyFromFileName(%s) = %s", (name, expected) => {
    expect(concurrencyFromFileName(name)).toBe(expected);
  });

  it.each([
    ["sa-bench_isl_1024_osl_1024/concurrency_64.json"],
    ["logs/sa-bench_isl_1024_osl_1024/results_concurrency_64_gpus_8_ctx_1_gen_4.json"],
    ["sa-bench_isl_1024_osl_1024/isl_1024_osl_1024_concurrency_64_req_rate_inf_ctx1_gen4.json"],
    ["results/glm5_fp8_vllm_tp8_isl1024_osl128_conc64.json"],
  ])("max_concurrency null in %s -> 64 from the file name", (source) => {
    expect(onePoint('{"max_concurrency": null, "output_throughput": 1.5}', source)).toMatchObject({ concurrency: 64, outputTps: 1.5, sourceFile: source });
  });

  it("max_concurrency absent, NaN or 'None' -> from the file name", () => {
    expect(onePoint('{"output_throughput": 1.5}', "d/concurrency_8.json").concurrency).toBe(8);
    expect(onePoint('{"max_concurrency": NaN}', "d/concurrency_8.json").concurrency).toBe(8);
    expect(onePoint('{"max_concurrency": "None"}', "d/concurrency_8.json").concurrency).toBe(8);
  });

  it("max_concurrency in the record wins over the file name; a numeric string counts", () => {
    expect(onePoint('{"max_concurrency": 8}', "d/concurrency_64.json").concurrency).toBe(8);
    expect(onePoint('{"max_concurrency": "128"}', "d/concurrency_64.json").concurrency).toBe(128);
  });

  it("fake max_concurrency inside a skipped per-request array is not read", () => {
    const text = '{"generated_texts": ["{\\"max_concurrency\\": 999}", "\\"max_concurrency\\": 7,"], "max_concurrency": null}';
    expect(onePoint(text, "d/concurrency_32.json").concurrency).toBe(32);
  });

  it("a record without any concurrency gives no point and a note", () => {
    const source = "vllm_isl_1_osl_1/result.json";
    expect(parseBenchResultFile(buf('{"max_concurrency": null, "output_throughput": 10}'), source)).toEqual({
      ok: true,
      points: [],
      notes: ["vllm_isl_1_osl_1/result.json: no max_concurrency in the result and none in the file name"],
    });
    expect(toBenchPoint({ max_concurrency: null, output_throughput: 10 }, source)).toBeNull();
  });

  it("toBenchPoint reads a plain record the same way", () => {
    const point = toBenchPoint({ max_concurrency: "4", median_ttft: 0.5, request_rate: "inf", total_input: 10 }, "dir/x.json");
    expect(point).toEqual({ ...emptyPoint(4, "dir/x.json"), medianTtftMs: 500, requestRate: Infinity, totalInputTokens: 10 });
  });
});

describe("parseBenchResultFile: files that are not results or are broken", () => {
  it("a list-shaped file (*.pytorch.json) is ignored", () => {
    const source = "sa-bench_isl_1024_osl_1024/results_concurrency_64_gpus_8.pytorch.json";
    expect(parseBenchResultFile(buf('[{"benchmark": {"name": "x"}, "metric": {"name": "y"}}]'), source)).toEqual({
      ok: false,
      ignored: true,
      reason: "sa-bench_isl_1024_osl_1024/results_concurrency_64_gpus_8.pytorch.json: top-level JSON value is a list",
      points: [],
      notes: [],
    });
  });

  it("an empty file is a broken result, not ignored", () => {
    expect(parseBenchResultFile(buf(""), "sa-bench_isl_1_osl_1/concurrency_8.json")).toEqual({
      ok: false,
      ignored: false,
      reason: "sa-bench_isl_1_osl_1/concurrency_8.json: empty file",
      points: [],
      notes: [],
    });
  });

  it("a truncated file is a broken result naming line and column", () => {
    const text = '{"max_concurrency": 8,\n"ttfts": [0.1, 0.2';
    expect(parseBenchResultFile(buf(text), "concurrency_8.json")).toEqual({
      ok: false,
      ignored: false,
      reason: "concurrency_8.json: truncated at line 2 column 19: unterminated array or object",
      points: [],
      notes: [],
    });
  });

  it("JSON Lines whose last record is truncated keep the points before it", () => {
    const text = '{"max_concurrency": 16, "output_throughput": 2.5}\n{"max_concurrency": 32, "output';
    const result = parseBenchResultFile(buf(text), "sglang/concurrency_16.jsonl");
    expect(result.ok).toBe(false);
    expect(result.points.map((p) => [p.concurrency, p.outputTps])).toEqual([[16, 2.5]]);
    if (!result.ok) {
      expect(result.ignored).toBe(false);
      expect(result.reason).toBe("sglang/concurrency_16.jsonl: truncated at line 2 column 32: unterminated string");
    }
  });

  it("invalid JSON is a broken result", () => {
    const result = parseBenchResultFile(buf('{"max_concurrency": 8, "output_throughput": 1..5}'), "concurrency_8.json");
    expect(result).toEqual({
      ok: false,
      ignored: false,
      reason: "concurrency_8.json: invalid JSON at line 1 column 45: not a JSON value: 1..5",
      points: [],
      notes: [],
    });
  });

  it("works on a plain Uint8Array as well as a Buffer", () => {
    const text = '{"max_concurrency": 8, "output_throughput": 12.5, "ttfts": [1, 2]}';
    const fromU8 = parseBenchResultFile(new TextEncoder().encode(text), "a.json");
    expect(fromU8.ok).toBe(true);
    expect(fromU8.points.map((p) => [p.concurrency, p.outputTps])).toEqual([[8, 12.5]]);
  });
});

interface ExpectedFile {
  file: string;
  concurrency: number | null;
  outputTps: number;
  medianTtftMs: number;
  p99TpotMs: number;
  completed: number;
}
const expectedFiles = (JSON.parse(readFileSync(`${REAL}expected.json`, "utf8")) as { files: ExpectedFile[] }).files;

describe("real result files (tests/fixtures/real/results, values read by hand)", () => {
  it("covers the six InferenceX files, the sglang file and the vllm file", () => {
    expect(expectedFiles).toHaveLength(8);
    expect(expectedFiles.filter((f) => f.file.startsWith("inferencex/"))).toHaveLength(6);
  });

  it.each(expectedFiles.map((f) => [f.file, f] as const))("%s parses to the hand-read values", (file, want) => {
    const bytes = readFileSync(`${REAL}${file}`);
    const parsed = parseBenchResultFile(bytes, file);
    expect(parsed.ok).toBe(true);
    let point: BenchPoint;
    if (want.concurrency === null) {
      // No concurrency in the record nor in the name: a note, no point; under a concurrency name it parses.
      expect(parsed).toEqual({ ok: true, points: [], notes: [`${file}: no max_concurrency in the result and none in the file name`] });
      const renamed = parseBenchResultFile(bytes, "vllm_isl_1_osl_1/concurrency_14.json");
      expect(renamed.points).toHaveLength(1);
      point = renamed.points[0];
      expect(point.concurrency).toBe(14);
    } else {
      expect(parsed.points).toHaveLength(1);
      point = parsed.points[0];
      expect(point.concurrency).toBe(want.concurrency);
    }
    expectClose(point.outputTps, want.outputTps, `${file} outputTps`);
    expectClose(point.medianTtftMs, want.medianTtftMs, `${file} medianTtftMs`);
    expectClose(point.p99TpotMs, want.p99TpotMs, `${file} p99TpotMs`);
    expect(point.completed).toBe(want.completed);
  });

  it("InferenceX glm5 conc16: every field, seconds x1000, total = input + output", () => {
    const file = "inferencex/glm5_fp8_vllm_tp8_isl1024_osl128_conc16.json";
    const [point] = parseBenchResultFile(readFileSync(`${REAL}${file}`), file).points;
    const want: Record<string, number> = {
      outputTps: 403.5809313421254,
      inputTps: 3228.647450737003,
      totalTps: 3228.647450737003 + 403.5809313421254,
      requestThroughput: 3.1529760261103545,
      medianTtftMs: 0.29139942955225706 * 1000,
      p99TtftMs: 2.077586937993753 * 1000,
      medianE2elMs: 4.5732344426214695 * 1000,
      p99E2elMs: 9.590554047282783 * 1000,
      medianTpotMs: 0.033614915054966145 * 1000,
      p99TpotMs: 0.0717096967959967 * 1000,
      durationS: 50.745707761496305,
    };
    for (const [key, value] of Object.entries(want)) expectClose(point[key as keyof BenchPoint] as number, value, key);
    expect(point).toMatchObject({
      concurrency: 16,
      requestRate: Infinity,
      requestGoodput: null,
      peakOutputTps: null,
      meanTtftMs: null,
      meanTpotMs: null,
      meanItlMs: null,
      medianItlMs: null,
      stdTtftMs: null,
      totalInputTokens: 163840,
      totalOutputTokens: 20480,
      completed: 160,
      failed: null,
      numPrompts: 160,
      date: "20260213-075258",
      backend: null,
      modelId: "zai-org/GLM-5-FP8",
      sourceFile: file,
    });
  });

  it("sglang real record: e2e latency names, input + output total, max_concurrency not achieved concurrency", () => {
    const file = "index_unattributed/sglang-bench_serving-result__sharegpt_c256.jsonl";
    const [point] = parseBenchResultFile(readFileSync(`${REAL}${file}`), file).points;
    expect(point.concurrency).toBe(256);
    expect(point.requestRate).toBe(5);
    expectClose(point.totalTps, 1477.0827846460556 + 957.162043188693, "totalTps");
    expect(point.meanE2elMs).toBe(2409.499004891637);
    expect(point.medianE2elMs).toBe(1537.8948565048631);
    expect(point.p99E2elMs).toBe(9813.89673267491);
    expect(point.stdE2elMs).toBe(2620.270331568627);
    expect(point.p99ItlMs).toBe(21.477889133384465);
    expect(point.backend).toBe("sglang");
  });

  it("vllm bench serve real record: total_token_throughput, failed, max_output_tokens_per_s, numeric request rate", () => {
    const file = "index_unattributed/vllm-bench-serve-result__openai-1.0qps-Qwen2.5-VL-3B.json";
    const [point] = parseBenchResultFile(readFileSync(`${REAL}${file}`), "vllm/concurrency_14.json").points;
    expect(point).toMatchObject({
      concurrency: 14,
      requestRate: 1,
      totalTps: 319.2501642307408,
      failed: 1,
      peakOutputTps: 308,
      numPrompts: 200,
      meanTtftMs: 97.50969301155726,
      stdItlMs: 1.2341968366262888,
      date: "20260722-060114",
      backend: "openai",
      modelId: "./Qwen2.5-VL-3B-Instruct",
    });
  });
});

/** A point with every measured field missing; tests override what the input carries. */
function emptyPoint(concurrency: number, sourceFile: string): BenchPoint {
  return blankPoint({ concurrency, sourceFile });
}
