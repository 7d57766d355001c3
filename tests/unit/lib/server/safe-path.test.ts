import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assertWriteTarget, checkWriteTarget, resolveWriteTarget } from "@/lib/server/safe-path";
import { tempDir } from "../../../helpers/temp-dir";

describe("where a write lands", () => {
  it("follows links in the existing part and keeps the missing rest", async () => {
    const base = await tempDir();
    await mkdir(path.join(base, "real"));
    await symlink(path.join(base, "real"), path.join(base, "link"));
    expect(resolveWriteTarget(path.join(base, "link", "new", "file.json"))).toBe(path.join(base, "real", "new", "file.json"));
  });

  it("follows a dangling link too: writing it would create the file at the far end", async () => {
    const base = await tempDir();
    await symlink(path.join(base, "elsewhere", "x.json"), path.join(base, "dangling.json"));
    expect(resolveWriteTarget(path.join(base, "dangling.json"))).toBe(path.join(base, "elsewhere", "x.json"));
  });

  it("allows what stays inside the logs dir, refuses what leaves it, naming both paths", async () => {
    const base = await tempDir();
    const logs = path.join(base, "logs");
    await mkdir(path.join(logs, "1_run"), { recursive: true });
    await mkdir(path.join(base, "out"));
    await writeFile(path.join(logs, "1_run", "1.json"), "{}");
    await symlink(path.join(base, "out"), path.join(logs, "1_run", ".cache"));
    await symlink("../1_run/1.json", path.join(logs, "1_run", "alias.json"));
    expect(checkWriteTarget(logs, path.join(logs, "1_run", "alias.json"))).toEqual({ ok: true, real: path.join(logs, "1_run", "1.json") });
    const target = path.join(logs, "1_run", ".cache", "a.parquet");
    expect(() => assertWriteTarget(logs, target)).toThrow(
      `Refused to write ${target} (it resolves to ${base}/out/a.parquet): outside the logs directory ${logs}`,
    );
    // A sibling whose name starts like the logs dir is not inside it.
    await mkdir(path.join(base, "logs-other"));
    expect(checkWriteTarget(logs, path.join(base, "logs-other", "x")).ok).toBe(false);
  });
});
