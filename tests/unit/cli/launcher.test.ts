import { spawnSync } from "node:child_process";
import { cp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateWorkerLogs } from "../../../scripts/bench/generate-worker-logs";
import { copyFixture, tempDir } from "../../helpers/temp-dir";

/** Run a launcher (this checkout's unless `root` is given) as a whole process, in `cwd`. */
function srtlog(args: string[], env: Record<string, string> = {}, root = process.cwd(), cwd = process.cwd()) {
  const result = spawnSync(process.execPath, [path.join(root, "bin/srtlog.mjs"), ...args], { cwd, encoding: "utf8", env: { ...process.env, SRTLOG_LOGS_DIR: "", ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Remove every run's .cache, so the next load parses again. */
async function removeCaches(logs: string): Promise<void> {
  for (const entry of await readdir(logs, { withFileTypes: true, recursive: true })) {
    if (entry.isDirectory() && entry.name === ".cache") await rm(path.join(entry.parentPath, entry.name), { recursive: true, force: true });
  }
}

describe("bin/srtlog.mjs runs the bundle", () => {
  for (const fixture of ["broken-and-skipped", "current-v2-logs-layout", "legacy-v1-disagg", "result-variants"]) {
    it(`${fixture}: runs --json from dist/srtlog.mjs equals the tsx path's`, async () => {
      const logs = await copyFixture(`tests/fixtures/loader/${fixture}/logs`);
      const bundled = srtlog(["runs", "--logs", logs, "--json"]);
      // No note on stderr: the current bundle ran, not the sources (tests/global-setup.ts rebuilt it).
      expect(bundled.stderr).toBe("");
      expect(bundled.code).toBe(0);
      await removeCaches(logs);
      const fromSources = srtlog(["runs", "--logs", logs, "--json"], { SRTLOG_CLI_BUNDLE: "0" });
      expect(fromSources.stderr).toBe("");
      expect(fromSources.code).toBe(0);
      expect(JSON.parse(bundled.stdout).runs.length).toBeGreaterThan(0);
      expect(bundled.stdout).toBe(fromSources.stdout);
    });
  }

  it("nodes --json parses worker logs on worker threads from the bundle, as the tsx path does", async () => {
    const run = path.join(await tempDir(), "run");
    await generateWorkerLogs(run, { workers: 4, linesPerWorker: 2000 });
    // Threads even for a few MB; a thread bundles its code into SRTLOG_WORKER_CACHE, which shows one ran.
    const workerCache = await tempDir();
    const threads = { SRTLOG_THREADS: "always", SRTLOG_WORKER_CACHE: workerCache };
    const bundled = srtlog(["nodes", run, "--json", "--no-cache"], threads, process.cwd(), await tempDir());
    expect(bundled.stderr).toBe("");
    expect(bundled.code).toBe(0);
    expect(await readdir(workerCache)).toContain("parse.mjs");
    const fromSources = srtlog(["nodes", run, "--json", "--no-cache"], { ...threads, SRTLOG_CLI_BUNDLE: "0" });
    expect(fromSources.code).toBe(0);
    const nodes = JSON.parse(bundled.stdout).nodes as { prefillBatches: number; decodeBatches: number }[];
    expect(nodes).toHaveLength(4);
    expect(nodes.every((node) => node.prefillBatches + node.decodeBatches > 0)).toBe(true);
    expect(bundled.stdout).toBe(fromSources.stdout);
  });
});

/** A copy of the CLI's part of this checkout, file times kept, sharing node_modules. */
async function projectCopy(): Promise<string> {
  const root = await tempDir("srtlog-launcher-");
  for (const part of ["bin", "cli", "lib", "parsers", "dist", "scripts/build-cli.mjs", "package.json"]) {
    await cp(part, path.join(root, part), { recursive: true, preserveTimestamps: true });
  }
  await symlink(path.resolve("node_modules"), path.join(root, "node_modules"));
  return root;
}

describe("bin/srtlog.mjs with a stale or missing bundle", () => {
  it("runs the sources with a one-line note when a source changed, and the bundle again once rebuilt", async () => {
    const root = await projectCopy();
    const fresh = srtlog(["runs", "--help"], {}, root);
    expect(fresh.stderr).toBe("");
    expect(fresh.stdout).toContain("Lists the runs that load");

    const usage = path.join(root, "cli/usage.ts");
    await writeFile(usage, (await readFile(usage, "utf8")).replace("Lists the runs that load", "EDITED: lists the runs"));
    const stale = srtlog(["runs", "--help"], {}, root);
    expect(stale.code).toBe(0);
    expect(stale.stdout).toContain("EDITED: lists the runs");
    expect(stale.stderr.split("\n")).toEqual([
      "srtlog: dist/srtlog.mjs is older than the sources (cli/usage.ts changed since); running the sources through tsx (slower start); `npm run build:cli` rebuilds it",
      "",
    ]);

    const build = spawnSync(process.execPath, [path.join(root, "scripts/build-cli.mjs")], { encoding: "utf8" });
    expect(build.status).toBe(0);
    const rebuilt = srtlog(["runs", "--help"], {}, root);
    expect(rebuilt.stderr).toBe("");
    expect(rebuilt.stdout).toContain("EDITED: lists the runs");
    expect(await readFile(path.join(root, "dist/srtlog.mjs"), "utf8")).toContain("EDITED: lists the runs");
  });

  it("runs the sources with a one-line note when there is no bundle", async () => {
    const root = await projectCopy();
    await rm(path.join(root, "dist"), { recursive: true });
    const logs = await copyFixture("tests/fixtures/loader/legacy-v1-disagg/logs");
    const result = srtlog(["runs", "--logs", logs, "--json"], {}, root);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^srtlog: dist\/srtlog\.mjs is missing; running the sources through tsx[^\n]*\n$/);
    // legacy-v1-disagg holds runs 3667 and 12045.
    expect(JSON.parse(result.stdout).runs.map((run: { jobId: string }) => run.jobId).sort()).toEqual(["12045", "3667"]);
  });
});
