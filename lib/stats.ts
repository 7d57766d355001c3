/** The latency statistics results carry and the dashboard offers: mean, median and p99. */
export const LATENCY_STATS = ["mean", "median", "p99"] as const;
export type LatencyStat = (typeof LATENCY_STATS)[number];
