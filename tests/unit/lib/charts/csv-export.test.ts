import { describe, expect, it } from "vitest";
import { csvExport } from "@/lib/charts/csv-export";
import { ROW_COLUMNS } from "@/lib/rows";
import { makeRun } from "./make-run";
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
});
