// Timestamp formats used across srt-slurm outputs; all computed in UTC from fixed epochs (never the wall clock).

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

function parts(epochSec: number) {
  const d = new Date(Math.floor(epochSec) * 1000);
  return {
    y: d.getUTCFullYear(),
    mo: pad(d.getUTCMonth() + 1),
    d: pad(d.getUTCDate()),
    h: pad(d.getUTCHours()),
    mi: pad(d.getUTCMinutes()),
    s: pad(d.getUTCSeconds()),
  };
}

/** "2025-11-10 19:21:45" (SGLang log prefix, metadata generated_at). */
export function formatLogTime(epochSec: number): string {
  const p = parts(epochSec);
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}:${p.s}`;
}

/** "20251110_192145" (v1 run_date, legacy dir suffix) or "20251110-192145" (sa-bench result date). */
export function formatCompactTime(epochSec: number, sep: "_" | "-"): string {
  const p = parts(epochSec);
  return `${p.y}${p.mo}${p.d}${sep}${p.h}${p.mi}${p.s}`;
}

/** "2025-12-29T15:45:13.123456Z" (dynamo/Rust tracing lines). */
export function formatIsoMicros(epochSec: number): string {
  const p = parts(epochSec);
  const micros = Math.floor((epochSec - Math.floor(epochSec)) * 1e6);
  return `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}:${p.s}.${pad(micros, 6)}Z`;
}

/** Epoch seconds for a UTC wall time, so specs can be written readably. */
export function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  return Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
}
