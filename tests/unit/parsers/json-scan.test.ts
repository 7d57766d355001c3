import { describe, expect, it } from "vitest";
import { lineColumn, scanJsonObjects, type JsonScanOptions } from "@/parsers/json-scan";

/** A Node Buffer (what fs.readFile returns). */
const buf = (text: string): Uint8Array => Buffer.from(text, "utf8");
/** A plain Uint8Array, not a Buffer. */
const u8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const PER_REQUEST: JsonScanOptions = {
  skipKeys: new Set(["ttfts", "itls", "generated_texts", "errors", "prompts", "input_lens"]),
};
const NOTHING_SKIPPED: JsonScanOptions = { skipKeys: new Set() };

/** The message of a failed scan ("" when the scan succeeded, so a wrong outcome fails the comparison). */
const messageOf = (result: ReturnType<typeof scanJsonObjects>): string => (result.ok ? "" : result.message);

describe("scanJsonObjects: reading one object", () => {
  it("reads every scalar type, nested objects and arrays of a kept key", () => {
    const text = '{"s": "x", "n": -1.5e2, "i": 0, "t": true, "f": false, "z": null, "o": {"k": [1, 2], "e": {}}, "a": []}';
    const result = scanJsonObjects(buf(text), NOTHING_SKIPPED);
    expect(result).toEqual({
      ok: true,
      records: [{ s: "x", n: -150, i: 0, t: true, f: false, z: null, o: { k: [1, 2], e: {} }, a: [] }],
    });
  });

  it("reads an empty object and keeps key order", () => {
    expect(scanJsonObjects(buf("{}"), NOTHING_SKIPPED)).toEqual({ ok: true, records: [{}] });
    const result = scanJsonObjects(buf('{ "zeta": 1, "alpha": 2, "mid": 3 }'), NOTHING_SKIPPED);
    expect(result.ok).toBe(true);
    expect(Object.keys(result.records[0])).toEqual(["zeta", "alpha", "mid"]);
  });

  it("skips a chosen key whose strings contain \\\" \\\\ ] } { and a fake key", () => {
    // Written with String.raw so every backslash below is in the file as typed.
    const text = String.raw`{"before": 1, "generated_texts": ["say \"hi\" }", "back\\slash\\", "]]]", "{{{", "}\"]", "\\\"", "mixed \\\" ] } {", "\"max_concurrency\": 999, \"x\": {"], "max_concurrency": 64, "after": "end"}`;
    const result = scanJsonObjects(buf(text), PER_REQUEST);
    expect(result).toEqual({ ok: true, records: [{ before: 1, max_concurrency: 64, after: "end" }] });
  });

  it("skips nested arrays of arrays", () => {
    const text = '{"itls": [[0.1, 0.2], [], [[1], [2, [3, [4]]]], [[]]], "max_concurrency": 8, "ttfts": [[["]"]]]}';
    expect(scanJsonObjects(buf(text), PER_REQUEST)).toEqual({ ok: true, records: [{ max_concurrency: 8 }] });
  });

  it("skips a chosen key whatever its value is: object, string, number, null", () => {
    const text = '{"ttfts": {"a": [1, {"b": "}"}]}, "errors": "", "prompts": 5, "itls": null, "k": 1, "input_lens": true}';
    expect(scanJsonObjects(buf(text), PER_REQUEST)).toEqual({ ok: true, records: [{ k: 1 }] });
  });

  it("a skipped key's value never appears in the output", () => {
    const text =
      '{"ttfts": ["SENTINEL_TTFT", 0.5], "generated_texts": ["SENTINEL_TEXT {\\"ttfts\\": 1}"], "model_id": "m", "errors": ["SENTINEL_ERROR"]}';
    const result = scanJsonObjects(buf(text), PER_REQUEST);
    expect(result).toEqual({ ok: true, records: [{ model_id: "m" }] });
    const record = result.records[0];
    expect("ttfts" in record).toBe(false);
    expect("generated_texts" in record).toBe(false);
    expect("errors" in record).toBe(false);
    expect(JSON.stringify(result)).not.toContain("SENTINEL");
  });

  it("skips only top-level keys: a nested key of the same name is kept", () => {
    const text = '{"meta": {"ttfts": [1, 2]}, "ttfts": [3]}';
    expect(scanJsonObjects(buf(text), PER_REQUEST)).toEqual({ ok: true, records: [{ meta: { ttfts: [1, 2] } }] });
  });

  it("keeps small arrays such as percentiles lists", () => {
    const text =
      '{"percentiles_ttft_ms": [[50, 12.5], [90, 30.25], [99, 45.75]], "ttfts": [0.1], "percentiles_itl_ms": [[50.0, 1.5], [99.0, 2.0]]}';
    expect(scanJsonObjects(buf(text), PER_REQUEST)).toEqual({
      ok: true,
      records: [
        {
          percentiles_ttft_ms: [
            [50, 12.5],
            [90, 30.25],
            [99, 45.75],
          ],
          percentiles_itl_ms: [
            [50, 1.5],
            [99, 2],
          ],
        },
      ],
    });
  });

  it("keeps unicode keys and values, raw or \\u-escaped, also after a skipped value with unicode", () => {
    const text =
      '{"generated_texts": ["日本語 }", "😀]", "\\u00e9\\""], "model_id": "Qwen/Qwen3.5 — 模型 ✓ 😀", "ключ": "значение", "esc": "\\u00e9\\u4e2d\\ud83d\\ude00"}';
    expect(scanJsonObjects(buf(text), PER_REQUEST)).toEqual({
      ok: true,
      records: [{ model_id: "Qwen/Qwen3.5 — 模型 ✓ 😀", ключ: "значение", esc: "é中😀" }],
    });
  });

  it("drops other values longer than maxValueBytes (and keeps those of exactly that size)", () => {
    const options: JsonScanOptions = { skipKeys: new Set(), maxValueBytes: 10 };
    // [1, 2, 3] is 9 bytes; "abcdefgh" is 10 bytes with its quotes; "abcdefghi" is 11; the long array is 18.
    const text = '{"short": [1, 2, 3], "ten": "abcdefgh", "eleven": "abcdefghi", "long": [1, 2, 3, 4, 5, 6], "n": 7}';
    expect(scanJsonObjects(buf(text), options)).toEqual({ ok: true, records: [{ short: [1, 2, 3], ten: "abcdefgh", n: 7 }] });
  });

  it("skips a large per-request array and still reads the keys after it", () => {
    const itls = Array.from({ length: 20_000 }, (_, i) => `[${i}.5, "x\\"]"]`).join(", ");
    const text = `{"max_concurrency": 512, "itls": [${itls}], "output_throughput": 99.5}`;
    expect(scanJsonObjects(buf(text), PER_REQUEST)).toEqual({ ok: true, records: [{ max_concurrency: 512, output_throughput: 99.5 }] });
  });

  it("keeps a key named __proto__ as an own key, as JSON.parse does, without changing the record's prototype", () => {
    const result = scanJsonObjects(buf('{"__proto__": {"polluted": true}, "a": 1}'), NOTHING_SKIPPED);
    expect(result.ok).toBe(true);
    const record = result.records[0];
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(["__proto__", "a"]);
    expect((record as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe("scanJsonObjects: JSON Lines", () => {
  it("reads three records separated by blank lines (LF and CRLF)", () => {
    const text = '{"max_concurrency": 1, "ttfts": [1]}\n\n{"max_concurrency": 2}\r\n\r\n   \n{"max_concurrency": 4, "itls": [[1]]}\n';
    expect(scanJsonObjects(buf(text), PER_REQUEST)).toEqual({
      ok: true,
      records: [{ max_concurrency: 1 }, { max_concurrency: 2 }, { max_concurrency: 4 }],
    });
  });

  it("reads two records on one line with nothing between them", () => {
    expect(scanJsonObjects(buf('{"a": 1}{"a": 2}'), NOTHING_SKIPPED)).toEqual({ ok: true, records: [{ a: 1 }, { a: 2 }] });
  });

  it("returns the complete records before a truncated last one", () => {
    const text = '{"a": 1}\n{"a": 2}\n{"a": ';
    expect(scanJsonObjects(buf(text), NOTHING_SKIPPED)).toEqual({
      ok: false,
      kind: "truncated",
      message: "truncated at line 3 column 7: expected a value",
      records: [{ a: 1 }, { a: 2 }],
    });
  });

  it("stops with an invalid result at garbage between records", () => {
    expect(scanJsonObjects(buf('{"a": 1}\nxyz'), NOTHING_SKIPPED)).toEqual({
      ok: false,
      kind: "invalid",
      message: "invalid JSON at line 2 column 1: expected '{'",
      records: [{ a: 1 }],
    });
  });
});

describe("scanJsonObjects: Python NaN / Infinity", () => {
  it("turns NaN, Infinity and -Infinity tokens into null, at top level and inside kept arrays/objects", () => {
    const text =
      '{"a": NaN, "b": Infinity, "c": -Infinity, "d": [1, NaN, -Infinity, Infinity], "e": {"x": Infinity, "y": [NaN]}, "f": 2.5}';
    expect(scanJsonObjects(buf(text), NOTHING_SKIPPED)).toEqual({
      ok: true,
      records: [{ a: null, b: null, c: null, d: [1, null, null, null], e: { x: null, y: [null] }, f: 2.5 }],
    });
  });

  it("leaves the words NaN / Infinity inside strings alone", () => {
    const text = '{"s": "NaN", "t": "Infinity is big", "u": "-Infinity", "v": "value was NaN here", "w": ["NaN", "x Infinity y"]}';
    expect(scanJsonObjects(buf(text), NOTHING_SKIPPED)).toEqual({
      ok: true,
      records: [{ s: "NaN", t: "Infinity is big", u: "-Infinity", v: "value was NaN here", w: ["NaN", "x Infinity y"] }],
    });
  });

  it("leaves the word NaN inside a string alone even when the same value also holds a NaN token", () => {
    const text = '{"d": [NaN, "value was NaN here", "x -Infinity y"], "m": {"v": NaN, "note": "got NaN, retrying"}}';
    expect(scanJsonObjects(buf(text), NOTHING_SKIPPED)).toEqual({
      ok: true,
      records: [{ d: [null, "value was NaN here", "x -Infinity y"], m: { v: null, note: "got NaN, retrying" } }],
    });
  });
});

describe("scanJsonObjects: not an object", () => {
  it.each([
    ["an empty file", ""],
    ["a whitespace-only file", " \n\t\r\n  "],
  ])("%s is kind empty with message 'empty file'", (_name, text) => {
    expect(scanJsonObjects(buf(text), NOTHING_SKIPPED)).toEqual({ ok: false, kind: "empty", message: "empty file", records: [] });
  });

  it("a top-level list is kind not-object, 'top-level JSON value is a list'", () => {
    expect(scanJsonObjects(buf('[{"max_concurrency": 1}]'), PER_REQUEST)).toEqual({
      ok: false,
      kind: "not-object",
      message: "top-level JSON value is a list",
      records: [],
    });
    expect(messageOf(scanJsonObjects(buf('\n  [{"a": 1}, {"a": 2}]\n'), PER_REQUEST))).toBe("top-level JSON value is a list");
  });

  it.each([
    ["a number", "42"],
    ["a string", '"text"'],
    ["null", "null"],
  ])("a top-level %s is 'top-level JSON value is not an object'", (_name, text) => {
    expect(scanJsonObjects(buf(text), NOTHING_SKIPPED)).toEqual({
      ok: false,
      kind: "not-object",
      message: "top-level JSON value is not an object",
      records: [],
    });
  });
});

describe("scanJsonObjects: truncated files", () => {
  it("cut in the middle of a skipped array", () => {
    const text = '{"max_concurrency": 64,\n "ttfts": [0.1, [0.2';
    expect(scanJsonObjects(buf(text), PER_REQUEST)).toEqual({
      ok: false,
      kind: "truncated",
      message: "truncated at line 2 column 21: unterminated array or object",
      records: [],
    });
  });

  it("cut in the middle of a kept string", () => {
    expect(scanJsonObjects(buf('{"model_id": "Qwen/Qw'), PER_REQUEST)).toEqual({
      ok: false,
      kind: "truncated",
      message: "truncated at line 1 column 22: unterminated string",
      records: [],
    });
  });

  it("cut right after an escaped quote inside a skipped string", () => {
    const text = String.raw`{"generated_texts": ["abc\"`;
    expect(scanJsonObjects(buf(text), PER_REQUEST)).toEqual({
      ok: false,
      kind: "truncated",
      message: "truncated at line 1 column 28: unterminated string",
      records: [],
    });
  });

  it.each([
    ["after a key", '{"a": 1, "b"', "truncated at line 1 column 13: expected ':'"],
    ["after a colon", '{"a": ', "truncated at line 1 column 7: expected a value"],
    ["after a number", '{"a": 1', "truncated at line 1 column 8: value cut short"],
    ["after a comma", '{"a": 1,', "truncated at line 1 column 9: expected a key"],
    ["after a comma and a newline", '{"a": 1,\n', "truncated at line 2 column 1: expected a key"],
    ["after a complete value", '{"a": "x"', "truncated at line 1 column 10: expected ',' or '}'"],
    ["after the opening brace", "{", "truncated at line 1 column 2: expected a key"],
  ])("cut %s", (_name, text, message) => {
    expect(scanJsonObjects(buf(text), NOTHING_SKIPPED)).toEqual({ ok: false, kind: "truncated", message, records: [] });
  });
});

describe("scanJsonObjects: invalid files", () => {
  it.each([
    ["an invalid token", '{"a": tru}', "invalid JSON at line 1 column 7: not a JSON value: tru"],
    ["a missing comma", '{"a": 1 "b": 2}', "invalid JSON at line 1 column 9: expected ',' or '}'"],
    ["an unquoted key", "{a: 1}", "invalid JSON at line 1 column 2: expected a quoted key"],
    ["a missing colon", '{"a" 1}', "invalid JSON at line 1 column 6: expected ':'"],
    ["a trailing comma", '{"a": 1,}', "invalid JSON at line 1 column 9: expected a quoted key"],
    ["a missing value", '{"a": , "b": 1}', "invalid JSON at line 1 column 7: not a JSON value: "],
  ])("%s", (_name, text, message) => {
    expect(scanJsonObjects(buf(text), NOTHING_SKIPPED)).toEqual({ ok: false, kind: "invalid", message, records: [] });
  });

  it("names 1-based line and column in a multi-line file", () => {
    const text = [
      "{",
      '  "max_concurrency": 64,',
      '  "output_throughput": 12.5,',
      '  "mean_ttft_ms": 1.2.3,',
      '  "completed": 10',
      "}",
      "",
    ].join("\n");
    expect(scanJsonObjects(buf(text), NOTHING_SKIPPED)).toEqual({
      ok: false,
      kind: "invalid",
      message: "invalid JSON at line 4 column 19: not a JSON value: 1.2.3",
      records: [],
    });
  });

  it("counts a separator fault on the next line, with LF and with CRLF line ends", () => {
    const lines = ["{", '  "a": 1', '  "b": 2', "}"];
    const expected = { ok: false, kind: "invalid", message: "invalid JSON at line 3 column 3: expected ',' or '}'", records: [] };
    expect(scanJsonObjects(buf(lines.join("\n")), NOTHING_SKIPPED)).toEqual(expected);
    expect(scanJsonObjects(buf(lines.join("\r\n")), NOTHING_SKIPPED)).toEqual(expected);
  });

  it("reports a key with a bad escape as invalid JSON instead of throwing", () => {
    const text = String.raw`{"a\q": 1}`;
    let result: ReturnType<typeof scanJsonObjects> | undefined;
    expect(() => {
      result = scanJsonObjects(buf(text), NOTHING_SKIPPED);
    }).not.toThrow();
    expect(result?.ok).toBe(false);
    if (result && !result.ok) {
      expect(result.kind).toBe("invalid");
      expect(result.message).toMatch(/^invalid JSON at line 1 column \d+: /);
      expect(result.records).toEqual([]);
    }
  });
});

describe("scanJsonObjects: Buffer and plain Uint8Array", () => {
  const text =
    '{"max_concurrency": 16, "ttfts": [0.1, "}"], "model_id": "é😀", "p": [[50, 1.5]], "bad": NaN}\n\n{"max_concurrency": 32}\n';
  const expected = {
    ok: true,
    records: [{ max_concurrency: 16, model_id: "é😀", p: [[50, 1.5]], bad: null }, { max_concurrency: 32 }],
  };

  it("reads a Node Buffer", () => {
    const bytes = buf(text);
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(scanJsonObjects(bytes, PER_REQUEST)).toEqual(expected);
  });

  it("reads a plain Uint8Array", () => {
    const bytes = u8(text);
    expect(Buffer.isBuffer(bytes)).toBe(false);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(scanJsonObjects(bytes, PER_REQUEST)).toEqual(expected);
  });

  it("reads a Uint8Array view that starts inside a larger buffer", () => {
    const whole = u8(`garbage[{"${text}`);
    const view = whole.subarray(u8('garbage[{"').length);
    expect(view.byteOffset).toBe(10);
    expect(scanJsonObjects(view, PER_REQUEST)).toEqual(expected);
  });

  it("gives the same errors for both", () => {
    const broken = '{"a": 1,\n  "b": [1, 2';
    const message = "truncated at line 2 column 13: unterminated array or object";
    expect(messageOf(scanJsonObjects(buf(broken), NOTHING_SKIPPED))).toBe(message);
    expect(messageOf(scanJsonObjects(u8(broken), NOTHING_SKIPPED))).toBe(message);
  });
});

describe("lineColumn", () => {
  it("is 1-based and counts LF as the line break", () => {
    const bytes = u8("ab\ncd\n\nef");
    expect(lineColumn(bytes, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(bytes, 1)).toEqual({ line: 1, column: 2 });
    expect(lineColumn(bytes, 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn(bytes, 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn(bytes, 7)).toEqual({ line: 4, column: 1 });
    expect(lineColumn(bytes, 9)).toEqual({ line: 4, column: 3 });
  });
});

describe("scanJsonObjects agrees with JSON.parse on the values it reads itself", () => {
  /** A small deterministic PRNG (mulberry32) so a failure can be reproduced. */
  function prng(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const random = prng(15);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const NUMBERS = [0, -0, 1, -1, 12.5, -1.5e-7, 1e21, 1.7976931348623157e308, 5e-324, 123456789012345680000, 0.1 + 0.2, 2 ** 53 + 2];
  const STRINGS = ["", "plain", "deepseek-ai/DeepSeek-R1", "quote \" inside", "back\\slash", "tab\tnew\nline", "ünï €", "emoji 🚀", "\u0001ctl", "</script>", "20251101-052127"];
  function scalar(): unknown {
    const r = random();
    if (r < 0.45) return pick(NUMBERS) * (random() < 0.5 ? 1 : random() * 1000);
    if (r < 0.75) return pick(STRINGS);
    return pick([true, false, null]);
  }
  function value(depth: number): unknown {
    if (depth > 0 && random() < 0.15) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth - 1));
    if (depth > 0 && random() < 0.1) return Object.fromEntries(Array.from({ length: Math.floor(random() * 3) }, (_, i) => [`k${i}`, value(depth - 1)]));
    return scalar();
  }

  it("for 500 random records (numbers in every form JSON.stringify writes, escaped and unicode strings, literals), from a Buffer and a Uint8Array", () => {
    for (let n = 0; n < 500; n++) {
      const record = Object.fromEntries(Array.from({ length: 1 + Math.floor(random() * 12) }, (_, i) => [pick(["k", "ü", "a\"b", "x\\y", "mean_ttft_ms"]) + i, value(2)]));
      // Python's json.dumps spacing and the compact form both occur in real files.
      const text = random() < 0.5 ? JSON.stringify(record) : JSON.stringify(record, null, 2);
      const expected = JSON.parse(text);
      for (const bytes of [buf(text), u8(text)]) {
        const result = scanJsonObjects(bytes, NOTHING_SKIPPED);
        expect(result.ok ? result.records : messageOf(result)).toStrictEqual([expected]);
      }
    }
  });

  it("numbers and literals JSON.parse refuses are refused too, with the position", () => {
    for (const token of ["01", "1.", ".5", "+1", "-", "1e", "1e+", "0x10", "tru", "nul", "falsy", "1_000"]) {
      const result = scanJsonObjects(buf(`{"a": ${token}}`), NOTHING_SKIPPED);
      expect(messageOf(result)).toMatch(/^invalid JSON at line 1 column 7: not a JSON value/);
    }
  });

  it("a string holding a raw control character is refused, as JSON.parse refuses it", () => {
    expect(() => JSON.parse('"a\tb"')).toThrow();
    expect(messageOf(scanJsonObjects(buf('{"a": "a\tb"}'), NOTHING_SKIPPED))).toMatch(/^invalid JSON at line 1 column 7/);
    expect(messageOf(scanJsonObjects(buf('{"a\tb": 1}'), NOTHING_SKIPPED))).toMatch(/^invalid JSON at line 1 column 2: bad key/);
  });
});

describe("scanJsonObjects keeps every character JSON.parse keeps", () => {
  it("a string or key starting with U+FEFF keeps it (a BOM is text inside a JSON string, not a marker to drop)", () => {
    const text = '{"\uFEFFkey": "\uFEFFvalue", "a": "x\uFEFF"}';
    const expected = JSON.parse(text);
    expect(Object.keys(expected)[0]).toHaveLength(4);
    for (const bytes of [buf(text), u8(text)]) {
      const result = scanJsonObjects(bytes, NOTHING_SKIPPED);
      expect(result.ok ? result.records : messageOf(result)).toStrictEqual([expected]);
    }
  });

  it("invalid UTF-8 inside a string becomes U+FFFD exactly as decoding the whole text would", () => {
    const bytes = Buffer.concat([Buffer.from('{"a": "x'), Buffer.from([0xe2, 0x82]), Buffer.from('", "b": "'), Buffer.from([0xff, 0x41]), Buffer.from('"}')]);
    const expected = JSON.parse(new TextDecoder().decode(bytes));
    expect(expected).toEqual({ a: "x\uFFFD", b: "\uFFFDA" });
    const result = scanJsonObjects(bytes, NOTHING_SKIPPED);
    expect(result.ok ? result.records : messageOf(result)).toStrictEqual([expected]);
  });
});
