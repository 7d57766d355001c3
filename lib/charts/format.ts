const fixed2 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });
const grouped0 = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/**
 * `12.35`; "N/A" for a missing number (the Streamlit dashboard's spelling). Every hover line of the
 * Pareto chart calls this (about 30,000 calls for 1,000 runs, while the page hydrates), so it rounds the
 * shortest decimal text of the number itself, half away from zero, as the Intl format does, at a
 * fraction of its cost; Intl writes what that cannot (exponents, more than 13 integer digits).
 */
export function fmt2(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "N/A";
  return fixed2Fast(value) ?? fixed2.format(value);
}

function fixed2Fast(value: number): string | null {
  // Away from a tie, rounding the scaled value is rounding the decimal text (below): only values whose
  // hundredths sit near .5 (where 1.005 * 100 = 100.49999999999999) need the text. "Near" grows with
  // the value: the decimal text and the product each stray up to half an ulp, together up to
  // scaled * 2^-52 (8443860.405 * 100 = 844386040.4999999), so a fixed 1e-7 failed past ~4e6.
  // Turning the number into text was most of the 40,000 hover numbers of a 1,000-run chart.
  const scaled = Math.abs(value) * 100;
  const frac = scaled - Math.floor(scaled);
  if (scaled < 1e13 && Math.abs(frac - 0.5) > 1e-7 + scaled * 1e-15 && !Object.is(value, -0)) {
    const cents = Math.round(scaled);
    const rest = cents % 100;
    return `${value < 0 ? "-" : ""}${(cents - rest) / 100}.${rest < 10 ? "0" : ""}${rest}`;
  }
  return fixed2Text(value);
}

function fixed2Text(value: number): string | null {
  const text = String(Math.abs(value));
  if (text.includes("e") || Object.is(value, -0)) return null;
  const dot = text.indexOf(".");
  const int = dot < 0 ? text : text.slice(0, dot);
  const frac = dot < 0 ? "" : text.slice(dot + 1);
  if (int.length > 13) return null;
  const sign = value < 0 ? "-" : "";
  if (frac.length <= 2) return `${sign}${int}.${frac.padEnd(2, "0")}`;
  const cents = Number(int + frac.slice(0, 2)) + (frac.charCodeAt(2) >= 53 /* "5" */ ? 1 : 0);
  return `${sign}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
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
