import { describe, expect, it } from "vitest";
import { buildCompareView, formatCompareSide, parseCompareSide, sideLabel, sideRuns } from "@/lib/compare-view";
import type { Run } from "@/lib/model";
import { blankMetadata, blankPoint } from "../../helpers/model-builders";

/** A 16-GPU run with points [concurrency, output TPS, mean TPOT ms]. */
function run(jobId: string, tags: string[], points: [number, number, number][]): Run {
  return {
    jobId, runPath: `/logs/${jobId}`, runDir: jobId, metadataFile: `${jobId}.json`, metadata: blankMetadata({ jobId, tags }), topology: "1P/1D", totalGpus: 16,
    resultDirs: [], expectedConcurrencies: [], missingConcurrencies: [], missing: [], isComplete: true, notes: [], warnings: [],
    points: points.map(([concurrency, outputTps, meanTpotMs]) => blankPoint({ concurrency, outputTps, meanTpotMs })),
  };
}

// Baseline frontier: (25, 150), (50, 100). Candidate: both points 10 % higher.
const RUNS = [run("100", ["old"], [[8, 1600, 20], [16, 2400, 40]]), run("200", ["new"], [[8, 1760, 20], [16, 2640, 40]])];

describe("compare sides", () => {
  it("parses and formats run: and tag: sides", () => {
    expect(parseCompareSide("run:3667_1P@x")).toEqual({ kind: "run", value: "3667_1P@x" });
    expect(parseCompareSide("tag:a:b")).toEqual({ kind: "tag", value: "a:b" });
    expect(parseCompareSide("3667")).toBeNull();
    expect(parseCompareSide("tag:")).toBeNull();
    expect(formatCompareSide({ kind: "tag", value: "old" })).toBe("tag:old");
  });

  it("a side's runs and label", () => {
    expect(sideRuns(RUNS, { kind: "tag", value: "new" }).map((r) => r.jobId)).toEqual(["200"]);
    expect(sideRuns(RUNS, { kind: "run", value: "100" }).map((r) => r.jobId)).toEqual(["100"]);
    expect(sideLabel({ kind: "tag", value: "new" }, 2)).toBe("tag new (2 runs)");
    expect(sideLabel({ kind: "run", value: "100" }, 1)).toBe("run 100");
  });
});

describe("buildCompareView", () => {
  it("Δ% at the default levels and along the overlap, and the area ratio", () => {
    const view = buildCompareView([RUNS[0]], [RUNS[1]], "output", []);
    expect(view.overlap).toEqual([25, 50]);
    expect(view.levels.map((l) => l.tpsPerUser)).toEqual([31.25, 37.5, 43.75]);
    for (const level of view.levels) expect(level.changePct).toBeCloseTo(10);
    expect(view.samples).toHaveLength(50);
    expect(view.areaRatio).toBeCloseTo(1.1);
  });

  it("user levels; none outside the overlap; an empty overlap leaves nothing to compare", () => {
    expect(buildCompareView([RUNS[0]], [RUNS[1]], "output", [30, 99]).levels.map((l) => l.tpsPerUser)).toEqual([30]);
    const apart = run("300", [], [[1, 160, 1]]); // 1000 TPS/User, alone
    const view = buildCompareView([RUNS[0]], [apart], "output", []);
    expect(view).toMatchObject({ overlap: null, levels: [], samples: [], areaRatio: null });
  });
});
