import { describe, expect, it } from "vitest";
import { ROW_COLUMNS } from "../../../../lib/rows";
import { sqlName, TABLE_COLUMNS } from "../../../../lib/server/dataset/schema";

describe("dataset schema", () => {
  it("names the export columns for SQL without quoting", () => {
    expect(sqlName("Output TPS/GPU")).toBe("output_tps_per_gpu");
    expect(sqlName("Mean TTFT (ms)")).toBe("mean_ttft_ms");
    expect(sqlName("SLA attainment (%)")).toBe("sla_attainment_pct");
    expect(sqlName("Benchmark request_goodput (req/s)")).toBe("benchmark_request_goodput_req_per_s");
    expect(sqlName("J/Output Token")).toBe("j_per_output_token");
  });

  it("points has run_key plus one distinct column per export column; no table repeats a name", () => {
    expect(TABLE_COLUMNS.points).toHaveLength(ROW_COLUMNS.length + 1);
    for (const columns of Object.values(TABLE_COLUMNS)) expect(new Set(columns.map((c) => c.name)).size).toBe(columns.length);
    // The hive partition keys live in the path only: a file column of the same name would clash.
    for (const columns of Object.values(TABLE_COLUMNS)) expect(columns.map((c) => c.name)).not.toContain("cluster");
  });
});
