import { describe, expect, it } from "vitest";
import { scanSaBenchArrays, MAX_ERROR_CHARS } from "@/parsers/per-request/sa-bench-arrays";
import { tableFromSaBench, tpotOf } from "@/parsers/per-request/request-table";
import { parseAiperfRecords } from "@/parsers/per-request/aiperf-records";

const bytes = (text: string) => new TextEncoder().encode(text);
/** The text cut into chunks of `size` bytes: every token and escape gets split somewhere. */
function chunks(text: string, size: number): Uint8Array[] {
  const all = bytes(text);
  const out: Uint8Array[] = [];
  for (let at = 0; at < all.length; at += size) out.push(all.subarray(at, at + size));
  return out;
}

/** A result file as sa-bench writes it (json.dump, default separators), with nasty texts. */
const RESULT = {
  date: "20261201-101010",
  max_concurrency: 4,
  generated_texts: ['say "hi" ]}', "back\\slash\\", "{\"ttfts\": [9]}", ""],
  input_lens: [100, 200, 300, 400],
  output_lens: [3, 1, 0, 5],
  ttfts: [0.5, 0.25, 0, 1e-1],
  itls: [[0.01, 0.03], [], [], [0.02, 0.02, 0.02, 0.02]],
  errors: ["", "", 'Traceback: "boom" \\n [x]', ""],
  mean_ttft_ms: 12.5,
};

