import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temp directory, removed after the test file. */
export async function tempDir(prefix = "srtlog-"): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A copy of a fixture directory in a temp dir, so caches and tag edits never touch the repo. */
export async function copyFixture(relative: string): Promise<string> {
  const dir = await tempDir();
  const target = path.join(dir, path.basename(relative));
  await cp(path.join(process.cwd(), relative), target, { recursive: true });
  return target;
}
