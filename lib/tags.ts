import { topLevelMembers } from "./json-members";

/** Tags as stored: trimmed, non-empty, each once, in the order given. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const clean = tag.trim();
    if (clean !== "") seen.add(clean);
  }
  return [...seen];
}

/** The indentation of the first key when the object spreads over lines ("" when it is on one line). */
function indentOf(text: string, open: number, firstKey: number | undefined): string {
  if (firstKey === undefined) return "";
  const between = text.slice(open + 1, firstKey);
  const newline = between.lastIndexOf("\n");
  return newline < 0 ? "" : between.slice(newline + 1);
}

/**
 * `<jobid>.json` text with only its `tags` value replaced: every other byte stays as written (big
 * integers, `1.0`, escapes, duplicate keys, spacing). With duplicate `tags` keys the last one, the one
 * JSON.parse reads, is replaced. Without `tags`, the key is added last in the file's own layout.
 */
export function withTags(text: string, tags: readonly string[]): string {
  const value = JSON.parse(text) as unknown;
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("metadata is not a JSON object");
  const { open, close, members } = topLevelMembers(text);
  const indent = indentOf(text, open, members[0]?.keyStart);
  const list = normaliseTags(tags);
  const rendered = indent && list.length > 0 ? JSON.stringify(list, null, indent).replaceAll("\n", `\n${indent}`) : `[${list.map((tag) => JSON.stringify(tag)).join(", ")}]`;
  const existing = members.findLast((member) => member.key === "tags");
  if (existing) return text.slice(0, existing.valueStart) + rendered + text.slice(existing.valueEnd);
  const last = members.at(-1);
  if (!last) return `${text.slice(0, open + 1)}"tags": ${rendered}${text.slice(close)}`;
  const separator = indent ? `,\n${indent}` : ", ";
  return `${text.slice(0, last.valueEnd)}${separator}"tags": ${rendered}${text.slice(last.valueEnd)}`;
}

/** The longest tag the tags route accepts (its zod schema counts UTF-16 units, as `.length` does). */
export const MAX_TAG_LENGTH = 100;

/** What the tag editor says about a tag being typed: its length against the limit, and why it may be awkward. */
export interface TagDraftCheck {
  /** Length of the tag as it would be saved (trimmed). */
  length: number;
  tooLong: boolean;
  warnings: string[];
}

/**
 * Check a tag as the user types it, so nothing is cut silently: the counter shows the length against
 * MAX_TAG_LENGTH, and commas or spaces are flagged because `srtlog runs` joins tags with commas and a
 * shell splits `--tag two words` in two.
 */
export function checkTagDraft(text: string): TagDraftCheck {
  const tag = text.trim();
  const warnings: string[] = [];
  if (tag.includes(",")) warnings.push("Contains a comma: `srtlog runs` lists tags comma-separated, so this tag will read as several.");
  if (/\s/.test(tag)) warnings.push("Contains a space: quote it on the command line (`--tag \"" + tag.replace(/"/g, '\\"') + "\"`).");
  return { length: tag.length, tooLong: tag.length > MAX_TAG_LENGTH, warnings };
}
