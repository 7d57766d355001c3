import { chmod, cp, lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { giveToServer, makeBase, makeReadOnlyDir, postTags, removeBase, SERVER_GID, SERVER_UID, startServer, type Server } from "./harness";

/** Tag writes against `next start` as an unprivileged user: what must stay inside the logs dir, and how. */
let base = "";
let logs = "";
let outside = "";
let server: Server;

const FIXTURE_RUN = path.join(process.cwd(), "tests/fixtures/loader/legacy-v1-disagg/logs/3667_1P_4D_20251110_192145");
const RESULTS = "sa-bench_isl_1024_osl_1024";
let template = "";

/** The fixture run's `<jobid>.json` for another job id, with these tags and extra top-level text before them. */
const meta = (jobId: string, tags: string[] = [], extra = "") =>
  template.replace('"slurm_job_id": "3667"', `"slurm_job_id": "${jobId}"`).replace('"tags": ["baseline", "h100"]', `${extra}"tags": ${JSON.stringify(tags)}`);

/** A loadable run (no metadata file when `text` is null) (the fixture's results, this metadata), so the server of before the fixes also takes it for a run. */
async function run(name: string, text: string | null, metaDir = path.join(logs, name)): Promise<string> {
  await mkdir(metaDir, { recursive: true });
  await cp(path.join(FIXTURE_RUN, RESULTS), path.join(metaDir, RESULTS), { recursive: true });
  const file = path.join(metaDir, `${name.split("_")[0]}.json`);
  if (text !== null) await writeFile(file, text);
  return file;
}

// Every byte that is not the tags value must survive an edit (12345678901234567890 is not a double).
const ODD = '"id": 12345678901234567890,\n  "ratio": 1.0,\n  "huge": 1e400,\n  "name": "caf\\u00e9 \\ud83d\\ude00",\n  "dup": 1,\n  "dup": 2,\n  ';

beforeAll(async () => {
  base = await makeBase();
  logs = path.join(base, "logs");
  outside = path.join(base, "outside");
  template = await readFile(path.join(FIXTURE_RUN, "3667.json"), "utf8");
  await mkdir(logs);
  await run("200_linked", meta("200"), path.join(outside, "linked-logs"));
  await mkdir(path.join(logs, "200_linked"));
  await symlink(path.join(outside, "linked-logs"), path.join(logs, "200_linked", "logs"));
  await mkdir(path.join(logs, "shared"));
  await writeFile(path.join(logs, "shared", "400.json"), meta("400", ["x"]));
  await symlink("../shared/400.json", await run("400_link_in", null));
  await writeFile(path.join(outside, "500.json"), meta("500"));
  await symlink(path.join(outside, "500.json"), await run("500_link_out", null));
  await run("600_mode", meta("600"));
  await run("700_readonly", meta("700"));
  await run("800_exact", meta("800", ["old"], ODD));
  await run("900_unreadable", meta("900"));
  await run("910_badjson", meta("910").replace('"tags": []', '"tags": [}'));
  await run("960_busy", meta("960"));
  await run("970_concurrent", meta("970"));
  giveToServer(logs, outside);
  await chmod(path.join(logs, "600_mode", "600.json"), 0o640);
  await chmod(path.join(logs, "700_readonly", "700.json"), 0o444);
  await chmod(path.join(logs, "900_unreadable", "900.json"), 0o000);
  await makeReadOnlyDir(path.join(logs, "950_rodir"));
  giveToServer(await run("950_rodir", meta("950")));
  const home = path.join(base, "home");
  await mkdir(home);
  giveToServer(home);
  server = await startServer([8640, 8641, 8642, 8643, 8644], { SRTLOG_LOGS_DIR: logs, HOME: home, SRTLOG_CACHE_DIR: path.join(home, "cache") });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (base) await removeBase(base);
});

const tagsOf = async (file: string) => JSON.parse(await readFile(file, "utf8")).tags as string[];

describe("writes stay inside the logs dir", () => {
  it("a run whose logs/ links elsewhere: 403 naming the path; nothing written at the far end", async () => {
    const before = await readFile(path.join(outside, "linked-logs", "200.json"), "utf8");
    const answer = await postTags(server, "200_linked", { add: ["x"] });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).message).toBe(
      `Refused to write ${logs}/200_linked/logs/200.json (it resolves to ${outside}/linked-logs/200.json): outside the logs directory ${logs}`,
    );
    expect(await readFile(path.join(outside, "linked-logs", "200.json"), "utf8")).toBe(before);
    expect((await readdir(path.join(outside, "linked-logs"))).sort()).toEqual(["200.json", RESULTS]);
  });

  it("a <jobid>.json that links inside the logs dir is written through, and stays a link", async () => {
    const answer = await postTags(server, "400_link_in", { add: ["y"] });
    expect(answer.status).toBe(200);
    expect((await lstat(path.join(logs, "400_link_in", "400.json"))).isSymbolicLink()).toBe(true);
    expect(await readlink(path.join(logs, "400_link_in", "400.json"))).toBe("../shared/400.json");
    expect(await tagsOf(path.join(logs, "shared", "400.json"))).toEqual(["x", "y"]);
  });

  it("a <jobid>.json that links outside is refused, never replaced by a copy", async () => {
    const answer = await postTags(server, "500_link_out", { add: ["y"] });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).message).toContain(`outside the logs directory ${logs}`);
    expect((await lstat(path.join(logs, "500_link_out", "500.json"))).isSymbolicLink()).toBe(true);
    expect(await tagsOf(path.join(outside, "500.json"))).toEqual([]);
  });
});

