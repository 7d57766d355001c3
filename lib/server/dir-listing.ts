import "server-only";
import { readdirSync, statSync } from "node:fs";
import { processState } from "./process-state";

/**
 * How long after a listing a directory's mtime must stay put before an unchanged mtime is trusted to
 * mean an unchanged listing: file systems with coarse timestamps (1 s on some) would let an entry
 * added in the same tick as the listing go unseen.
 */
export const MTIME_TICK_MS = 2000;

/** Whether a listing made at `listedAtMs` of a directory whose mtime was `mtimeMs` stands while that mtime does. */
export const listingSettled = (mtimeMs: number, listedAtMs: number): boolean => mtimeMs <= listedAtMs - MTIME_TICK_MS;

interface Listing {
  mtimeMs: number;
  listedAtMs: number;
  names: string[];
}

/** Listings kept; past this many the memory is dropped and directories are listed afresh. */
const MAX_LISTINGS = 100_000;
const listings = processState("dir-listings", () => new Map<string, Listing>());

/**
 * The sorted names in `dir` ([] when it is not a readable directory). A directory whose mtime has not
 * moved since a settled listing has the same entries (adding, removing or renaming one changes its
 * mtime, locally and on NFS or Lustre), so a page stats it instead of listing it again: a warm
 * 1,000-run page listed 2,000 worker-log directories for run health alone.
 */
export function sortedNames(dir: string): string[] {
  let mtimeMs: number;
  try {
    const stat = statSync(/*turbopackIgnore: true*/ dir, { throwIfNoEntry: false });
    if (!stat?.isDirectory()) {
      listings.delete(dir);
      return [];
    }
    mtimeMs = stat.mtimeMs;
  } catch {
    return [];
  }
  const known = listings.get(dir);
  if (known && known.mtimeMs === mtimeMs && listingSettled(known.mtimeMs, known.listedAtMs)) return known.names;
  const listedAtMs = Date.now();
  let names: string[];
  try {
    names = readdirSync(/*turbopackIgnore: true*/ dir).sort();
  } catch {
    return [];
  }
  if (listings.size >= MAX_LISTINGS) listings.clear();
  listings.set(dir, { mtimeMs, listedAtMs, names });
  return names;
}

/** Forget every listing ("Sync Now"): each directory is listed again on its next use. */
export function forgetListings(): void {
  listings.clear();
}
