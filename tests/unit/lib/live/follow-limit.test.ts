import { describe, expect, it } from "vitest";
import { followedRuns, MAX_FOLLOWED_RUNS } from "@/lib/live/follow-limit";

describe("followedRuns", () => {
  it("follows every running run up to the limit, in the order given (newest first)", () => {
    expect(followedRuns(["a", "b", "c"], 2)).toEqual({ followed: ["a", "b"], notFollowed: 1 });
    expect(followedRuns(["a"], 2)).toEqual({ followed: ["a"], notFollowed: 0 });
  });

  it("700 running runs: one stream URL of at most 32 runs, short enough for any server", () => {
    const runs = Array.from({ length: 700 }, (_, i) => `${70000 + i}_1P_4D_20251110_192145`);
    const { followed, notFollowed } = followedRuns(runs);
    expect([followed.length, notFollowed]).toEqual([32, 668]);
    const query = new URLSearchParams(followed.map((run) => ["run", run])).toString();
    // Node's default request-header limit is 16 KiB for the whole request line and headers.
    expect(query.length).toBeLessThan(4096);
    expect(MAX_FOLLOWED_RUNS).toBe(32);
  });
});
