/** Tags as stored: trimmed, non-empty, each once, in the order given. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    const clean = tag.trim();
    if (clean !== "") seen.add(clean);
  }
  return [...seen];
}

/**
 * `<jobid>.json` text with its `tags` replaced: every other key stays, in its order; `tags` keeps its
 * place or goes last; 2-space indent; a final newline only if the original had one.
 */
export function withTags(text: string, tags: readonly string[]): string {
  const value = JSON.parse(text) as unknown;
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("metadata is not a JSON object");
  const updated = { ...(value as Record<string, unknown>), tags: normaliseTags(tags) };
  return JSON.stringify(updated, null, 2) + (text.endsWith("\n") ? "\n" : "");
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
