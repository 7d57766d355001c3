/**
 * A tiny scanner over JSON text that finds where the members of the top-level object sit, so a value
 * can be replaced without re-serialising the rest (JSON.parse + stringify would turn
 * 12345678901234567890 into 12345678901234567000, 1.0 into 1 and drop duplicate keys). The text must
 * already be valid JSON; the scanner trusts that.
 */
export interface JsonMember {
  /** The key, decoded (`"t\u0061gs"` is "tags"). */
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

export interface TopLevelObject {
  open: number;
  close: number;
  members: JsonMember[];
}

const WS = new Set([" ", "\t", "\n", "\r"]);

function skipWs(text: string, i: number): number {
  while (i < text.length && WS.has(text[i])) i++;
  return i;
}

/** Index just past the string token starting at `i` (a quote). */
function skipString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i + 1;
  }
  return i;
}

/** Index just past the value starting at `i`: a string, an object/array (nesting counted) or a scalar. */
function skipValue(text: string, i: number): number {
  if (text[i] === '"') return skipString(text, i);
  if (text[i] !== "{" && text[i] !== "[") {
    while (i < text.length && !WS.has(text[i]) && text[i] !== "," && text[i] !== "}" && text[i] !== "]") i++;
    return i;
  }
  let depth = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i = skipString(text, i);
      continue;
    }
    if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    i++;
    if (depth === 0) return i;
  }
  return i;
}

/** The members of the top-level object of valid JSON `text`, in file order (duplicates included). */
export function topLevelMembers(text: string): TopLevelObject {
  const open = skipWs(text, 0);
  if (text[open] !== "{") throw new Error("metadata is not a JSON object");
  const members: JsonMember[] = [];
  let i = skipWs(text, open + 1);
  while (text[i] !== "}") {
    const keyStart = i;
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(keyStart, keyEnd)) as string;
    const valueStart = skipWs(text, skipWs(text, keyEnd) + 1);
    const valueEnd = skipValue(text, valueStart);
    members.push({ key, keyStart, valueStart, valueEnd });
    i = skipWs(text, valueEnd);
    if (text[i] === ",") i = skipWs(text, i + 1);
  }
  return { open, close: i, members };
}

/** JSON.parse's complaint about `text`: none, or where it says it is (null when V8 does not say). */
function parseFailure(text: string): { at: number | null } | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = (error as Error).message;
    if (/Unexpected end of JSON input/.test(message)) return { at: text.length };
    const position = /at position (\d+)/.exec(message);
    return { at: position ? Number(position[1]) : null };
  }
}

/**
 * Where JSON.parse first fails on `text`, or null if it parses. V8 names the position only for some
 * errors, so otherwise find it as the longest prefix that still reads as the start of a JSON value.
 */
export function jsonErrorPosition(text: string): number | null {
  const failure = parseFailure(text);
  if (!failure || failure.at !== null) return failure?.at ?? null;
  const failsInside = (length: number) => {
    const f = parseFailure(text.slice(0, length));
    return f !== null && (f.at === null || f.at < length);
  };
  let ok = 0;
  let bad = text.length;
  // Invariant: the prefix of length `ok` is a fine start, the one of length `bad` is not.
  while (bad - ok > 1) {
    const mid = (ok + bad) >> 1;
    if (failsInside(mid)) bad = mid;
    else ok = mid;
  }
  return ok;
}

/** Where and why `text` is not JSON, for a message: `unexpected "}" at position 8`, `unexpected end at position 9`. */
export function describeJsonError(text: string): string {
  const at = jsonErrorPosition(text) ?? 0;
  return at >= text.length ? `unexpected end at position ${at}` : `unexpected ${JSON.stringify(text[at])} at position ${at}`;
}
