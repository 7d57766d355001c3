/** Removes `ESC [ ... letter` sequences (colour codes) from `s[start, end)`. */
export function stripAnsi(s: string, start: number, end: number): string {
  let out = "";
  let i = start;
  while (i < end) {
    const esc = s.indexOf("\x1b", i);
    if (esc < 0 || esc >= end) break;
    out += s.slice(i, esc);
    let j = esc + 1;
    if (s.charCodeAt(j) === 91) {
      j++;
      while (j < end && !(s.charCodeAt(j) >= 64 && s.charCodeAt(j) <= 126)) j++;
      j++;
    }
    i = j;
  }
  return out + s.slice(i, end);
}
