import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pointEnergy } from "@/lib/energy";
import { loadRunEnergy } from "@/lib/server/power";
import { parsePowerSamples, powerSampleWarnings, POWER_SAMPLES_HEADER } from "@/parsers/power/samples";
import { parsePowerWindow, type PowerWindow } from "@/parsers/power/windows";
import { tempDir } from "../../helpers/temp-dir";
import { makePoint, makeRun } from "./charts/make-run";

/** GPU 0 ramps 10 W per second from 0 at t=100; GPU 1 holds 200 W; one sweep a second, t = 100..110. */
function samplesCsv(skip: (t: number, gpu: number) => boolean = () => false): string {
  const lines = [POWER_SAMPLES_HEADER];
  for (let t = 100; t <= 110; t++) {
    for (const gpu of [0, 1]) if (!skip(t, gpu)) lines.push(`1,${t},${t - 100},n1,${gpu},GPU-${gpu},${gpu === 0 ? 10 * (t - 100) : 200}`);
  }
  return lines.join("\n") + "\n";
}

const WINDOW: PowerWindow = { stem: "results_concurrency_8", concurrency: 8, resultPath: "sa/results_concurrency_8.json", status: "completed", startUnix: 102.5, endUnix: 107.5, reason: null };

describe("pointEnergy", () => {
  it("integrates each GPU over the window and sums them", () => {
    const e = pointEnergy(parsePowerSamples(samplesCsv()), WINDOW, 2500)!;
    // GPU 0: 10 × ∫(t−100) dt over 102.5..107.5 = 10 × (7.5² − 2.5²)/2 = 250 J; GPU 1: 200 W × 5 s = 1000 J.
    expect(e.energyJ).toBeCloseTo(1250, 9);
    expect(e.meanPowerW).toBeCloseTo(250, 9);
    expect(e.powerPerGpuW).toBeCloseTo(125, 9);
    // Sweeps inside the window: t = 103..107; the highest sum is at 107: 70 + 200.
    expect(e.peakPowerW).toBe(270);
    expect(e.outputTokensPerJ).toBeCloseTo(2, 9);
    expect(e.joulesPerOutputToken).toBeCloseTo(0.5, 9);
    expect(e.gaps).toBe(0);
  });

  it("reports a gap over 3 s and leaves the energy empty instead of bridging it", () => {
    const e = pointEnergy(parsePowerSamples(samplesCsv((t, gpu) => gpu === 1 && t >= 104 && t <= 106)), WINDOW, 2500)!;
    expect(e.gaps).toBe(1);
    expect(e.gapS).toBe(4);
    expect(e.energyJ).toBeNull();
    expect(e.outputTokensPerJ).toBeNull();
    // Mean power is still known from the covered time: GPU 1 held 200 W throughout.
    expect(e.meanPowerW).toBeCloseTo(250, 9);
  });

  it("has no figures for a window without an end", () => {
    expect(pointEnergy(parsePowerSamples(samplesCsv()), { ...WINDOW, status: "interrupted", endUnix: null }, 1)).toBeNull();
  });
});

describe("parsePowerSamples on damaged files", () => {
  it("counts malformed rows, duplicates and time running backwards", () => {
    const text = [
      POWER_SAMPLES_HEADER,
      "1,100,0,n1,0,GPU-0,100",
      "1,101,1,n1,0,GPU-0,100",
      "1,101,1,n1,0,GPU-0,999", // duplicate (scrape_seq, hostname, gpu_index)
      "1,nan-ish,2,n1,0,GPU-0,100", // malformed timestamp
      "1,102,3,n1,0,GPU-0,-5", // negative power
      "1,99,4,n1,0,GPU-0,100", // backwards in scrape order
      "1,100,0,n1,1",
    ].join("\n");
    const samples = parsePowerSamples(text);
    expect(samples.rows).toBe(3);
    expect(samples.malformedRows).toBe(3);
    expect(samples.duplicateRows).toBe(1);
    expect(samples.nonMonotonicDevices).toBe(1);
    expect(samples.devices.get("n1/0")!.times).toEqual([99, 100, 101]);
    expect(powerSampleWarnings(samples)).toEqual([
      "power: 3 malformed row(s) in samples.csv skipped (line 5, 6, 8)",
      "power: 1 duplicate sample row(s) in samples.csv skipped (same scrape_seq, hostname, gpu_index)",
      "power: timestamps go backwards in scrape order on 1 GPU(s); their samples were read in time order",
    ]);
  });

  it("refuses a file with another header", () => {
    expect(powerSampleWarnings(parsePowerSamples("time,watts\n1,2\n"))).toEqual([`power: samples.csv header is not "${POWER_SAMPLES_HEADER}"; no energy figures`]);
  });
});

