/**
 * srt-slurm's DCGM power samples (`power/samples.csv`, schema_version 1, src/srtctl/core/power/):
 * `schema_version,timestamp_unix,scrape_seq,hostname,gpu_index,gpu_uuid,power_w`, one row per GPU
 * and scrape, board power in W on the head node's unix clock. Validated as upstream does: a bad row,
 * a repeated (scrape_seq, hostname, gpu_index) and time running backwards are counted, never fatal.
 */

export const POWER_SAMPLES_HEADER = "schema_version,timestamp_unix,scrape_seq,hostname,gpu_index,gpu_uuid,power_w";

/** One GPU's samples in scrape order. */
export interface DeviceSamples {
  hostname: string;
  gpuIndex: number;
  uuids: string[];
  times: number[];
  watts: number[];
  seqs: number[];
}

export interface PowerSamples {
  /** Keyed `hostname/gpu_index`, in first-seen order. */
  devices: Map<string, DeviceSamples>;
  rows: number;
  malformedRows: number;
  /** First few malformed lines, for the message. */
  malformedLines: number[];
  duplicateRows: number;
  /** GPUs whose timestamps go backwards in scrape order (their samples are then read in time order). */
  nonMonotonicDevices: number;
  /** Set when the file cannot be read at all (header mismatch, empty). */
  fatal: string | null;
}

interface Row {
  time: number;
  seq: number;
  hostname: string;
  gpuIndex: number;
  uuid: string;
  watts: number;
}

const isInt = (text: string) => /^\d+$/.test(text.trim());

function parseRow(line: string): Row | null {
  const cells = line.split(",");
  if (cells.length !== 7) return null;
  const [schema, time, seq, hostname, gpu, uuid, watts] = cells.map((cell) => cell.trim());
  if (schema !== "1" || !isInt(seq) || !isInt(gpu) || hostname === "" || uuid === "" || time === "" || watts === "") return null;
  const row = { time: Number(time), seq: Number(seq), hostname, gpuIndex: Number(gpu), uuid, watts: Number(watts) };
  if (!Number.isFinite(row.time) || !Number.isFinite(row.watts) || row.watts < 0) return null;
  return row;
}

function addRow(devices: Map<string, DeviceSamples>, row: Row): void {
  const key = `${row.hostname}/${row.gpuIndex}`;
  let device = devices.get(key);
  if (!device) {
    device = { hostname: row.hostname, gpuIndex: row.gpuIndex, uuids: [], times: [], watts: [], seqs: [] };
    devices.set(key, device);
  }
  if (!device.uuids.includes(row.uuid)) device.uuids.push(row.uuid);
  device.times.push(row.time);
  device.watts.push(row.watts);
  device.seqs.push(row.seq);
}

/** Put a device's samples in scrape order; true when time then runs backwards somewhere. */
function orderDevice(device: DeviceSamples): boolean {
  const order = device.seqs.map((_, i) => i).sort((a, b) => device.seqs[a] - device.seqs[b]);
  const pick = <T,>(list: T[]) => order.map((i) => list[i]);
  device.times = pick(device.times);
  device.watts = pick(device.watts);
  device.seqs = pick(device.seqs);
  const backwards = device.times.some((time, i) => i > 0 && time < device.times[i - 1]);
  if (backwards) {
    // Integration needs time order; keep every sample but read them as the clock says.
    const byTime = device.times.map((_, i) => i).sort((a, b) => device.times[a] - device.times[b]);
    const pickTime = <T,>(list: T[]) => byTime.map((i) => list[i]);
    device.times = pickTime(device.times);
    device.watts = pickTime(device.watts);
    device.seqs = pickTime(device.seqs);
  }
  return backwards;
}

/** Parse the whole `samples.csv` text. */
export function parsePowerSamples(text: string): PowerSamples {
  const out: PowerSamples = { devices: new Map(), rows: 0, malformedRows: 0, malformedLines: [], duplicateRows: 0, nonMonotonicDevices: 0, fatal: null };
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== POWER_SAMPLES_HEADER) {
    out.fatal = text.trim() === "" ? "samples.csv is empty" : `samples.csv header is not "${POWER_SAMPLES_HEADER}"`;
    return out;
  }
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const row = parseRow(lines[i]);
    if (!row) {
      out.malformedRows++;
      if (out.malformedLines.length < 5) out.malformedLines.push(i + 1);
      continue;
    }
    const key = `${row.seq}\0${row.hostname}\0${row.gpuIndex}`;
    if (seen.has(key)) {
      out.duplicateRows++;
      continue;
    }
    seen.add(key);
    out.rows++;
    addRow(out.devices, row);
  }
  for (const device of out.devices.values()) if (orderDevice(device)) out.nonMonotonicDevices++;
  return out;
}

/** The counted problems as warnings a person can act on; empty when the file was clean. */
export function powerSampleWarnings(samples: PowerSamples): string[] {
  if (samples.fatal) return [`power: ${samples.fatal}; no energy figures`];
  const warnings: string[] = [];
  if (samples.malformedRows > 0) warnings.push(`power: ${samples.malformedRows} malformed row(s) in samples.csv skipped (line ${samples.malformedLines.join(", ")}${samples.malformedRows > samples.malformedLines.length ? ", …" : ""})`);
  if (samples.duplicateRows > 0) warnings.push(`power: ${samples.duplicateRows} duplicate sample row(s) in samples.csv skipped (same scrape_seq, hostname, gpu_index)`);
  if (samples.nonMonotonicDevices > 0) warnings.push(`power: timestamps go backwards in scrape order on ${samples.nonMonotonicDevices} GPU(s); their samples were read in time order`);
  return warnings;
}
