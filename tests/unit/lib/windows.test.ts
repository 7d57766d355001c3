import { describe, expect, it } from "vitest";
import { activityOf, chartWindows, formatShift, parseResultDate, reconcileClocks, recordsIn, resultWindow, resultWindows, shownWindowNotes, windowNotes } from "@/lib/windows";
import { readFileSync } from "node:fs";
import { parseBenchResultFile } from "@/parsers/bench-result";
import { batchWorker, blankPoint, T0 } from "../../helpers/model-builders";

const HOUR = 3_600_000;

/** A decode worker logging one batch line every `every` seconds over each busy [from, to) span (seconds after T0). */
function busyWorker(spans: [number, number][], every = 2) {
  const rows: [number, number, Record<string, number>][] = [];
  for (const [from, to] of spans) for (let s = from; s < to; s += every) rows.push([s, 0, { numRunningReqs: 1 }]);
  return batchWorker("node-1", "decode", rows);
}

describe("parseResultDate", () => {
  it("reads sa-bench's compact stamp and ISO-like stamps as naive UTC", () => {
    expect(parseResultDate("20260101-013000")).toBe(Date.UTC(2026, 0, 1, 1, 30, 0));
    expect(parseResultDate("2026-01-01 01:30:00")).toBe(Date.UTC(2026, 0, 1, 1, 30, 0));
    expect(parseResultDate("2026-01-01T01:30:00.25Z")).toBe(Date.UTC(2026, 0, 1, 1, 30, 0));
  });

  it("rejects anything else", () => {
    for (const text of [null, "", "yesterday", "20261301-000000", "20260101-250000", "2026-01-01"]) expect(parseResultDate(text)).toBeNull();
  });
});

describe("resultWindow", () => {
  it("takes the explicit unix start and end first", () => {
    const w = resultWindow(blankPoint({ concurrency: 8, startTimeUnix: 1_700_000_000, endTimeUnix: 1_700_000_090, date: "20260101-000000", durationS: 5 }));
    expect(w).toEqual({ concurrency: 8, startMs: 1_700_000_000_000, endMs: 1_700_000_090_000, source: "unix" });
  });

  it("otherwise ends at `date` (written when the benchmark finished) and starts `duration` before", () => {
    const w = resultWindow(blankPoint({ concurrency: 16, date: "20260101-001000", durationS: 120.5 }));
    expect(w).toEqual({ concurrency: 16, startMs: Date.UTC(2026, 0, 1, 0, 10, 0) - 120_500, endMs: Date.UTC(2026, 0, 1, 0, 10, 0), source: "date" });
  });

  it("reads the window of a real InferenceX result (vllm bench serve: date 20260213-075258, duration 50.7457 s)", () => {
    const file = "tests/fixtures/real/results/inferencex/glm5_fp8_vllm_tp8_isl1024_osl128_conc16.json";
    const parsed = parseBenchResultFile(readFileSync(file), file);
    const w = resultWindow(parsed.points[0]);
    expect(w?.source).toBe("date");
    expect(w?.endMs).toBe(Date.UTC(2026, 1, 13, 7, 52, 58));
    expect(w!.endMs - w!.startMs).toBeCloseTo(50745.7, 0);
  });

  it("is null without a usable pair", () => {
    expect(resultWindow(blankPoint({ date: "20260101-001000" }))).toBeNull();
    expect(resultWindow(blankPoint({ durationS: 60 }))).toBeNull();
    expect(resultWindow(blankPoint({ startTimeUnix: 10, endTimeUnix: 5 }))).toBeNull();
  });

  it("orders a run's windows by start time, not by concurrency", () => {
    const windows = resultWindows([
      blankPoint({ concurrency: 4, date: "20260101-003000", durationS: 60 }),
      blankPoint({ concurrency: 64, date: "20260101-001000", durationS: 60 }),
      blankPoint({ concurrency: 8 }),
    ]);
    expect(windows.map((w) => w.concurrency)).toEqual([64, 4]);
  });
});

describe("activityOf / recordsIn", () => {
  it("counts batch records per interval over every node", () => {
    const a = batchWorker("a", "prefill", [[0, 0, {}], [1, 0, {}], [5, 0, {}]]);
    const b = batchWorker("b", "decode", [[1, 0, {}], [9, 0, {}]]);
    const activity = activityOf([a, b])!;
    expect(activity.firstMs).toBe(T0);
    expect(activity.lastMs).toBe(T0 + 9000);
    expect(recordsIn(activity, T0, T0 + 2000)).toBe(3);
    expect(recordsIn(activity, T0 + 2000, T0 + 9000)).toBe(1);
    expect(recordsIn(activity, T0 - HOUR, T0 + HOUR)).toBe(5);
  });

  it("counts a batch every PP rank printed once", () => {
    const a = batchWorker("a", "prefill", [[0, 0, {}], [0, 0, {}], [1, 0, {}], [1, 0, {}]]);
    a.batches.pp.set([0, 1, 0, 1]);
    expect(recordsIn(activityOf([a])!, T0 - HOUR, T0 + HOUR)).toBe(2);
  });

  it("is null when nothing is timestamped", () => {
    expect(activityOf([batchWorker("a", "decode", [])])).toBeNull();
  });
});

