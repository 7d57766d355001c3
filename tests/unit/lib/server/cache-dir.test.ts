import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeCacheFile } from "@/lib/server/cache-dir";
import { tempDir } from "../../../helpers/temp-dir";

describe("writeCacheFile", () => {
  it("writes <run>/.cache/<file>, creating .cache", async () => {
    const run = path.join(await tempDir(), "4242");
    await mkdir(run);
    const written = await writeCacheFile(run, "x.json", (file) => writeFile(file, "{}"));
    expect(written).toBe(path.join(run, ".cache", "x.json"));
    expect(await readFile(written, "utf8")).toBe("{}");
  });

  it("a write for a run directory deleted meanwhile does not bring the directory back", async () => {
    const cacheHome = await tempDir();
    const previous = process.env.SRTLOG_CACHE_DIR;
    process.env.SRTLOG_CACHE_DIR = cacheHome;
    try {
      const run = path.join(await tempDir(), "4243");
      await mkdir(run);
      await rm(run, { recursive: true });
      const written = await writeCacheFile(run, "x.json", (file) => writeFile(file, "{}"));
      expect(existsSync(run)).toBe(false);
      expect(written.startsWith(cacheHome)).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.SRTLOG_CACHE_DIR;
      else process.env.SRTLOG_CACHE_DIR = previous;
    }
  });
});
