/** What spreadsheet apps read as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. Text that
 * a spreadsheet would run as a formula gets a leading `'`; numbers are never touched, so pandas still
 * reads numeric columns as floats.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "";
    if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
    return String(value);
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 text: header line, one line per record, CRLF line breaks. */
export function toCsv<K extends string>(columns: readonly K[], records: readonly Record<K, string | number | null>[]): string {
  const lines = [columns.map(csvField).join(",")];
  for (const record of records) lines.push(columns.map((column) => csvField(record[column])).join(","));
  return lines.join("\r\n") + "\r\n";
}