describe("reconcileClocks", () => {
  // Three concurrencies of 10 minutes each, 2-minute pauses between them, logs idle before and after.
  const spans: [number, number][] = [[600, 1200], [1320, 1920], [2040, 2640]];
  const activity = activityOf([busyWorker([[0, 60], ...spans, [3500, 3560]])])!;
  const windowsAt = (shiftMs: number) => spans.map(([from, to], i) => ({ concurrency: 2 ** i, startMs: T0 + from * 1000 - shiftMs, endMs: T0 + to * 1000 - shiftMs, source: "date" as const }));

  it("keeps the result clock when the windows already sit on the logs' activity", () => {
    expect(reconcileClocks(windowsAt(0), activity)).toEqual({ offsetMs: 0, note: null });
  });

  it("finds a whole time-zone shift between the clocks and says so", () => {
    const r = reconcileClocks(windowsAt(2 * HOUR), activity);
    expect(r.offsetMs).toBe(2 * HOUR);
    expect(r.note).toContain("+2 h");
    const west = reconcileClocks(windowsAt(-5.5 * HOUR), activity);
    expect(west.offsetMs).toBe(-5.5 * HOUR);
    expect(west.note).toContain("-5 h 30 min");
  });

  it("does not guess when the windows fit the logs under no shift", () => {
    const r = reconcileClocks(windowsAt(3 * 24 * HOUR), activity);
    expect(r.offsetMs).toBeNull();
    expect(r.note).toMatch(/not drawn.*do not fall within/);
  });

  it("does not guess when two different shifts fit equally well", () => {
    // Logs busy in two identical sweeps three hours apart; results an hour after the first, two before the second.
    const twice = activityOf([busyWorker([...spans, ...spans.map(([a, b]): [number, number] => [a + 3 * 3600, b + 3 * 3600])])])!;
    const r = reconcileClocks(windowsAt(-HOUR), twice);
    expect(r.offsetMs).toBeNull();
    expect(r.note).toMatch(/equally well.*-1 h or \+2 h/);
  });

  it("says why there is nothing to place windows on", () => {
    expect(reconcileClocks(windowsAt(0), null).note).toMatch(/no timestamped batch lines/);
    expect(reconcileClocks([], activity)).toEqual({ offsetMs: null, note: null });
  });
});

describe("chartWindows", () => {
  it("places the windows in seconds since the run's first batch, after the shift", () => {
    const worker = busyWorker([[100, 400], [460, 760]]);
    const finished = (s: number) => new Date(T0 + s * 1000 - HOUR).toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
    const points = [blankPoint({ concurrency: 4, date: finished(400), durationS: 300 }), blankPoint({ concurrency: 8, date: finished(760), durationS: 300 })];
    const r = chartWindows(points, activityOf([worker]));
    expect(r.windows).toEqual([
      { concurrency: 4, x0: 0, x1: 300 },
      { concurrency: 8, x0: 360, x1: 660 },
    ]);
    expect(r.note).toContain("+1 h");
  });
});

describe("formatShift", () => {
  it("writes hours and minutes with a sign", () => {
    expect(formatShift(2 * HOUR)).toBe("+2 h");
    expect(formatShift(-(5 * HOUR + 45 * 60_000))).toBe("-5 h 45 min");
    expect(formatShift(30 * 60_000)).toBe("+30 min");
  });
});

describe("windowNotes", () => {
  const placed = { windows: [{ concurrency: 4, x0: 0, x1: 10 }], note: null };
  it("passes the reconciliation note on, and says when the zoomed concurrency has no window", () => {
    expect(windowNotes(placed, 4)).toEqual([]);
    expect(windowNotes(placed, 8)).toEqual([expect.stringMatching(/No time window for concurrency 8/)]);
    expect(windowNotes({ windows: [], note: null }, 8)).toHaveLength(1);
  });
  it("does not pile a zoom note on a run whose windows could not be placed", () => {
    expect(windowNotes({ windows: [], note: "Concurrency windows not drawn: x" }, 8)).toEqual(["Concurrency windows not drawn: x"]);
  });
});

describe("shownWindowNotes (issue 20 item 1)", () => {
  const run = (runDir: string) => ({ run: { runDir, label: `${runDir} | 1P1D` }, windows: { windows: [], note: "Concurrency windows not drawn: clocks differ." } });
  it("says something about windows only for the runs whose windows are drawn", () => {
    expect(shownWindowNotes([run("D"), run("A1")], new Set(["A1"]), undefined)).toEqual(["A1 | 1P1D: Concurrency windows not drawn: clocks differ."]);
    expect(shownWindowNotes([run("D"), run("A1")], new Set(), undefined)).toEqual([]);
  });
});
