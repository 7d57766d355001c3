import { describe, expect, it } from "vitest";
import { activitySettingsFrom, nextRunActivity, orchestratorEnded, resultsComplete } from "@/lib/live/run-activity";

const MIN = 60_000;
const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);
const settings = { liveWindowMs: 5 * MIN, stallAfterMs: 60 * MIN };
const obs = (quietMin: number | null, extra: { resultsComplete?: boolean; orchestratorEnded?: boolean } = {}) => ({
  newestMtimeMs: quietMin === null ? null : NOW - quietMin * MIN,
  resultsComplete: extra.resultsComplete ?? false,
  orchestratorEnded: extra.orchestratorEnded ?? false,
});

describe("nextRunActivity", () => {
  it("is running when files changed within the live window and results are missing", () => {
    expect(nextRunActivity(null, obs(1), NOW, settings)).toBe("running");
    expect(nextRunActivity(null, obs(5), NOW, settings)).toBe("running");
  });

  it("is finished when every result is there or the orchestrator wrote its end line, however fresh the files", () => {
    expect(nextRunActivity("running", obs(0, { resultsComplete: true }), NOW, settings)).toBe("finished");
    expect(nextRunActivity("running", obs(0, { orchestratorEnded: true }), NOW, settings)).toBe("finished");
    expect(nextRunActivity(null, obs(null), NOW, settings)).toBe("finished");
  });

  it("does not call an old half-done run stalled when it was never seen running", () => {
    expect(nextRunActivity(null, obs(6), NOW, settings)).toBe("finished");
    expect(nextRunActivity(null, obs(24 * 60), NOW, settings)).toBe("finished");
  });

  it("keeps a followed run running through a quiet spell, stalls it after an hour, and revives it on new bytes", () => {
    expect(nextRunActivity("running", obs(30), NOW, settings)).toBe("running");
    expect(nextRunActivity("running", obs(59), NOW, settings)).toBe("running");
    expect(nextRunActivity("running", obs(60), NOW, settings)).toBe("stalled");
    expect(nextRunActivity("stalled", obs(300), NOW, settings)).toBe("stalled");
    expect(nextRunActivity("stalled", obs(0.5), NOW, settings)).toBe("running");
  });

  it("treats a file mtime in the future (clock skew) as just written", () => {
    expect(nextRunActivity(null, obs(-10), NOW, settings)).toBe("running");
  });
});

describe("resultsComplete", () => {
  it("needs every expected concurrency; an unknown list never says complete", () => {
    expect(resultsComplete([16, 32, 64], [16, 32])).toBe(false);
    expect(resultsComplete([16, 32, 64], [64, 16, 32])).toBe(true);
    expect(resultsComplete([], [16])).toBe(false);
  });
});

describe("orchestratorEnded", () => {
  it("finds srt-slurm's end lines and nothing else", () => {
    expect(orchestratorEnded("Running concurrency 64\n==========\n✓ Sweep completed successfully\nEnd: Tue Apr 21 14:46:59 PDT 2026\n")).toBe(true);
    expect(orchestratorEnded("End: Tue Apr 21 14:46:59 PDT 2026\n")).toBe(true);
    expect(orchestratorEnded("Starting benchmark\nRunning concurrency 64\nWeekend: no\n")).toBe(false);
  });
});

describe("activitySettingsFrom", () => {
  it("reads minutes from the environment and falls back to 5 min / 1 h on junk", () => {
    expect(activitySettingsFrom({ SRTLOG_LIVE_WINDOW_MIN: "2", SRTLOG_STALL_AFTER_MIN: "30" })).toEqual({ liveWindowMs: 2 * MIN, stallAfterMs: 30 * MIN });
    expect(activitySettingsFrom({ SRTLOG_LIVE_WINDOW_MIN: "abc", SRTLOG_STALL_AFTER_MIN: "-1" })).toEqual({ liveWindowMs: 5 * MIN, stallAfterMs: 60 * MIN });
  });
});
