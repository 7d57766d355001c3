import type { BenchPoint } from "./model";

/** Output TPS/User = 1000 / Mean TPOT (ms): the streaming speed one user sees. */
export function outputTpsPerUser(point: Pick<BenchPoint, "meanTpotMs">): number | null {
  const tpot = point.meanTpotMs;
  return tpot !== null && tpot > 0 ? 1000 / tpot : null;
}

/** A throughput divided by the run's GPU count; null when either is unknown. */
export function perGpu(value: number | null, totalGpus: number | null): number | null {
  return value !== null && totalGpus !== null && totalGpus > 0 ? value / totalGpus : null;
}
