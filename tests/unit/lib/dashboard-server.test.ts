import { execFileSync } from "node:child_process";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkLogsDir } from "@/lib/server/dashboard-logs";
import { getDashboard } from "@/lib/server/dashboard-data";
import { assertSameOrigin, editRunTags, isRunDirName } from "@/lib/server/dashboard-tags";
import { SrtlogError } from "@/lib/errors";
import { POST } from "@/app/api/runs/[runDir]/tags/route";
import { GET } from "@/app/api/export/route";
import { copyFixture, tempDir } from "../../helpers/temp-dir";

const LEGACY = "tests/fixtures/loader/legacy-v1-disagg/logs";
const RUN_3667 = "3667_1P_4D_20251110_192145";

// The fixtures are copied to temp dirs that the tests open with `?logs=`, as an operator allows with this.
beforeEach(() => vi.stubEnv("SRTLOG_LOGS_ROOTS", tmpdir()));
afterEach(() => vi.unstubAllEnvs());

describe("logs directory from the URL", () => {
  it("no value: the directory the server was started on", async () => {
    const logs = await copyFixture(LEGACY);
    vi.stubEnv("SRTLOG_LOGS_DIR", logs);
    expect(checkLogsDir(undefined)).toEqual({ ok: true, dir: logs, isDefault: true });
    expect(checkLogsDir(logs)).toEqual({ ok: true, dir: logs, isDefault: true });
  });

  it("says what is wrong: relative, missing, not a directory, outside SRTLOG_LOGS_ROOTS", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "file.txt"), "x");
    expect(checkLogsDir("outputs")).toMatchObject({ ok: false, message: "The logs directory must be an absolute path (starting with /): outputs" });
    expect(checkLogsDir(`${dir}/nope`)).toMatchObject({ ok: false, message: `Logs directory not found: ${dir}/nope` });
    expect(checkLogsDir(`${dir}/file.txt`)).toMatchObject({ ok: false, message: `Not a directory: ${dir}/file.txt` });
    expect(checkLogsDir(`${dir}/a/../`)).toEqual({ ok: true, dir, isDefault: false });
    vi.stubEnv("SRTLOG_LOGS_ROOTS", "/srv/logs:/data");
    expect(checkLogsDir(dir)).toMatchObject({ ok: false, message: `${dir} is outside the directories this server may read (SRTLOG_LOGS_ROOTS=/srv/logs:/data)` });
    // The operator's roots are the whole list: picking a dir in the form does not leave them.
    expect(checkLogsDir(dir, [dir])).toMatchObject({ ok: false });
  });

  it("a link under SRTLOG_LOGS_ROOTS that leads outside them does not open", async () => {
    const root = await tempDir();
    const elsewhere = await tempDir();
    await symlink(elsewhere, path.join(root, "link"));
    await mkdir(path.join(root, "real"));
    vi.stubEnv("SRTLOG_LOGS_ROOTS", root);
    expect(checkLogsDir(path.join(root, "real"))).toMatchObject({ ok: true });
    expect(checkLogsDir(path.join(root, "link"))).toMatchObject({ ok: false, message: `${root}/link is outside the directories this server may read (SRTLOG_LOGS_ROOTS=${root})` });
  });

  it("without SRTLOG_LOGS_ROOTS, another dir opens only when picked in the dashboard's form", async () => {
    vi.stubEnv("SRTLOG_LOGS_ROOTS", "");
    const dir = await tempDir();
    expect(checkLogsDir(dir)).toMatchObject({
      ok: false,
      message: `${dir} was not opened from this dashboard: enter it under "Logs Directory Path" (a link cannot open another logs directory), or start the server with SRTLOG_LOGS_ROOTS covering it`,
    });
    expect(checkLogsDir(`${dir}/`, [dir])).toEqual({ ok: true, dir, isDefault: false });
    expect(checkLogsDir(dir, ["/elsewhere"])).toMatchObject({ ok: false });
    // Whether it exists is still said first: looking at a path reads nothing in it.
    expect(checkLogsDir(`${dir}/nope`)).toMatchObject({ ok: false, message: `Logs directory not found: ${dir}/nope` });
  });
});

describe("dashboard data for a URL", () => {
  it("applies filters and the default selection to the logs dir's runs", async () => {
    const logs = await copyFixture(LEGACY);
    const d = await getDashboard(`logs=${encodeURIComponent(logs)}&gpu=H100`);
    expect(d.logs.ok).toBe(true);
    expect(d.runs.map((r) => r.jobId)).toEqual(["12045", "3667"]);
    expect(d.options.gpu).toEqual(["GB200", "H100"]);
    expect(d.selected.map((r) => r.jobId)).toEqual(["3667"]);
  });

  it("a bad logs dir is a message, not a crash", async () => {
    const d = await getDashboard("logs=/nonexistent/x");
    expect(d.logs).toMatchObject({ ok: false, message: "Logs directory not found: /nonexistent/x" });
    expect(d.runs).toEqual([]);
  });
});

const request = (headers: Record<string, string>) => new Request("http://localhost:8501/api/runs/x/tags", { method: "POST", headers });

