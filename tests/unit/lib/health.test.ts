import { describe, expect, it } from "vitest";
import { healthBadge, resultSignals, toRunHealth } from "@/lib/health";
import { emptyCounts } from "@/parsers/health-signals";
import { makePoint, makeRun } from "./charts/make-run";

describe("run health", () => {
  it("result signals: points with completed < num_prompts or failed > 0, and missing concurrencies", () => {
    const run = makeRun({
      points: [
        makePoint({ concurrency: 1, completed: 10, numPrompts: 10, failed: 0 }),
        makePoint({ concurrency: 2, completed: 8, numPrompts: 10, failed: 0 }),
        makePoint({ concurrency: 4, completed: 10, numPrompts: 10, failed: 2 }),
        makePoint({ concurrency: 8 }),
      ],
      missingConcurrencies: [16, 32],
    });
    expect(resultSignals(run)).toEqual({ failedPoints: 2, incompleteConcurrencies: 2 });
  });

  it("badge lists the non-zero signals in table order, singular or plural", () => {
    const counts = { ...emptyCounts(), oom: 3, traceback: 1, restart: 2 };
    expect(healthBadge({ counts, retractedRequests: 0, failedPoints: 1, incompleteConcurrencies: 2 })).toBe(
      "3 OOM, 1 traceback, 2 restarts, 1 failed point, 2 missing concurrencies",
    );
    expect(healthBadge({ counts: emptyCounts(), retractedRequests: 0, failedPoints: 0, incompleteConcurrencies: 0 })).toBe("");
  });

  it("combines a log scan with the run's results", () => {
    const run = makeRun({ missingConcurrencies: [] });
    const first = [{ signal: "oom" as const, file: "a.err", line: 4, text: "CUDA out of memory" }];
    const health = toRunHealth(run, { counts: { ...emptyCounts(), oom: 1 }, retractedRequests: 0, first });
    expect(health).toMatchObject({ runDir: run.runDir, badge: "1 OOM", first });
  });
});
