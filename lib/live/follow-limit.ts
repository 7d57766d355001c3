/**
 * How many running runs one page follows. Every run is a `run=` in the event stream's URL, and servers
 * refuse long request lines (Node answers 431 past 16 KB, about 300 run names), so a page with hundreds of
 * running runs selected follows the first ones (the newest) and says how many it leaves out.
 */
export const MAX_FOLLOWED_RUNS = 32;

/** The runs a page follows live and how many running runs it leaves out. */
export function followedRuns<T>(running: readonly T[], max = MAX_FOLLOWED_RUNS): { followed: T[]; notFollowed: number } {
  return { followed: running.slice(0, max), notFollowed: Math.max(0, running.length - max) };
}
