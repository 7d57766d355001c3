import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "@/lib/csv";
import { ROW_COLUMNS } from "@/lib/rows";

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    [" spaced ", " spaced "],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ["line1\nline2", '"line1\nline2"'],
    ["a\rb", '"a\rb"'],
    ["a\r\nb", '"a\r\nb"'],
    ['x, "y"\n', '"x, ""y""\n"'],
    ["Output TPS/GPU", "Output TPS/GPU"],
    ["é 模型", "é 模型"],
  ])("text %j -> %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each([
    [0, "0"],
    [64, "64"],
    [1.5, "1.5"],
    [-2, "-2"],
    [31.25, "31.25"],
    [Infinity, "inf"],
    [-Infinity, "-inf"],
    [NaN, ""],
  ])("number %s -> %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  // OWASP CSV injection: a leading quote makes Excel/LibreOffice show the text instead of running it.
  it.each([
    ["=1+2", "'=1+2"],
    ["=cmd|'/C calc'!A0", "'=cmd|'/C calc'!A0"],
    ["+41 22", "'+41 22"],
    ["-2", "'-2"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tx", "'\tx"],
    ["\rx", "\"'\rx\""],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ["a=1", "a=1"],
    ["2025-01-01", "2025-01-01"],
  ])("formula-like text %j -> %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("null and undefined are empty", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
  });
});

describe("toCsv", () => {
  it("writes a header, one line per record, CRLF after every line", () => {
    const columns = ["Run ID", "Note, with comma", "Request Rate", "Output TPS"] as const;
    const text = toCsv(columns, [
      { "Run ID": "3667", "Note, with comma": 'says "hi"', "Request Rate": "inf", "Output TPS": 5000.5 },
      { "Run ID": "12045", "Note, with comma": "two\nlines", "Request Rate": 2.5, "Output TPS": null },
      { "Run ID": "9", "Note, with comma": null, "Request Rate": Infinity, "Output TPS": 0 },
    ]);
    expect(text).toBe(
      'Run ID,"Note, with comma",Request Rate,Output TPS\r\n' +
        '3667,"says ""hi""",inf,5000.5\r\n' +
        '12045,"two\nlines",2.5,\r\n' +
        "9,,inf,0\r\n",
    );
  });

  it("writes only the header (with its CRLF) for no records", () => {
    expect(toCsv(["a", "b"], [])).toBe("a,b\r\n");
  });

  it("writes the 49 row columns unquoted", () => {
    expect(toCsv(ROW_COLUMNS, [])).toBe(
      "Run ID,Run Date,Profiler,ISL,OSL,Prefill Nodes,Decode Nodes,Prefill Workers,Decode Workers,Frontends,GPUs per Node,Total GPUs," +
        "Request Rate,Concurrency,Output TPS,Total TPS,Output TPS/GPU,Total TPS/GPU,Output TPS/User," +
        "Mean TTFT (ms),Mean TPOT (ms),Mean ITL (ms),Median TTFT (ms),Median TPOT (ms),Median ITL (ms)," +
        "P99 TTFT (ms),P99 TPOT (ms),P99 ITL (ms),Std TTFT (ms),Std TPOT (ms),Std ITL (ms)," +
        "Peak Output TPS,GPU Type,Topology,Agg Workers,Tags,Container,Backend,Model,Run Directory," +
        "Goodput (req/s),SLA attainment (%),Benchmark request_goodput (req/s)," +
        "Mean Power (W),Peak Power (W),Power/GPU (W),Energy (J),Output Tokens/J,J/Output Token\r\n",
    );
  });
});
