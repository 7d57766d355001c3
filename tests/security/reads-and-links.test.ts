import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_DIR, giveToServer, makeBase, postTags, removeBase, request, sleep, startServer, type Server } from "./harness";

/** Reads and caches against `next start` as an unprivileged user: host names, `?logs=`, cache links, CSV cells. */
const FIXTURE = path.join(process.cwd(), "tests/fixtures/loader/legacy-v1-disagg/logs");
const RUN_3667 = "3667_1P_4D_20251110_192145";
const RUN_12045 = "12045_2P_2D_20251115_101500";
let base = "";
let logs = "";
let other = "";
let roots = "";
let userCache = "";
let served: Server;
let rooted: Server;

/** The fixture with formulas where a teammate's metadata could hold any text. */
async function copyWithFormulas(to: string): Promise<void> {
  await cp(FIXTURE, to, { recursive: true });
  const file = path.join(to, RUN_3667, "3667.json");
  const text = (await readFile(file, "utf8")).replace('"type": "sa-bench"', `"type": "=cmd|'/C calc'!A0"`).replace('"run_date": "20251110_192145"', '"run_date": "=1+2"');
  await writeFile(file, text);
}

beforeAll(async () => {
  base = await makeBase();
  logs = path.join(base, "logs");
  await copyWithFormulas(logs);
  await mkdir(path.join(base, "outside", "cache"), { recursive: true });
  await symlink(path.join(base, "outside", "cache"), path.join(logs, RUN_3667, ".cache"));
  other = path.join(base, "other");
  await cp(path.join(FIXTURE, RUN_12045), path.join(other, RUN_12045), { recursive: true });
  roots = path.join(base, "roots");
  await cp(path.join(FIXTURE, RUN_12045), path.join(roots, "r1", RUN_12045), { recursive: true });
  const home = path.join(base, "home");
  userCache = path.join(home, "cache");
  await mkdir(userCache, { recursive: true });
  giveToServer(logs, path.join(base, "outside"), other, roots, home);
  const env = { SRTLOG_LOGS_DIR: logs, HOME: home, SRTLOG_CACHE_DIR: userCache };
  served = await startServer([8645, 8646, 8647], env);
  rooted = await startServer([8648, 8649], { ...env, SRTLOG_LOGS_ROOTS: roots, SRTLOG_ALLOWED_HOSTS: "gpu-box.lab" });
}, 180_000);

afterAll(async () => {
  await served?.stop();
  await rooted?.stop();
  if (base) await removeBase(base);
});

const get = (server: Server, url: string, headers: Record<string, string> = {}) => request(server.port, { path: url, headers });
const exportOf = (dir: string) => `/api/export?logs=${encodeURIComponent(dir)}&run=all`;
/** The "Download report" route goes through the same logs-dir checks as the CSV download. */
const reportOf = (dir: string) => `/api/report?logs=${encodeURIComponent(dir)}&run=all`;

/** Wait (a little) for a cache the server writes after answering. */
async function eventually(check: () => boolean, ms = 10_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (check()) return true;
  return check();
}

describe("caches stay inside the logs dir", () => {
  it("a run whose .cache links elsewhere: its cache goes to the per-user dir, nothing lands at the far end", async () => {
    expect((await get(served, "/api/export?run=all")).status).toBe(200);
    expect(await eventually(() => existsSync(path.join(logs, RUN_12045, ".cache", "benchmark_results.parquet")))).toBe(true);
    expect(await eventually(() => existsSync(userCache) && execFileSync("find", [userCache, "-name", "benchmark_results.parquet"], { encoding: "utf8" }).includes(RUN_3667))).toBe(true);
    expect(await readdir(path.join(base, "outside", "cache"))).toEqual([]);
  });
});

describe("host names (DNS rebinding)", () => {
  const refusal = "Refused: host evil.example is not allowed (set SRTLOG_ALLOWED_HOSTS=evil.example to allow it).";

  it.each(["/", "/pareto", "/api/export?run=all", "/api/report?run=all"])("%s under another host name is 403", async (url) => {
    const answer = await get(served, url, { host: `evil.example:${served.port}` });
    expect(answer.status).toBe(403);
    expect(url.startsWith("/api/") ? JSON.parse(answer.text).message : answer.text).toBe(refusal);
  });

  it("loopback names and SRTLOG_ALLOWED_HOSTS are served", async () => {
    expect((await get(served, "/api/export?run=all", { host: `localhost:${served.port}` })).status).toBe(200);
    expect((await get(rooted, "/pareto", { host: `gpu-box.lab:${rooted.port}` })).status).toBe(200);
    expect((await get(rooted, "/pareto", { host: `evil.example:${rooted.port}` })).status).toBe(403);
  });
});