describe("metadata files keep mode, owner and bytes", () => {
  it("a 0640 file stays 0640 with its owner", async () => {
    const file = path.join(logs, "600_mode", "600.json");
    expect((await postTags(server, "600_mode", { add: ["a"] })).status).toBe(200);
    const info = await stat(file);
    expect(info.mode & 0o7777).toBe(0o640);
    expect([info.uid, info.gid]).toEqual([SERVER_UID, SERVER_GID]);
    expect(await tagsOf(file)).toEqual(["a"]);
  });

  it("a read-only (0444) file is refused with 403 read-only and left alone", async () => {
    const file = path.join(logs, "700_readonly", "700.json");
    const answer = await postTags(server, "700_readonly", { add: ["a"] });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).message).toBe(`Cannot save tags to ${file}: the file is read-only`);
    expect(await readFile(file, "utf8")).toBe(meta("700"));
    expect((await stat(file)).mode & 0o7777).toBe(0o444);
  });

  it("only the tags value changes: big ints, 1.0, 1e400, escapes and duplicate keys keep their text", async () => {
    expect((await postTags(server, "800_exact", { add: ["new"] })).status).toBe(200);
    const expected = meta("800", ["old"], ODD).replace('"tags": ["old"]', '"tags": [\n    "old",\n    "new"\n  ]');
    expect(await readFile(path.join(logs, "800_exact", "800.json"), "utf8")).toBe(expected);
  });
});

describe("tag requests", () => {
  it.each([
    ["DEL", "a\u007fb"],
    ["C1 (U+0085)", "a\u0085b"],
    ["C1 (U+009F)", "a\u009fb"],
    ["U+2028", "a\u2028b"],
    ["U+2029", "a\u2029b"],
    ["a C0 control (passes today)", "a\u0007b"],
  ])("refuses %s in a tag with 400", async (_, tag) => {
    const answer = await postTags(server, "960_busy", { add: [tag] });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).message).toContain("no control characters in tags");
    expect(await tagsOf(path.join(logs, "960_busy", "960.json"))).not.toContain(tag);
  });

  it("a body over 64 KB is 413 before it is parsed", async () => {
    const answer = await postTags(server, "960_busy", `{"add": ["${"a".repeat(70_000)}"`);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text).message).toBe("request body is larger than 64 KB");
  });

  it("invalid JSON names where it breaks", async () => {
    const answer = await postTags(server, "960_busy", '{"add": }');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).message).toBe('request body is not valid JSON: unexpected "}" at position 8');
  });

  it("a run whose metadata cannot be read is 422 'cannot read', not 404", async () => {
    const denied = await postTags(server, "900_unreadable", { add: ["a"] });
    expect([denied.status, JSON.parse(denied.text).message]).toEqual([422, "cannot read 900.json: permission denied"]);
    const broken = await postTags(server, "910_badjson", { add: ["a"] });
    const at = meta("910").indexOf('"tags": [') + '"tags": ['.length;
    expect([broken.status, JSON.parse(broken.text).message]).toEqual([422, `cannot read 910.json: not valid JSON (unexpected "}" at position ${at})`]);
  });
});

describe("what held before (keeps holding)", () => {
  it.each(["..", "%2e%2e", "..%2f..%2ftmp", "%2e%2e%2f%2e%2e%2fetc", "..%5c..", "3667_1P_4D_20251110_192145%2f..%2f..", "%00", "shared", ".%2e"])(
    "run id %s: 400/404 and nothing written",
    async (runDir) => {
      const before = await readdir(base, { recursive: true });
      const answer = await postTags(server, runDir, { add: ["evil"] });
      expect([400, 404]).toContain(answer.status);
      expect(await readdir(base, { recursive: true })).toEqual(before);
    },
  );

  it.each([
    ["another origin", { origin: "http://evil.example" }],
    ["a null origin (sandboxed frame, file:)", { origin: "null" }],
    ["a cross-site fetch", { "sec-fetch-site": "cross-site" }],
    ["an empty Origin header", { origin: "" }],
  ])("a write from %s is 403", async (_, headers) => {
    const answer = await postTags(server, "960_busy", { add: ["csrf"] }, headers as Record<string, string>);
    expect(answer.status).toBe(403);
    expect(await tagsOf(path.join(logs, "960_busy", "960.json"))).not.toContain("csrf");
  });

  it("50 concurrent edits: none lost", async () => {
    const tags = Array.from({ length: 50 }, (_, i) => `t${i}`);
    const answers = await Promise.all(tags.map((tag) => postTags(server, "970_concurrent", { add: [tag] })));
    expect(answers.map((a) => a.status)).toEqual(tags.map(() => 200));
    expect((await tagsOf(path.join(logs, "970_concurrent", "970.json"))).sort()).toEqual([...tags].sort());
  });

  it("a run dir the server cannot write: 403 naming the file", async () => {
    const answer = await postTags(server, "950_rodir", { add: ["a"] });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).message).toBe(`Cannot save tags to ${logs}/950_rodir/950.json: the directory is not writable`);
    expect(await tagsOf(path.join(logs, "950_rodir", "950.json"))).toEqual([]);
  });
});
