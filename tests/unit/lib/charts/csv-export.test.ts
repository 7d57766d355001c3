import { describe, expect, it } from "vitest";
import { csvExport } from "@/lib/charts/csv-export";
import { ROW_COLUMNS } from "@/lib/rows";
import { makePoint, makeRun } from "./make-run";
import { RUN_12045, RUN_3667 } from "./fixtures";

describe("Download Data as CSV", () => {
  it("holds the selected runs' rows with exactly the loader's columns", () => {
    const { text, rows, fileName } = csvExport([RUN_12045, RUN_3667]);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(ROW_COLUMNS.join(","));
    expect(rows).toBe(5);
    expect(lines).toHaveLength(1 + 5 + 1); // trailing CRLF
    expect(lines[3].startsWith("3667,2025-11-10 19:21:45,sa-bench,1024,1024,")).toBe(true);
    expect(fileName).toBe("srtlog-benchmark-data-jobs-12045-3667.csv");
  });

  it("quotes fields per RFC 4180", () => {
    const odd = makeRun({ ...RUN_3667, metadata: { ...RUN_3667.metadata, runDate: 'a "quoted", date', profiler: { ...RUN_3667.metadata.profiler, type: "sa,bench" } } });
    const line = csvExport([odd]).text.split("\r\n")[1];
    expect(line.startsWith('3667,"a ""quoted"", date","sa,bench",')).toBe(true);
  });

  it("ends each line with Peak Output TPS and the pivot columns (issue 13, issue 20 item 10)", () => {
    const tagged = makeRun({
      runDir: "3667_1P_4D_20251110_192145",
      meta: { tags: ["baseline", "h100"], backendType: "sglang", modelPath: "/models/DeepSeek-V3" },
      points: [makePoint({ concurrency: 16, outputTps: 1234.5, peakOutputTps: 1500.25 })],
    });
    const [header, line] = csvExport([tagged]).text.split("\r\n");
    expect(header.endsWith(",Std ITL (ms),Peak Output TPS,GPU Type,Topology,Agg Workers,Tags,Container,Backend,Model,Run Directory,Goodput (req/s),SLA attainment (%),Benchmark request_goodput (req/s),Mean Power (W),Peak Power (W),Power/GPU (W),Energy (J),Output Tokens/J,J/Output Token")).toBe(true);
    // Agg Workers is empty (a 1P/4D run); the tags hold a comma, so the cell is quoted.
    expect(line.endsWith(',1500.25,NVIDIA H100 80GB HBM3,1P/4D,,"baseline, h100",ghcr.io/sgl-project/sglang:v0.4.1-cu121,sglang,/models/DeepSeek-V3,3667_1P_4D_20251110_192145,,,,,,,,,')).toBe(true);
  });
});
