import { chmod, lstat, mkdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { editTagsFile } from "@/lib/server/tags-file";
import { tempDir } from "../../../helpers/temp-dir";

/** Tag writes without a server: the same checks the security suite drives over HTTP as nobody. */
async function logsWith(text: string): Promise<{ logs: string; file: string }> {
  const logs = path.join(await tempDir(), "logs");
  await mkdir(path.join(logs, "7_run"), { recursive: true });
  const file = path.join(logs, "7_run", "7.json");
  await writeFile(file, text);
  return { logs, file };
}

const add = (tag: string) => (current: string[]) => [...current, tag];

async function failure(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { status: (error as { status: number }).status, message: (error as Error).message };
  }
  throw new Error("expected a refusal");
}

describe("editTagsFile", () => {
  it("keeps the file's mode and every byte but the tags value", async () => {
    const text = '{"n": 12345678901234567890, "f": 1.0, "tags": ["a"]}\n';
    const { logs, file } = await logsWith(text);
    await chmod(file, 0o640);
    expect(await editTagsFile(logs, file, add("b"))).toEqual(["a", "b"]);
    expect(await readFile(file, "utf8")).toBe('{"n": 12345678901234567890, "f": 1.0, "tags": ["a", "b"]}\n');
    expect((await stat(file)).mode & 0o7777).toBe(0o640);
  });

  it("refuses a file without write permission bits, even for root", async () => {
    const { logs, file } = await logsWith('{"tags": []}');
    await chmod(file, 0o444);
    expect(await failure(editTagsFile(logs, file, add("b")))).toEqual({ status: 403, message: `Cannot save tags to ${file}: the file is read-only` });
    expect(await readFile(file, "utf8")).toBe('{"tags": []}');
  });

  it("writes through a link that stays inside, refuses one that leaves", async () => {
    const { logs, file } = await logsWith('{"tags": []}');
    const inside = path.join(logs, "7_run", "alias.json");
    await symlink("7.json", inside);
    await editTagsFile(logs, inside, add("x"));
    expect((await lstat(inside)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await readFile(file, "utf8")).tags).toEqual(["x"]);
    const far = path.join(path.dirname(logs), "far.json");
    await writeFile(far, '{"tags": []}');
    const outward = path.join(logs, "7_run", "out.json");
    await symlink(far, outward);
    expect(await failure(editTagsFile(logs, outward, add("x")))).toEqual({
      status: 403,
      message: `Refused to write ${outward} (it resolves to ${far}): outside the logs directory ${logs}`,
    });
    expect(await readFile(far, "utf8")).toBe('{"tags": []}');
  });

  it("a metadata file that is not JSON is 422 naming where it breaks", async () => {
    const { logs, file } = await logsWith('{"tags": [}');
    expect(await failure(editTagsFile(logs, file, add("b")))).toEqual({ status: 422, message: 'cannot read 7.json: not valid JSON (unexpected "}" at position 10)' });
  });
});
