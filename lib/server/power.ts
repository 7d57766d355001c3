import "server-only";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Run } from "../model";
import { nodePowerSeries, pointEnergy, type NodePowerSeries, type PointEnergy } from "../energy";
import { parsePowerSamples, powerSampleWarnings } from "../../parsers/power/samples";
import { parsePowerWindow, type PowerWindow } from "../../parsers/power/windows";

/** A run's energy: per point (by concurrency), or why there is none. */
export type RunEnergy =
  | { status: "no power data" }
  | { status: "ok"; points: PointEnergy[]; warnings: string[] };

/** Where srt-slurm puts power records: `power/` in the run's logs dir (`logs/power/` when the run dir is the job dir). */
export function powerDirOf(runPath: string): string | null {
  for (const dir of [path.join(/*turbopackIgnore: true*/ runPath, "power"), path.join(/*turbopackIgnore: true*/ runPath, "logs", "power")]) {
    if (existsSync(/*turbopackIgnore: true*/ dir) && statSync(/*turbopackIgnore: true*/ dir).isDirectory()) return dir;
  }
  return null;
}

function readWindows(dir: string, warnings: string[]): PowerWindow[] {
  const windowsDir = path.join(/*turbopackIgnore: true*/ dir, "windows");
  if (!existsSync(/*turbopackIgnore: true*/ windowsDir)) return [];
  const windows: PowerWindow[] = [];
  let bad = 0;
  for (const name of readdirSync(/*turbopackIgnore: true*/ windowsDir).filter((n) => n.endsWith(".json")).sort()) {
    const parsed = parsePowerWindow(readFileSync(/*turbopackIgnore: true*/ path.join(windowsDir, name), "utf8"), name);
    if (parsed.ok) windows.push(parsed.window);
    else if (++bad <= 3) warnings.push(`power: ${parsed.issue}`);
  }
  if (bad > 3) warnings.push(`power: ${bad - 3} more malformed window file(s)`);
  return windows;
}

const stemOf = (file: string) => path.basename(file).replace(/\.json$/, "");

/** The window of a point: the one named after its result file, else the only one at its concurrency. */
function windowFor(windows: readonly PowerWindow[], sourceFile: string, concurrency: number): PowerWindow | null {
  const byStem = windows.find((w) => w.stem === stemOf(sourceFile));
  if (byStem) return byStem;
  const same = windows.filter((w) => w.concurrency === concurrency);
  return same.length === 1 ? same[0] : null;
}

/**
 * Energy of each point of a run from its DCGM power records. Runs without `power/` have none (never
 * zero); every problem in the records becomes a counted warning, never a failure.
 */
export function loadRunEnergy(run: Run): RunEnergy {
  const dir = powerDirOf(run.runPath);
  if (!dir) return { status: "no power data" };
  const warnings: string[] = [];
  const samplesFile = path.join(/*turbopackIgnore: true*/ dir, "samples.csv");
  if (!existsSync(/*turbopackIgnore: true*/ samplesFile)) return { status: "ok", points: [], warnings: ["power: samples.csv is missing; no energy figures"] };
  const samples = parsePowerSamples(readFileSync(/*turbopackIgnore: true*/ samplesFile, "utf8"));
  warnings.push(...powerSampleWarnings(samples));
  if (!existsSync(/*turbopackIgnore: true*/ path.join(dir, "manifest.json"))) warnings.push("power: manifest.json is missing");
  const windows = readWindows(dir, warnings);
  const points: PointEnergy[] = [];
  const noWindow: number[] = [];
  const open: number[] = [];
  for (const point of run.points) {
    const window = windowFor(windows, point.sourceFile, point.concurrency);
    if (!window) noWindow.push(point.concurrency);
    else if (window.endUnix === null) open.push(point.concurrency);
    else {
      const energy = samples.fatal ? null : pointEnergy(samples, window, point.totalOutputTokens);
      if (energy) points.push(energy);
    }
  }
  if (noWindow.length > 0) warnings.push(`power: ${noWindow.length} point(s) have no measurement window (concurrency ${noWindow.join(", ")})`);
  if (open.length > 0) warnings.push(`power: ${open.length} window(s) never closed (running or interrupted; concurrency ${open.join(", ")})`);
  const gappy = points.filter((p) => p.gaps > 0);
  if (gappy.length > 0) warnings.push(`power: sample gaps over 3 s in ${gappy.length} window(s) (${gappy.reduce((s, p) => s + p.gaps, 0)} gaps, ${gappy.reduce((s, p) => s + p.gapS, 0).toFixed(1)} s); their energy is left empty, not bridged`);
  const unbracketed = points.filter((p) => p.unbracketed > 0);
  if (unbracketed.length > 0) warnings.push(`power: ${unbracketed.length} window(s) not bracketed by samples on every GPU; their energy is left empty`);
  return { status: "ok", points, warnings };
}

/** Energy of every point of `runs`, keyed `runDir\0concurrency` (the CSV rows' key). */
export function energyByPoint(runs: readonly Run[]): Map<string, PointEnergy> {
  const out = new Map<string, PointEnergy>();
  for (const run of runs) {
    const energy = loadRunEnergy(run);
    if (energy.status === "ok") for (const point of energy.points) out.set(`${run.runDir}\0${point.concurrency}`, point);
  }
  return out;
}

/** What the Node Metrics power chart draws for one run; null without power records. */
export interface RunPowerSeries {
  runDir: string;
  t0: number;
  nodes: NodePowerSeries[];
  windows: { concurrency: number; start: number; end: number }[];
}

export function loadRunPowerSeries(run: Run): RunPowerSeries | null {
  const dir = powerDirOf(run.runPath);
  const samplesFile = dir ? path.join(/*turbopackIgnore: true*/ dir, "samples.csv") : null;
  if (!dir || !samplesFile || !existsSync(/*turbopackIgnore: true*/ samplesFile)) return null;
  const nodes = nodePowerSeries(parsePowerSamples(readFileSync(/*turbopackIgnore: true*/ samplesFile, "utf8")));
  if (nodes.length === 0) return null;
  const windows = readWindows(dir, []).flatMap((w) => (w.endUnix === null ? [] : [{ concurrency: w.concurrency, start: w.startUnix, end: w.endUnix }])).sort((a, b) => a.start - b.start);
  return { runDir: run.runDir, t0: Math.min(...nodes.map((n) => n.t[0] ?? Infinity)), nodes, windows };
}
