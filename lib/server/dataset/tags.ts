import "server-only";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { normaliseTags } from "../../tags";
import { writeFileAtomic } from "../parquet";
import { assertWriteTarget } from "../safe-path";
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

/** The tag table, empty when there is none; an unreadable one is reported and read as empty. */
export function readTagTable(dataset: string, warn: (message: string) => void = () => {}): TagTable {
  const file = path.join(dataset, TAGS_FILE);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return EMPTY;
  }
  try {
    const table = JSON.parse(text) as TagTable;
    if (typeof table.runs !== "object" || table.runs === null) throw new Error("no runs object");
    return table;
  } catch (error) {
    warn(`${file} is not a valid tag table (${(error as Error).message}); tags edited on ingested runs are not shown`);
    return EMPTY;
  }
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
    const table = readTagTable(dataset);
    const tags = normaliseTags(edit([...(table.runs[runKey]?.tags ?? current)]));
    const next: TagTable = { schemaVersion: 1, runs: { ...table.runs, [runKey]: { tags, editedAt: new Date().toISOString() } } };
    await writeFileAtomic(file, JSON.stringify(next, null, 1) + "\n");
    return tags;
  });
}