/** Python json.dump's default separators: ", " and ": ". */
function pyDump(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pyDump).join(", ")}]`;
  if (value !== null && typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pyDump(v)}`).join(", ")}}`;
  return JSON.stringify(value);
}

describe("scanSaBenchArrays", () => {
  it("reads every per-request array, whatever the chunk size", () => {
    const text = pyDump(RESULT);
    for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
      const arrays = scanSaBenchArrays(chunks(text, size));
      expect(arrays.issues).toEqual([]);
      expect(arrays.inputLens).toEqual([100, 200, 300, 400]);
      expect(arrays.outputLens).toEqual([3, 1, 0, 5]);
      expect(arrays.ttfts).toEqual([0.5, 0.25, 0, 0.1]);
      expect(arrays.itlCounts).toEqual([2, 0, 0, 4]);
      expect(arrays.itlSums[0]).toBeCloseTo(0.04, 12);
      expect(arrays.itlSums[3]).toBeCloseTo(0.08, 12);
      expect(arrays.errors).toEqual(["", "", 'Traceback: "boom" \\n [x]', ""]);
    }
  });

  it("sums long itls lists of 17-digit numbers and exponents the same at any chunk boundary", () => {
    const gaps = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? 1.5e-5 * (i + 1) : 0.0123456789012345 + i / 3));
    const text = `{"itls": [[${gaps.map(String).join(", ")}], [-0.5, 2E-1]], "ttfts": [1, 2]}`;
    const expected = gaps.reduce((sum, v) => sum + v, 0);
    for (const size of [1, 5, 13, 64, 1 << 20]) {
      const arrays = scanSaBenchArrays(chunks(text, size));
      expect(arrays.itlCounts).toEqual([300, 2]);
      expect(arrays.itlSums[0]! / expected).toBeCloseTo(1, 12);
      expect(arrays.itlSums[1]).toBeCloseTo(-0.3, 12);
      expect(arrays.ttfts).toEqual([1, 2]);
    }
  });

  it("turns NaN, Infinity and null into missing values and reads exponents", () => {
    const text = '{"ttfts": [NaN, Infinity, -Infinity, null, 2.5e-3, -1E2], "input_lens": [1,2,3,4,5,6]}';
    const arrays = scanSaBenchArrays([bytes(text)]);
    expect(arrays.ttfts.slice(0, 4)).toEqual([null, null, null, null]);
    expect(arrays.ttfts[4]).toBeCloseTo(0.0025, 15);
    expect(arrays.ttfts[5]).toBe(-100);
  });

  it("keeps what was read from a truncated file and says it was cut", () => {
    const arrays = scanSaBenchArrays([bytes('{"input_lens": [10, 20, 30], "ttfts": [0.1, 0.2')]);
    expect(arrays.inputLens).toEqual([10, 20, 30]);
    expect(arrays.ttfts).toEqual([0.1]);
    expect(arrays.issues[0]).toMatch(/^file ends inside the JSON \(byte \d+\); requests read so far are kept$/);
  });

  it("reports an empty file and a top-level list", () => {
    expect(scanSaBenchArrays([]).issues).toEqual(["empty file"]);
    expect(scanSaBenchArrays([bytes("[1, 2]")]).issues).toEqual(["top-level JSON value is a list, not an object"]);
  });

  it("cuts a very long error text", () => {
    const long = "x".repeat(MAX_ERROR_CHARS * 3);
    const arrays = scanSaBenchArrays(chunks(JSON.stringify({ errors: [long] }), 4096));
    expect(arrays.errors[0].length).toBe(MAX_ERROR_CHARS + 1);
    expect(arrays.errors[0].endsWith("…")).toBe(true);
  });
});

describe("tableFromSaBench", () => {
  it("derives E2E, mean ITL and TPOT in ms, and no latencies for a failed request", () => {
    const { table, issues } = tableFromSaBench(scanSaBenchArrays([bytes(JSON.stringify(RESULT))]));
    expect(issues).toEqual([]);
    expect(table.index).toEqual([0, 1, 2, 3]);
    // Request 0: TTFT 500 ms, ITLs 10 + 30 ms -> E2E 540 ms, mean ITL 20 ms, TPOT (540-500)/(3-1) = 20 ms.
    expect(table.ttftMs[0]).toBe(500);
    expect(table.e2eMs[0]).toBeCloseTo(540, 9);
    expect(table.meanItlMs[0]).toBeCloseTo(20, 9);
    expect(table.tpotMs[0]).toBeCloseTo(20, 9);
    // Request 1: one output token -> no ITL, no TPOT; E2E = TTFT.
    expect(table.meanItlMs[1]).toBeNull();
    expect(table.tpotMs[1]).toBeNull();
    expect(table.e2eMs[1]).toBe(250);
    // Request 2 failed: lengths kept, latencies missing (not 0).
    expect(table.inputLen[2]).toBe(300);
    expect(table.ttftMs[2]).toBeNull();
    expect(table.e2eMs[2]).toBeNull();
    expect(table.error[2]).toBe('Traceback: "boom" \\n [x]');
    // Request 3: 100 ms + 4 x 20 ms = 180 ms, TPOT 80/4 = 20 ms.
    expect(table.e2eMs[3]).toBeCloseTo(180, 9);
    expect(table.tpotMs[3]).toBeCloseTo(20, 9);
  });

  it("says when the arrays differ in length", () => {
    const { table, issues } = tableFromSaBench(scanSaBenchArrays([bytes('{"input_lens": [1, 2, 3], "ttfts": [0.1, 0.2], "errors": ["", "", ""]}')]));
    expect(table.index).toEqual([0, 1, 2]);
    expect(table.ttftMs[2]).toBeNull();
    expect(issues).toEqual(["per-request arrays differ in length: input_lens 3, ttfts 2, errors 3; missing entries are left empty"]);
  });

  it("tpotOf needs more than one output token", () => {
    expect(tpotOf(300, 100, 5)).toBe(50);
    expect(tpotOf(300, 100, 1)).toBeNull();
    expect(tpotOf(null, 100, 5)).toBeNull();
  });
});

const aiperfLine = (id: string, phase: string | null, ttft: number, e2e: number, osl: number, extra: object = {}) =>
  JSON.stringify({
    metadata: { x_request_id: id, request_start_ns: 1_700_000_000_000_000_000, request_end_ns: 1_700_000_001_000_000_000, ...(phase ? { benchmark_phase: phase } : {}) },
    metrics: {
      time_to_first_token: { value: ttft, unit: "ms" },
      inter_token_latency: { value: 5, unit: "ms" },
      input_sequence_length: { value: 1024, unit: "tokens" },
      output_sequence_length: { value: osl, unit: "tokens" },
      request_latency: { value: e2e, unit: "ms" },
    },
    ...extra,
  });

describe("parseAiperfRecords", () => {
  it("reads records in ms, keeps the phase and derives TPOT", () => {
    const text = [aiperfLine("a", "warmup", 40, 140, 11), aiperfLine("b", "profiling", 50, 250, 21), aiperfLine("c", null, 60, 60, 1)].join("\n") + "\n";
    for (const size of [5, 1 << 16]) {
      const { table, issues } = parseAiperfRecords(chunks(text, size), "profile_export.jsonl");
      expect(issues).toEqual([]);
      expect(table.phase).toEqual(["warmup", "profiling", null]);
      expect(table.ttftMs).toEqual([40, 50, 60]);
      // (140 - 40) / (11 - 1) = 10; (250 - 50) / 20 = 10; one token -> none.
      expect(table.tpotMs).toEqual([10, 10, null]);
      expect(table.inputLen).toEqual([1024, 1024, 1024]);
      expect(table.startUnix[0]).toBe(1_700_000_000);
    }
  });

  it("converts a metric written in ns or s", () => {
    const line = JSON.stringify({ metadata: {}, metrics: { time_to_first_token: { value: 2_000_000, unit: "ns" }, request_latency: { value: 0.5, unit: "s" } } });
    const { table } = parseAiperfRecords([bytes(line)], "p.jsonl");
    expect(table.ttftMs).toEqual([2]);
    expect(table.e2eMs).toEqual([500]);
  });

  it("a failed record (metrics holding only error_isl) keeps its input length and no latencies", () => {
    const line = JSON.stringify({ metadata: { benchmark_phase: "profiling" }, metrics: { error_isl: { value: 550, unit: "tokens" } }, error: { code: 499, type: "RequestCancellationError", message: "cancelled" } });
    const { table } = parseAiperfRecords([bytes(line)], "p.jsonl");
    expect(table.inputLen).toEqual([550]);
    expect(table.ttftMs).toEqual([null]);
    expect(table.error).toEqual(["RequestCancellationError: HTTP 499: cancelled"]);
  });

  it("skips bad lines with their numbers and keeps an error's text", () => {
    const text = ["{not json", aiperfLine("a", null, 1, 2, 2, { error: { code: 500, type: "ServerError", message: "overloaded" } }), '{"metrics": {}}', ""].join("\n");
    const { table, issues } = parseAiperfRecords([bytes(text)], "p.jsonl");
    expect(table.error).toEqual(["ServerError: HTTP 500: overloaded"]);
    expect(issues[0]).toBe("p.jsonl: line 1: invalid JSON; line skipped");
    expect(issues[1]).toMatch(/^p\.jsonl: line 3: not an AIPerf record/);
  });
});
