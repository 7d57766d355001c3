import type { DeviceSamples, PowerSamples } from "../parsers/power/samples";
import type { PowerWindow } from "../parsers/power/windows";

/** Samples further apart than this are broken coverage (upstream's MAX_SAMPLE_GAP_SECONDS). */
export const MAX_SAMPLE_GAP_S = 3;

/** One benchmark point's energy over its measurement window, summed over the job's GPUs. */
export interface PointEnergy {
  concurrency: number;
  windowS: number;
  gpus: number;
  /** Mean of the summed board power over the covered time. */
  meanPowerW: number;
  /** Highest summed power of one scrape sweep inside the window. */
  peakPowerW: number;
  powerPerGpuW: number;
  /** Joules over the window; null when a gap over 3 s or a GPU not bracketing the window leaves part of it unmeasured. */
  energyJ: number | null;
  outputTokensPerJ: number | null;
  joulesPerOutputToken: number | null;
  /** Gaps over 3 s, over all GPUs, and the seconds they leave out. */
  gaps: number;
  gapS: number;
  /** GPUs without a sample at or before the start and at or after the end. */
  unbracketed: number;
}

/** Power of a device at time t between samples a and b (linear). */
function lerp(d: DeviceSamples, a: number, b: number, t: number): number {
  const span = d.times[b] - d.times[a];
  return span <= 0 ? d.watts[a] : d.watts[a] + ((d.watts[b] - d.watts[a]) * (t - d.times[a])) / span;
}

/** Trapezoid integral of one GPU over [start, end], leaving out intervals with gaps over 3 s. */
export function integrateDevice(d: DeviceSamples, start: number, end: number): { joules: number; coveredS: number; gaps: number; gapS: number; bracketed: boolean } {
  const n = d.times.length;
  const bracketed = n > 0 && d.times[0] <= start && d.times[n - 1] >= end;
  let joules = 0;
  let coveredS = 0;
  let gaps = 0;
  let gapS = 0;
  for (let i = 0; i + 1 < n; i++) {
    const t0 = Math.max(d.times[i], start);
    const t1 = Math.min(d.times[i + 1], end);
    if (t1 <= t0) continue;
    if (d.times[i + 1] - d.times[i] > MAX_SAMPLE_GAP_S) {
      gaps++;
      gapS += t1 - t0;
      continue;
    }
    joules += ((lerp(d, i, i + 1, t0) + lerp(d, i, i + 1, t1)) / 2) * (t1 - t0);
    coveredS += t1 - t0;
  }
  return { joules, coveredS, gaps, gapS, bracketed };
}

/** Highest sum over GPUs of one scrape sweep (same scrape_seq) inside the window. */
function peakSweep(devices: Iterable<DeviceSamples>, start: number, end: number): number {
  const sums = new Map<number, number>();
  for (const d of devices) {
    for (let i = 0; i < d.times.length; i++) if (d.times[i] >= start && d.times[i] <= end) sums.set(d.seqs[i], (sums.get(d.seqs[i]) ?? 0) + d.watts[i]);
  }
  return Math.max(0, ...sums.values());
}

/** Energy of one closed window; null when no GPU has samples in it. */
export function pointEnergy(samples: PowerSamples, window: PowerWindow, outputTokens: number | null): PointEnergy | null {
  if (window.endUnix === null) return null;
  const start = window.startUnix;
  const end = window.endUnix;
  let joules = 0;
  let meanPowerW = 0;
  let gaps = 0;
  let gapS = 0;
  let unbracketed = 0;
  let gpus = 0;
  for (const device of samples.devices.values()) {
    const part = integrateDevice(device, start, end);
    gpus++;
    joules += part.joules;
    gaps += part.gaps;
    gapS += part.gapS;
    if (!part.bracketed) unbracketed++;
    if (part.coveredS > 0) meanPowerW += part.joules / part.coveredS;
  }
  if (gpus === 0 || meanPowerW === 0) return null;
  const complete = gaps === 0 && unbracketed === 0;
  const energyJ = complete ? joules : null;
  const tokens = outputTokens !== null && outputTokens > 0 ? outputTokens : null;
  return {
    concurrency: window.concurrency,
    windowS: end - start,
    gpus,
    meanPowerW,
    peakPowerW: peakSweep(samples.devices.values(), start, end),
    powerPerGpuW: meanPowerW / gpus,
    energyJ,
    outputTokensPerJ: energyJ !== null && energyJ > 0 && tokens !== null ? tokens / energyJ : null,
    joulesPerOutputToken: energyJ !== null && tokens !== null ? energyJ / tokens : null,
    gaps,
    gapS,
    unbracketed,
  };
}

/** One node's board power over time: the sum of its GPUs per scrape sweep. */
export interface NodePowerSeries {
  hostname: string;
  gpus: number;
  t: number[];
  watts: number[];
}

/** Per node, the summed power of each scrape sweep (time: the sweep's earliest sample), in time order. */
export function nodePowerSeries(samples: PowerSamples): NodePowerSeries[] {
  const byNode = new Map<string, { gpus: number; sweeps: Map<number, { t: number; w: number }> }>();
  for (const d of samples.devices.values()) {
    let node = byNode.get(d.hostname);
    if (!node) byNode.set(d.hostname, (node = { gpus: 0, sweeps: new Map() }));
    node.gpus++;
    for (let i = 0; i < d.times.length; i++) {
      const sweep = node.sweeps.get(d.seqs[i]);
      if (sweep) {
        sweep.w += d.watts[i];
        sweep.t = Math.min(sweep.t, d.times[i]);
      } else node.sweeps.set(d.seqs[i], { t: d.times[i], w: d.watts[i] });
    }
  }
  return [...byNode].map(([hostname, node]) => {
    const sweeps = [...node.sweeps.values()].sort((a, b) => a.t - b.t);
    return { hostname, gpus: node.gpus, t: sweeps.map((s) => s.t), watts: sweeps.map((s) => s.w) };
  });
}
