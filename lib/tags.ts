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
