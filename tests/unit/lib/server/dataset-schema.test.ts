import { describe, expect, it } from "vitest";
import { ROW_COLUMNS } from "../../../../lib/rows";
import { benchPointSchema } from "../../../../lib/model";
import { sqlName, TABLE_COLUMNS } from "../../../../lib/server/dataset/schema";
import { POINT_READ_COLUMNS } from "../../../../lib/server/dataset/tables/run-rebuild";

describe("dataset schema", () => {
  it("names the export columns for SQL without quoting", () => {
    expect(sqlName("Output TPS/GPU")).toBe("output_tps_per_gpu");
    expect(sqlName("Mean TTFT (ms)")).toBe("mean_ttft_ms");
    expect(sqlName("SLA attainment (%)")).toBe("sla_attainment_pct");
    expect(sqlName("Benchmark request_goodput (req/s)")).toBe("benchmark_request_goodput_req_per_s");
    expect(sqlName("J/Output Token")).toBe("j_per_output_token");
  });

  it("points has run_key plus one distinct column per export column; no table repeats a name", () => {
    // 19: the BenchPoint fields the data frame lacks (request rate as given, input TPS, request
    // throughput, 4 E2EL stats, 2 token totals, completed, failed, prompts, duration, start, end, date,
    // client backend, model id, source file), so a dashboard can rebuild the points from the rows.
    expect(TABLE_COLUMNS.points).toHaveLength(ROW_COLUMNS.length + 1 + 19);
    // Every BenchPoint field is read back from some column.
    expect(POINT_READ_COLUMNS.length - 1).toBe(Object.keys(benchPointSchema.shape).length);
    for (const columns of Object.values(TABLE_COLUMNS)) expect(new Set(columns.map((c) => c.name)).size).toBe(columns.length);
    // The hive partition keys live in the path only: a file column of the same name would clash.
    for (const columns of Object.values(TABLE_COLUMNS)) expect(columns.map((c) => c.name)).not.toContain("cluster");
  });
});
