import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { BENCH_PARSER_VERSION } from "./bench-cache";
import { cacheCandidates, writeCacheFile } from "./cache-dir";
import type { RunLoad } from "./load-run";
import { writeFileAtomic } from "./parquet";

/**
 * One index cache per logs directory, `<logs>/.cache/run-index.json`: every run's load (or skip reason)
 * with the stamp (paths, sizes, mtimes) of the files it came from. A warm start reads this one file and
 * stats each run's files, instead of opening 1,000 Parquet footers and re-validating 1,000 metadata
 * files. A run whose stamp differs is loaded again as before; the per-run Parquet caches stay (they
 * are what pandas users read), this only sits in front of them.
 *
 * Bump when what a load yields changes without its files changing: a metadata or result parser change
 * (BENCH_PARSER_VERSION is folded in), or a new field on Run.
 */
export const RUN_INDEX_VERSION = `3/${BENCH_PARSER_VERSION}`;
export const RUN_INDEX_FILE = "run-index.json";

export interface IndexedLoad {
  stamp: string;
  load: RunLoad;
}

interface IndexFile {
  version: string;
  /** JSON has no Infinity or NaN: where they were, by entry name and path of keys. */
  nonFinite: [string, (string | number)[], string][];
  entries: Record<string, IndexedLoad>;
}

/** Replace non-finite numbers (sa-bench's unlimited request rate is Infinity) by null, noting where. */
function collectNonFinite(value: unknown, keys: (string | number)[], out: [(string | number)[], string][]): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) out.push([[...keys], String(value)]);
    return;
  }
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) value.forEach((item, i) => collectNonFinite(item, [...keys, i], out));
  else for (const [key, item] of Object.entries(value)) collectNonFinite(item, [...keys, key], out);
}

function restore(target: Record<string, unknown>, keys: (string | number)[], text: string): void {
  let node: unknown = target;
  for (const key of keys.slice(0, -1)) node = (node as Record<string | number, unknown> | null)?.[key];
  if (node && typeof node === "object") (node as Record<string | number, unknown>)[keys[keys.length - 1]] = Number(text);
}

/** Serialise the index; non-finite numbers are listed apart so reading needs no per-key reviver. */
export function encodeRunIndex(entries: ReadonlyMap<string, IndexedLoad>): string {
  const file: IndexFile = { version: RUN_INDEX_VERSION, nonFinite: [], entries: {} };
  for (const [name, entry] of entries) {
    const found: [(string | number)[], string][] = [];
    collectNonFinite(entry.load, [], found);
    for (const [keys, text] of found) file.nonFinite.push([name, keys, text]);
    file.entries[name] = entry;
  }
  return JSON.stringify(file);
}

/** The entries of an index written by this version, or null (missing, damaged, other version: load as if cold). */
export function decodeRunIndex(text: string): Map<string, IndexedLoad> | null {
  let file: IndexFile;
  try {
    file = JSON.parse(text) as IndexFile;
  } catch {
    return null;
  }
  if (file?.version !== RUN_INDEX_VERSION || typeof file.entries !== "object" || !Array.isArray(file.nonFinite)) return null;
  for (const [name, keys, value] of file.nonFinite) {
    const entry = file.entries[name];
    if (entry) restore(entry.load as unknown as Record<string, unknown>, keys, value);
  }
  const entries = new Map<string, IndexedLoad>();
  for (const [name, entry] of Object.entries(file.entries)) {
    if (typeof entry?.stamp === "string" && typeof entry.load?.ok === "boolean") entries.set(name, entry);
  }
  return entries;
}

/** The index of a logs dir from its own `.cache/`, else the per-user cache dir; empty when there is none. */
export function readRunIndex(logsDir: string): Map<string, IndexedLoad> {
  for (const file of cacheCandidates(logsDir, RUN_INDEX_FILE)) {
    let text: string;
    try {
      text = readFileSync(/*turbopackIgnore: true*/ file, "utf8");
    } catch {
      continue;
    }
    const entries = decodeRunIndex(text);
    if (entries) return entries;
  }
  return new Map();
}

/** Write the index atomically (inside the logs dir, or the per-user cache dir when that is refused). */
export async function writeRunIndex(logsDir: string, entries: ReadonlyMap<string, IndexedLoad>): Promise<void> {
  const body = encodeRunIndex(entries);
  await writeCacheFile(logsDir, RUN_INDEX_FILE, (file) => writeFileAtomic(file, body), { root: path.resolve(logsDir) });
}
