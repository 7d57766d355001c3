import { mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { forgetListings, sortedNames } from "@/lib/server/dir-listing";
import { findNodeFiles } from "@/lib/server/node-files";
import { tempDir } from "../../../helpers/temp-dir";

// Listings reused while a directory's mtime stays put (lib/server/dir-listing.ts): what run health and
// node metrics read worker logs through.
const HOUR_AGO = new Date(Date.now() - 3600_000);

async function dirWith(...names: string[]): Promise<string> {
  const dir = path.join(await tempDir(), "logs");
  mkdirSync(dir);
  for (const name of names) writeFileSync(path.join(dir, name), name);
  return dir;
}

describe("sortedNames", () => {
  it("lists names sorted; a missing path or a file is an empty listing", async () => {
    const dir = await dirWith("b.out", "a.err", "c");
    expect(sortedNames(dir)).toEqual(["a.err", "b.out", "c"]);
    expect(sortedNames(path.join(dir, "nope"))).toEqual([]);
    expect(sortedNames(path.join(dir, "c"))).toEqual([]);
  });

  it("reuses a settled listing while the mtime is unchanged (shown by slipping a file in and putting the mtime back) until forgetListings() (Sync Now)", async () => {
    const dir = await dirWith("a.out");
    utimesSync(dir, HOUR_AGO, HOUR_AGO);
    expect(sortedNames(dir)).toEqual(["a.out"]);
    writeFileSync(path.join(dir, "b.out"), "");
    utimesSync(dir, HOUR_AGO, HOUR_AGO);
    expect(sortedNames(dir)).toEqual(["a.out"]);
    forgetListings();
    expect(sortedNames(dir)).toEqual(["a.out", "b.out"]);
    // The ordinary way, the mtime moves and the new file is seen; a removal likewise.
    writeFileSync(path.join(dir, "c.out"), "");
    expect(sortedNames(dir)).toEqual(["a.out", "b.out", "c.out"]);
    rmSync(path.join(dir, "a.out"));
    expect(sortedNames(dir)).toEqual(["b.out", "c.out"]);
  });

  it("lists again a directory changed within 2 s of its listing, whatever its mtime says", async () => {
    const dir = await dirWith("a.out");
    const recent = new Date(Date.now() - 500);
    utimesSync(dir, recent, recent);
    expect(sortedNames(dir)).toEqual(["a.out"]);
    writeFileSync(path.join(dir, "b.out"), "");
    utimesSync(dir, recent, recent);
    expect(sortedNames(dir)).toEqual(["a.out", "b.out"]);
  });

  it("a worker log added to a finished run's logs/ reaches findNodeFiles", async () => {
    const logs = await dirWith("node1_prefill_w0.out");
    const run = path.dirname(logs);
    for (const dir of [run, logs]) utimesSync(dir, HOUR_AGO, HOUR_AGO);
    expect(findNodeFiles(run).workers.map((w) => w.workerType)).toEqual(["prefill"]);
    writeFileSync(path.join(logs, "node2_decode_w0.out"), "");
    expect(findNodeFiles(run).workers.map((w) => w.workerType).sort()).toEqual(["decode", "prefill"]);
  });
});
