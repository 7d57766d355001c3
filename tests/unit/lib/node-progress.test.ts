import { describe, expect, it } from "vitest";
import { progressText } from "@/lib/node-progress";

describe("progressText", () => {
  const base = { filesDone: 5, files: 16, bytesDone: 230_400_000, bytes: 740_100_000, elapsedMs: 12_040 };

  it("says which phase, how far and how long", () => {
    expect(progressText({ ...base, phase: "parsing" })).toBe("Parsing worker logs: 5 of 16 files, 230 of 740 MB (12.0 s)");
    expect(progressText({ ...base, phase: "reading", files: 1, bytes: 2_500_000 })).toBe(
      "Reading node metrics of 1 worker log file (2.5 MB); a first parse caches them for next time (12.0 s)",
    );
    expect(progressText({ ...base, phase: "waiting" })).toBe("Waiting for other runs' worker logs to be read first (12.0 s)");
    expect(progressText({ ...base, phase: "drawing" })).toBe("Building the charts from the parsed logs (12.0 s)");
  });
});