describe("same-origin check for writes", () => {
  it("accepts the dashboard's own pages", () => {
    expect(() => assertSameOrigin(request({ host: "localhost:8501", origin: "http://localhost:8501" }))).not.toThrow();
    expect(() => assertSameOrigin(request({ host: "127.0.0.1:8501", "sec-fetch-site": "same-origin" }))).not.toThrow();
  });

  it("refuses other origins, cross-site fetches, requests without Origin, and unknown host names", () => {
    const refused = (headers: Record<string, string>) => {
      try {
        assertSameOrigin(request(headers));
      } catch (error) {
        return (error as SrtlogError).code === "write_refused" ? (error as SrtlogError).message : "other";
      }
      return "accepted";
    };
    expect(refused({ host: "localhost:8501", origin: "http://evil.example" })).toContain("request from http://evil.example");
    expect(refused({ host: "localhost:8501", origin: "http://localhost:8501", "sec-fetch-site": "cross-site" })).toContain("a cross-site request");
    expect(refused({ host: "localhost:8501" })).toContain("no Origin header");
    // DNS rebinding: the attacker's name resolves to us, so Origin equals Host, but the name is not ours.
    expect(refused({ host: "evil.example:8501", origin: "http://evil.example:8501" })).toContain("host evil.example is not allowed (set SRTLOG_ALLOWED_HOSTS=evil.example to allow it)");
    vi.stubEnv("SRTLOG_ALLOWED_HOSTS", "gpu-box.lab");
    expect(refused({ host: "gpu-box.lab:8501", origin: "http://gpu-box.lab:8501" })).toBe("accepted");
  });

  it("run directory names cannot climb out of the logs dir", () => {
    expect(isRunDirName(RUN_3667)).toBe(true);
    for (const bad of ["", ".", "..", "../x", "a/b", "a\\b", "a\0"]) expect(isRunDirName(bad)).toBe(false);
  });
});

describe("tag edits", () => {
  it("adds and removes through the loader, keeping other tags; 404 for what is not a run", async () => {
    const logs = await copyFixture(LEGACY);
    expect(await editRunTags({ logs, runDir: RUN_3667, add: ["fast"], remove: ["h100"] })).toEqual(["baseline", "fast"]);
    expect(JSON.parse(await readFile(path.join(logs, RUN_3667, "3667.json"), "utf8")).tags).toEqual(["baseline", "fast"]);
    await expect(editRunTags({ logs, runDir: "..", add: ["x"], remove: [] })).rejects.toMatchObject({ code: "not_found" });
    await expect(editRunTags({ logs, runDir: "999_nope", add: ["x"], remove: [] })).rejects.toMatchObject({ code: "not_found" });
    await mkdir(path.join(logs, "777_empty"));
    await expect(editRunTags({ logs, runDir: "777_empty", add: ["x"], remove: [] })).rejects.toMatchObject({ code: "not_found" });
  });

  it("the route: 200 with the saved tags, 400 with the issues, 403 cross-origin, 404 unknown run", async () => {
    const logs = await copyFixture(LEGACY);
    const post = (runDir: string, body: unknown, origin = "http://localhost:8501") =>
      POST(new Request(`http://localhost:8501/api/runs/${runDir}/tags`, { method: "POST", headers: { host: "localhost:8501", origin }, body: JSON.stringify(body) }), {
        params: Promise.resolve({ runDir }),
      });
    const ok = await post(RUN_3667, { logs, add: ["x"] });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ runDir: RUN_3667, tags: ["baseline", "h100", "x"] });
    const bad = await post(RUN_3667, { logs, add: [] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toContain("nothing to add or remove");
    expect((await post(RUN_3667, { logs, add: ["y"] }, "http://evil.example")).status).toBe(403);
    expect((await post("12", { logs, add: ["y"] })).status).toBe(404);
  });

  it("a write the filesystem refuses is a 403 that names the file", async (context) => {
    const logs = await copyFixture(LEGACY);
    const runDir = path.join(logs, RUN_3667);
    const root = process.getuid?.() === 0;
    try {
      if (root) execFileSync("chattr", ["+i", runDir], { stdio: "ignore" });
      else execFileSync("chmod", ["555", runDir]);
    } catch {
      context.skip();
    }
    try {
      const response = await POST(
        new Request("http://localhost:8501/x", { method: "POST", headers: { host: "localhost:8501", origin: "http://localhost:8501" }, body: JSON.stringify({ logs, add: ["x"] }) }),
        { params: Promise.resolve({ runDir: RUN_3667 }) },
      );
      expect(response.status).toBe(403);
      expect((await response.json()).message).toBe(`Cannot save tags to ${runDir}/3667.json: the directory is not writable`);
    } finally {
      if (root) execFileSync("chattr", ["-i", runDir], { stdio: "ignore" });
      else execFileSync("chmod", ["755", runDir]);
    }
  });
});

describe("CSV export route", () => {
  it("answers the selected runs as a named CSV attachment; a bad logs dir is a 400", async () => {
    const logs = await copyFixture(LEGACY);
    const response = await GET(new Request(`http://localhost:8501/api/export?logs=${encodeURIComponent(logs)}&run=all`));
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="srtlog-benchmark-data-jobs-12045-3667.csv"');
    expect((await response.text()).split("\r\n")).toHaveLength(1 + 5 + 1);
    expect((await GET(new Request("http://localhost:8501/api/export?logs=/nonexistent"))).status).toBe(400);
  });
});
