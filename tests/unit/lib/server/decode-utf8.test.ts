import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "../../../../lib/server/decode-utf8";
import { createLogParser } from "../../../../parsers/worker-log";

const utf8 = new TextDecoder("utf-8");
const DIR = fileURLToPath(new URL("../../../fixtures/real/logs/", import.meta.url));

describe("decodeUtf8", () => {
  it("gives what TextDecoder gives for ASCII, UTF-8 and invalid bytes", () => {
    const cases = [
      new TextEncoder().encode("[2026-04-08 14:05:21 TP0] Decode batch, #running-req: 5\n"),
      new TextEncoder().encode("Loading \u2588\u2588\u2588 100% \u00e9\n"),
      new Uint8Array([65, 0xff, 66, 0xc3, 10, 0x80, 67]),
      new Uint8Array([]),
    ];
    for (const bytes of cases) {
      expect(decodeUtf8(bytes)).toBe(utf8.decode(bytes));
      expect(decodeUtf8(Buffer.from(bytes))).toBe(utf8.decode(bytes));
      // A view into a larger buffer decodes only its own bytes.
      const padded = new Uint8Array(bytes.length + 4).fill(88);
      padded.set(bytes, 2);
      expect(decodeUtf8(padded.subarray(2, 2 + bytes.length))).toBe(utf8.decode(bytes));
    }
  });

  it("parses a real log to the same result as the parser's own decoder", () => {
    const bytes = readFileSync(DIR + "dsv41-flash-3xspark-report__excerpt.log");
    const run = (decode?: (b: Uint8Array) => string) => {
      const parser = createLogParser({ decode });
      for (let off = 0; off < bytes.length; off += 1000) parser.push(bytes.subarray(off, off + 1000));
      return parser.end();
    };
    expect(run(decodeUtf8)).toEqual(run());
  });
});