describe("?logs= for another directory", () => {
  const notPicked = (dir: string) => `${dir} was not opened from this dashboard`;

  it("a plain link neither scans nor writes there", async () => {
    const page = await get(served, `/pareto?logs=${encodeURIComponent(other)}`);
    expect(page.text).toContain(notPicked(other));
    const csv = await get(served, exportOf(other));
    expect([csv.status, JSON.parse(csv.text).message]).toEqual([400, expect.stringContaining(notPicked(other))]);
    const report = await get(served, reportOf(other));
    expect([report.status, JSON.parse(report.text).message]).toEqual([400, expect.stringContaining(notPicked(other))]);
    const tags = await postTags(served, RUN_12045, { logs: other, add: ["x"] });
    expect(tags.status).toBe(400);
    await sleep(1000);
    expect(existsSync(path.join(other, RUN_12045, ".cache"))).toBe(false);
    expect(JSON.parse(await readFile(path.join(other, RUN_12045, "12045.json"), "utf8")).tags ?? []).not.toContain("x");
  });

  it("the dashboard's form (same-origin) picks it; a cross-site form or a forged cookie cannot", async () => {
    const pick = (origin: string) =>
      request(served.port, { method: "POST", path: "/api/logs-dir", headers: { origin, "content-type": "application/json" }, body: JSON.stringify({ dir: other }) });
    const crossSite = await pick("http://evil.example");
    expect([crossSite.status, crossSite.headers["set-cookie"]]).toEqual([403, undefined]);
    const picked = await pick(served.origin);
    expect(picked.status).toBe(200);
    const cookie = String(picked.headers["set-cookie"]);
    expect(cookie).toMatch(/^srtlog_logs=[^;]+; Path=\/; HttpOnly; SameSite=strict$/i);
    const value = cookie.split(";")[0];
    const csv = await get(served, exportOf(other), { cookie: value });
    expect(csv.status).toBe(200);
    expect(csv.text.split("\r\n").filter((line) => line.startsWith("12045,"))).toHaveLength(2);
    expect((await postTags(served, RUN_12045, { logs: other, add: ["picked"] }, { cookie: value })).status).toBe(200);
    expect((await get(served, exportOf(other), { cookie: `${value.slice(0, -2)}xx` })).status).toBe(400);
  });

  it("a dir under SRTLOG_LOGS_ROOTS opens from a link; outside the roots it does not", async () => {
    expect((await get(rooted, exportOf(path.join(roots, "r1")))).status).toBe(200);
    const outside = await get(rooted, exportOf(other));
    expect([outside.status, JSON.parse(outside.text).message]).toEqual([400, `${other} is outside the directories this server may read (SRTLOG_LOGS_ROOTS=${roots})`]);
    expect((await get(rooted, reportOf(path.join(roots, "r1")))).status).toBe(200);
    const report = await get(rooted, reportOf(other));
    expect([report.status, JSON.parse(report.text).message]).toEqual([400, `${other} is outside the directories this server may read (SRTLOG_LOGS_ROOTS=${roots})`]);
  });
});

describe("CSV formula injection", () => {
  // Text cells that start a formula get a leading quote; the numbers after them stay plain numbers.
  const FORMULA_ROW = /^3667,'=1\+2,'=cmd\|'\/C calc'!A0,1024,1024,1,4,1,4,/;

  it("the dashboard's download", async () => {
    const lines = (await get(served, "/api/export?run=all")).text.split("\r\n");
    const rows = lines.filter((line) => line.startsWith("3667,"));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(FORMULA_ROW);
  });

  it("srtlog export --format csv", async () => {
    const dir = path.join(base, "cli");
    await copyWithFormulas(dir);
    const text = execFileSync(process.execPath, [path.join(APP_DIR, "bin/srtlog.mjs"), "export", "--format", "csv", "--logs", dir], { encoding: "utf8" });
    const rows = text.split("\r\n").filter((line) => line.startsWith("3667,"));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(FORMULA_ROW);
  });
});
