import { fmtInt } from "@/lib/charts/format";
import type { DownsampleStats } from "@/lib/node-view";

/** Says that long lines were thinned for drawing, how, and where the full data is. */
export function DownsampleNote({ stats }: { stats: DownsampleStats }) {
  if (stats.downsampled === 0) return null;
  return (
    <p className="text-xs text-slate-500" data-testid="downsample-note">
      Downsampled for display: {stats.downsampled} of {stats.lines} lines had more than {fmtInt(stats.budget)} points (up to {fmtInt(stats.largest)} seconds); each keeps the lowest and highest value of every time
      slice, so peaks and dips stay visible. The full data is in each run&apos;s <code>.cache/node_metrics.parquet</code>.
    </p>
  );
}