describe("parsePowerWindow", () => {
  const base = { schema_version: 1, clock_source: "head_node_unix_clock", benchmark_type: "sa-bench", concurrency: 8, result_path: "sa/results_concurrency_8.json", status: "completed", benchmark_start_time_unix: 1, benchmark_end_time_unix: 2, duration: 1, reason: null };
  it("reads a completed window and keeps an interrupted one open", () => {
    const done = parsePowerWindow(JSON.stringify(base), "results_concurrency_8.json");
    expect(done).toEqual({ ok: true, window: { stem: "results_concurrency_8", concurrency: 8, resultPath: "sa/results_concurrency_8.json", status: "completed", startUnix: 1, endUnix: 2, reason: null } });
    const cut = parsePowerWindow(JSON.stringify({ ...base, status: "interrupted", benchmark_end_time_unix: null, duration: null, reason: "collector_interrupted" }), "x.json");
    expect(cut.ok && cut.window.endUnix).toBeNull();
  });

  it("names the file of a malformed window", () => {
    expect(parsePowerWindow("{", "a.json")).toEqual({ ok: false, issue: "power/windows/a.json: invalid JSON" });
    expect(parsePowerWindow(JSON.stringify({ ...base, duration: 0 }), "b.json")).toEqual({ ok: false, issue: "power/windows/b.json: status completed needs an end time after the start and a positive duration" });
    const wrongClock = parsePowerWindow(JSON.stringify({ ...base, clock_source: "gpu" }), "c.json");
    expect(wrongClock.ok ? "" : wrongClock.issue).toMatch(/^power\/windows\/c\.json: .*clock_source/);
  });
});

describe("loadRunEnergy", () => {
  async function runDir(files: Record<string, string>): Promise<string> {
    const dir = path.join(await tempDir(), "555");
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), text);
    }
    return dir;
  }
  const window = (c: number, start: number, end: number) =>
    JSON.stringify({ schema_version: 1, clock_source: "head_node_unix_clock", benchmark_type: "sa-bench", concurrency: c, result_path: `sa/results_concurrency_${c}.json`, status: "completed", benchmark_start_time_unix: start, benchmark_end_time_unix: end, duration: end - start, reason: null });
  const points = [
    makePoint({ concurrency: 8, sourceFile: "sa/results_concurrency_8.json", totalOutputTokens: 2500 }),
    makePoint({ concurrency: 16, sourceFile: "sa/results_concurrency_16.json", totalOutputTokens: 100 }),
  ];

  it("says 'no power data' for a run without power records", async () => {
    expect(loadRunEnergy(makeRun({ runPath: await runDir({ "x.txt": "" }), points }))).toEqual({ status: "no power data" });
  });

  it("matches windows to points by result stem and warns about the point without one", async () => {
    const dir = await runDir({ "power/samples.csv": samplesCsv(), "power/manifest.json": "{}", "power/windows/results_concurrency_8.json": window(8, 102.5, 107.5), "power/windows/broken.json": "{" });
    const energy = loadRunEnergy(makeRun({ runPath: dir, points }));
    expect(energy.status).toBe("ok");
    if (energy.status !== "ok") return;
    expect(energy.points.map((p) => [p.concurrency, Math.round(p.energyJ!)])).toEqual([[8, 1250]]);
    expect(energy.warnings).toEqual(["power: power/windows/broken.json: invalid JSON", "power: 1 point(s) have no measurement window (concurrency 16)"]);
  });

  it("finds records under logs/power and warns when samples are missing", async () => {
    const dir = await runDir({ "logs/power/manifest.json": "{}" });
    expect(loadRunEnergy(makeRun({ runPath: dir, points }))).toEqual({ status: "ok", points: [], warnings: ["power: samples.csv is missing; no energy figures"] });
  });
});
