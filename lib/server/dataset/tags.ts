import "server-only";
import { mkdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { normaliseTags } from "../../tags";
import { writeFileAtomic } from "../parquet";
import { SrtlogError } from "../../errors";
import { describeJsonError } from "../../json-members";
import { assertWriteTarget, isWithin } from "../safe-path";
import { withFileLock } from "../tags-file";

/**
 * The dataset's tag table, `<dataset>/tags/_tags.json`: tags edited on ingested runs, by run key. They
 * override the tags the run was ingested with, in the dashboard and in `srtlog query`'s `runs` view,
 * whether or not the run's source directory can still be written. (Leading "_": engines that
 * discover the Parquet tables skip it.)
 */
export interface TagTable {
  schemaVersion: 1;
  runs: Record<string, { tags: string[]; editedAt: string }>;
}

export const TAGS_FILE = path.join("tags", "_tags.json");

const EMPTY: TagTable = { schemaVersion: 1, runs: {} };

/** `raw`: the entries as written, kept by an edit (even ones this reader drops: an edit loses nothing). */
type Read = { ok: true; table: TagTable; dropped: string[]; raw: Record<string, unknown> } | { ok: false; message: string };

const isTags = (tags: unknown): tags is string[] => Array.isArray(tags) && tags.every((tag) => typeof tag === "string");

/**
 * The tag table as it is on disk. Missing: empty. Not JSON, no `runs` object, or a link leading out of
 * the dataset: not ok, with a message. An entry without a list of strings as tags is dropped (named in
 * `dropped`), the others kept.
 */
function readTable(dataset: string): Read {
  const file = path.join(dataset, TAGS_FILE);
  let text: string;
  try {
    // The table is the dataset's own: a link out of it is not followed (someone else may have written it).
    if (!isWithin(realpathSync(dataset), realpathSync(file))) return { ok: false, message: `${file} leads outside the dataset ${dataset}` };
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ok: true, table: { schemaVersion: 1, runs: Object.create(null) }, dropped: [], raw: {} };
    return { ok: false, message: `cannot read ${file}: ${(error as Error).message}` };
  }
  let value: { runs?: unknown };
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: `${file} is not valid JSON (${describeJsonError(text)})` };
  }
  if (typeof value?.runs !== "object" || value.runs === null || Array.isArray(value.runs)) return { ok: false, message: `${file} has no "runs" object` };
  // No prototype: a run key such as "__proto__" is just a key.
  const runs: TagTable["runs"] = Object.create(null);
  const dropped: string[] = [];
  for (const [key, entry] of Object.entries(value.runs as Record<string, { tags?: unknown; editedAt?: unknown }>)) {
    if (isTags(entry?.tags)) runs[key] = { tags: entry.tags, editedAt: String(entry.editedAt ?? "") };
    else dropped.push(key);
  }
  return { ok: true, table: { schemaVersion: 1, runs }, dropped, raw: value.runs as Record<string, unknown> };
}

/** The tag table, empty when there is none; an unreadable one is reported and read as empty. */
export function readTagTable(dataset: string, warn: (message: string) => void = () => {}): TagTable {
  const read = readTable(dataset);
  if (!read.ok) {
    warn(`${read.message}; tags edited on ingested runs are not shown`);
    return EMPTY;
  }
  if (read.dropped.length > 0) warn(`${path.join(dataset, TAGS_FILE)}: entries without a list of tags ignored (${read.dropped.join(", ")}); the runs show their ingested tags`);
  return read.table;
}

/** Stamp of the tag table (size and mtime): a change means the runs must be rebuilt. */
export function tagTableStamp(dataset: string): string {
  try {
    const info = statSync(path.join(dataset, TAGS_FILE));
    return `${info.size}:${info.mtimeMs}`;
  } catch {
    return "none";
  }
}

/**
 * Edit one run's tags in the tag table: a locked read-modify-write, then an atomic rename, so two
 * edits at once both land and a reader never sees half a file. `current` are the run's tags now.
 */
export async function editDatasetTags(dataset: string, runKey: string, current: readonly string[], edit: (tags: string[]) => string[]): Promise<string[]> {
  const file = path.join(dataset, TAGS_FILE);
  mkdirSync(path.dirname(assertWriteTarget(dataset, file)), { recursive: true });
  return withFileLock(assertWriteTarget(dataset, file), async () => {
    const read = readTable(dataset);
    // Rewriting a table we cannot read would lose every other run's edits: refuse, naming the file.
    if (!read.ok) throw new SrtlogError("unreadable", `Tags not saved: ${read.message}; fix or remove it, then edit again`);
    const tags = normaliseTags(edit([...(read.table.runs[runKey]?.tags ?? current)]));
    const next = { schemaVersion: 1, runs: { ...read.raw, [runKey]: { tags, editedAt: new Date().toISOString() } } };
    await writeFileAtomic(file, JSON.stringify(next, null, 1) + "\n");
    return tags;
  });
}
