import { describe, expect, it } from "vitest";
import { aiperfConcurrencyOf, pickAiperfExports } from "@/parsers/per-request/aiperf-artifacts";

describe("AIPerf artifact dirs", () => {
  it("reads the concurrency from trace-replay's <model>_trace_c<C>_<timestamp> and from concurrency_<C>", () => {
    expect(aiperfConcurrencyOf("DeepSeek-R1_trace_c64_20260101_120000")).toBe(64);
    expect(aiperfConcurrencyOf("c8")).toBe(8);
    expect(aiperfConcurrencyOf("concurrency_128")).toBe(128);
    expect(aiperfConcurrencyOf("Qwen3_mooncake_20260101_120000")).toBeNull();
    expect(aiperfConcurrencyOf("calc16_x")).toBeNull();
    expect(aiperfConcurrencyOf("m_c0_x")).toBeNull();
  });

  it("maps each concurrency to its profile_export.jsonl, skipping warmup, dirs without one and unnamed dirs", () => {
    const { byConcurrency, issues } = pickAiperfExports([
      { rel: "logs/artifacts/warmup", files: ["profile_export.jsonl"] },
      { rel: "logs/artifacts/M_trace_c4_20260101_000100", files: ["profile_export.jsonl", "profile_export_aiperf.json"] },
      { rel: "logs/artifacts/M_trace_c8_20260101_000200", files: ["profile_export_aiperf.json"] },
      { rel: "logs/artifacts/M_mooncake_20260101_000300", files: ["profile_export.jsonl"] },
    ]);
    expect([...byConcurrency]).toEqual([[4, "logs/artifacts/M_trace_c4_20260101_000100/profile_export.jsonl"]]);
    expect(issues).toEqual([]);
  });

  it("a re-run of one concurrency: the later timestamp wins and the page is told", () => {
    const { byConcurrency, issues } = pickAiperfExports([
      { rel: "artifacts/M_trace_c4_20260102_000000", files: ["profile_export.jsonl"] },
      { rel: "artifacts/M_trace_c4_20260101_000000", files: ["profile_export.jsonl"] },
    ]);
    expect(byConcurrency.get(4)).toBe("artifacts/M_trace_c4_20260102_000000/profile_export.jsonl");
    expect(issues).toEqual([
      "concurrency 4: artifacts/M_trace_c4_20260102_000000/profile_export.jsonl read, artifacts/M_trace_c4_20260101_000000/profile_export.jsonl ignored (an earlier run of the same concurrency)",
    ]);
  });
});
