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
  it("replaces tags in place, keeps other keys in order, 2-space indent, keeps the trailing newline", () => {
    const text = '{\n  "version": "1.0",\n  "tags": ["old"],\n  "run_metadata": {"slurm_job_id": "3667", "gpus_per_node": "8"}\n}\n';
    expect(withTags(text, ["new", " old ", "new"])).toBe(
      [
        "{",
        '  "version": "1.0",',
        '  "tags": [',
        '    "new",',
        '    "old"',
        "  ],",
        '  "run_metadata": {',
        '    "slurm_job_id": "3667",',
        '    "gpus_per_node": "8"',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("appends tags last when there were none; no trailing newline when the original had none", () => {
    const text = '{"version":"2.0","job_id":"1","resources":{"gpus_per_node":8,"prefill_nodes":null},"orchestrator":true}';
    expect(withTags(text, ["a"])).toBe(
      [
        "{",
        '  "version": "2.0",',
        '  "job_id": "1",',
        '  "resources": {',
        '    "gpus_per_node": 8,',
        '    "prefill_nodes": null',
        "  },",
        '  "orchestrator": true,',
        '  "tags": [',
        '    "a"',
        "  ]",
        "}",
      ].join("\n"),
    );
  });

  it("writes an empty list as []", () => {
    expect(withTags('{"b": 1, "tags": ["x"], "a": 2}\n', ["  ", ""])).toBe('{\n  "b": 1,\n  "tags": [],\n  "a": 2\n}\n');
  });

  it("keeps the order of keys that are not alphabetical", () => {
    const out = withTags('{"zeta": 1, "alpha": 2, "mid": {"y": 1, "x": 2}}', ["t"]);
    expect(Object.keys(JSON.parse(out))).toEqual(["zeta", "alpha", "mid", "tags"]);
    expect(Object.keys(JSON.parse(out).mid)).toEqual(["y", "x"]);
  });

  it("adds exactly one newline when the original ended with one or more", () => {
    expect(withTags('{"a": 1}\n', [])).toBe('{\n  "a": 1,\n  "tags": []\n}\n');
    expect(withTags('{"a": 1}\n\n', [])).toBe('{\n  "a": 1,\n  "tags": []\n}\n');
    expect(withTags('{"a": 1}', [])).toBe('{\n  "a": 1,\n  "tags": []\n}');
  });

  it("keeps unicode unescaped and other values as they were", () => {
    const out = withTags('{"gpu_type": "H100 — ü", "list": [1, [2, {"k": false}]], "n": null}', ["模型"]);
    expect(out).toBe(
      '{\n  "gpu_type": "H100 — ü",\n  "list": [\n    1,\n    [\n      2,\n      {\n        "k": false\n      }\n    ]\n  ],\n  "n": null,\n  "tags": [\n    "模型"\n  ]\n}',
    );
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
