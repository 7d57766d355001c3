// Python json.dump look-alike: sa-bench and srtctl are Python, so real files use ", "/": " separators,
// ensure_ascii escapes (\u00e9) and floats that always carry a "." or an exponent (1.0, 1e-05).

const NEEDS_ESCAPE = /[\\"\u0000-\u001f\u0080-\uffff]/;
const ESCAPE_ALL = /[\\"\u0000-\u001f\u0080-\uffff]/g;
const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/** A JSON string literal as Python's json.dumps(ensure_ascii=True) writes it. */
export function pyString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  const body = s.replace(ESCAPE_ALL, (ch) => {
    const short = SHORT_ESCAPES[ch];
    if (short) return short;
    return "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0");
  });
  return `"${body}"`;
}

/** A float as Python's repr() writes it. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  const abs = Math.abs(x);
  if (x !== 0 && (abs < 1e-4 || abs >= 1e16)) {
    const [mant, exp] = x.toExponential().split("e");
    const sign = exp.startsWith("-") ? "-" : "+";
    return `${mant}e${sign}${exp.replace(/^[+-]/, "").padStart(2, "0")}`;
  }
  const s = String(x);
  return Number.isInteger(x) ? `${s}.0` : s;
}

/** Marks a number that Python holds as a float even when it is integral (e.g. burstiness 1.0). */
export class PyFloat {
  constructor(readonly value: number) {}
}

export type PyValue = string | number | boolean | null | PyFloat | PyValue[] | { [key: string]: PyValue };

export interface DumpOptions {
  indent?: number;
  sortKeys?: boolean;
  /** separators=(",", ":") instead of the default (", ", ": "). */
  compact?: boolean;
}

/** json.dumps(value, indent=..., sort_keys=..., separators=...) for small documents. */
export function pyDumps(value: PyValue, opts: DumpOptions = {}): string {
  return dumpValue(value, opts, 0);
}

function dumpValue(v: PyValue, opts: DumpOptions, depth: number): string {
  if (v === null) return "null";
  if (v instanceof PyFloat) return pyFloat(v.value);
  if (typeof v === "string") return pyString(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : pyFloat(v);
  const entries = Array.isArray(v)
    ? v.map((item) => dumpValue(item, opts, depth + 1))
    : objectKeys(v, opts).map((k) => `${pyString(k)}${opts.compact ? ":" : ": "}${dumpValue(v[k], opts, depth + 1)}`);
  const [open, close] = Array.isArray(v) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) return open + close;
  if (opts.indent === undefined) return open + entries.join(opts.compact ? "," : ", ") + close;
  const pad = " ".repeat(opts.indent * (depth + 1));
  const closePad = " ".repeat(opts.indent * depth);
  return `${open}\n${pad}${entries.join(`,\n${pad}`)}\n${closePad}${close}`;
}

function objectKeys(o: { [key: string]: PyValue }, opts: DumpOptions): string[] {
  const keys = Object.keys(o);
  return opts.sortKeys ? keys.sort() : keys;
}
