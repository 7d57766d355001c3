import type { RunMetadata } from "./model";

/**
 * Total GPUs of a run: per-role GPU counts × workers when srtctl gives them for every role that has
 * workers (workers may share nodes, e.g. `decode_nodes: 0, decode_workers: 2`), else nodes × GPUs per
 * node. Partial per-role counts are not summed: that would undercount and inflate TPS/GPU.
 */
export function totalGpusOf(m: RunMetadata): number | null {
  const roles: [number | null, number | null][] = [
    [m.gpusPerPrefill, m.prefillWorkers],
    [m.gpusPerDecode, m.decodeWorkers],
    [m.gpusPerAgg, m.aggWorkers],
  ];
  const staffed = roles.filter(([, workers]) => (workers ?? 0) > 0);
  if (staffed.length > 0 && staffed.every(([perWorker]) => perWorker !== null)) {
    return staffed.reduce((sum, [perWorker, workers]) => sum + perWorker! * workers!, 0);
  }
  const nodes = (m.prefillNodes ?? 0) + (m.decodeNodes ?? 0) + (m.aggNodes ?? 0);
  if (m.gpusPerNode === null || nodes === 0) return null;
  return nodes * m.gpusPerNode;
}

/** `1P/4D` for disaggregated runs, `8A` for aggregated ones (workers, falling back to nodes). */
export function topologyLabel(m: RunMetadata): string {
  if (m.mode === "aggregated") return `${m.aggWorkers ?? m.aggNodes ?? "?"}A`;
  return `${m.prefillWorkers ?? m.prefillNodes ?? "?"}P/${m.decodeWorkers ?? m.decodeNodes ?? "?"}D`;
}
