const fixed2 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });
const grouped0 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** `12.35`; "N/A" for a missing number (the Streamlit dashboard's spelling). */
export function fmt2(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "N/A" : fixed2.format(value);
}

/** `15,235` for big throughputs. */
export function fmtInt(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "N/A" : grouped0.format(value);
}

/** A % change with its sign and one decimal: `+84.7%`, `-20.0%`; "N/A" when it cannot be computed. */
export function fmtPercent(pct: number | null): string {
  if (pct === null || !Number.isFinite(pct)) return "N/A";
  const rounded = Math.round(pct * 10) / 10;
  return `${rounded >= 0 ? "+" : ""}${rounded.toFixed(1)}%`;
}
