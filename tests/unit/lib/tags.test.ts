import { describe, expect, it } from "vitest";
import { checkTagDraft, MAX_TAG_LENGTH, normaliseTags, withTags } from "@/lib/tags";

describe("normaliseTags", () => {
  it("trims, drops empty tags and keeps the first of duplicates, in order", () => {
    expect(normaliseTags(["  a ", "b", "a", "", "   ", "b ", "c\t", "\nd"])).toEqual(["a", "b", "c", "d"]);
  });

  it("is case-sensitive and keeps inner spaces", () => {
    expect(normaliseTags(["A", "a", "two words", " two words"])).toEqual(["A", "a", "two words"]);
  });

  it("empty in, empty out", () => {
    expect(normaliseTags([])).toEqual([]);
  });
});

describe("withTags", () => {
  it("replaces only the tags value; every other byte stays, trailing newline included", () => {
    const text = '{\n  "version": "1.0",\n  "tags": ["old"],\n  "run_metadata": {"slurm_job_id": "3667", "gpus_per_node": "8"}\n}\n';
    expect(withTags(text, ["new", " old ", "new"])).toBe(
      '{\n  "version": "1.0",\n  "tags": [\n    "new",\n    "old"\n  ],\n  "run_metadata": {"slurm_job_id": "3667", "gpus_per_node": "8"}\n}\n',
    );
  });

  it("appends tags after the last key, on one line when the file is on one line", () => {
    const text = '{"version":"2.0","job_id":"1","resources":{"gpus_per_node":8,"prefill_nodes":null},"orchestrator":true}';
    expect(withTags(text, ["a"])).toBe('{"version":"2.0","job_id":"1","resources":{"gpus_per_node":8,"prefill_nodes":null},"orchestrator":true, "tags": ["a"]}');
  });

  it("appends tags in the file's own indentation when it spreads over lines", () => {
    expect(withTags('{\n\t"a": 1\n}\n', ["x", "y"])).toBe('{\n\t"a": 1,\n\t"tags": [\n\t\t"x",\n\t\t"y"\n\t]\n}\n');
    expect(withTags('{\n    "a": 1\n}', [])).toBe('{\n    "a": 1,\n    "tags": []\n}');
  });

  it("writes an empty list as []", () => {
    expect(withTags('{"b": 1, "tags": ["x"], "a": 2}\n', ["  ", ""])).toBe('{"b": 1, "tags": [], "a": 2}\n');
  });

  it("keeps big integers, 1.0, 1e400, unicode escapes and nested values as written", () => {
    const text = '{\n  "id": 12345678901234567890,\n  "f": 1.0,\n  "huge": 1e400,\n  "s": "caf\\u00e9 \\ud83d\\ude00",\n  "tags": [\n    "old"\n  ],\n  "n": [1.50, {"k": -0.0}]\n}\n';
    const expected = text.replace('[\n    "old"\n  ]', '[\n    "a",\n    "b"\n  ]');
    expect(withTags(text, ["a", "b"])).toBe(expected);
  });

  it("with duplicate keys, replaces the last tags (the one JSON.parse reads) and keeps the others", () => {
    const text = '{"tags": ["first"], "x": 1, "x": 2, "tags": ["second"]}';
    expect(withTags(text, ["new"])).toBe('{"tags": ["first"], "x": 1, "x": 2, "tags": ["new"]}');
  });

  it("finds the key when it is spelled with escapes, and ignores tags inside nested objects or strings", () => {
    expect(withTags('{"t\\u0061gs": [], "a": 1}', ["z"])).toBe('{"t\\u0061gs": ["z"], "a": 1}');
    expect(withTags('{"m": {"tags": ["in"]}, "s": "\\"tags\\": [1]"}', ["z"])).toBe('{"m": {"tags": ["in"]}, "s": "\\"tags\\": [1]", "tags": ["z"]}');
  });

  it("adds tags to an empty object, and keeps what follows the closing brace", () => {
    expect(withTags("{}\n\n", ["a"])).toBe('{"tags": ["a"]}\n\n');
    expect(withTags(' { } ', [])).toBe(' {"tags": []} ');
  });

  it("escapes what JSON needs in the new tags, keeps unicode as it is", () => {
    expect(withTags('{"a": 1}', ['say "hi"', "模型", 'x",'])).toBe('{"a": 1, "tags": ["say \\"hi\\"", "模型", "x\\","]}');
  });

  it.each([["[1, 2]"], ["null"], ['"text"'], ["42"], ["true"]])("throws for JSON that is not an object: %s", (text) => {
    expect(() => withTags(text, ["a"])).toThrow("metadata is not a JSON object");
  });

  it("throws for invalid JSON", () => {
    expect(() => withTags('{"a": ', ["a"])).toThrow();
  });
});

describe("checkTagDraft", () => {
  it("counts the trimmed tag against the 100-character limit instead of cutting it", () => {
    expect(MAX_TAG_LENGTH).toBe(100);
    expect(checkTagDraft("  fp8  ")).toEqual({ length: 3, tooLong: false, warnings: [] });
    expect(checkTagDraft("x".repeat(100))).toEqual({ length: 100, tooLong: false, warnings: [] });
    expect(checkTagDraft("x".repeat(101))).toEqual({ length: 101, tooLong: true, warnings: [] });
  });

  it("warns on commas and spaces, which are awkward for --tag", () => {
    expect(checkTagDraft("a,b").warnings).toEqual(["Contains a comma: `srtlog runs` lists tags comma-separated, so this tag will read as several."]);
    expect(checkTagDraft("two words").warnings).toEqual(['Contains a space: quote it on the command line (`--tag "two words"`).']);
    expect(checkTagDraft("a, b").warnings).toHaveLength(2);
    expect(checkTagDraft("h100_fp8-v2").warnings).toEqual([]);
  });
});
