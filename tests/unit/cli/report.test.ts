import { spawnSync } from "node:child_process";
import { cp, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../helpers/temp-dir";

const BIN = path.resolve("bin/srtlog.mjs");
const FIXTURES = path.resolve("tests/fixtures/loader");

function srtlog(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, "report", ...args], { encoding: "utf8", env: { ...process.env, SRTLOG_LOGS_DIR: "", ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One logs dir holding the legacy v1 runs (3667, 12045; Nov 2025) and the current-layout ones (44014xx; 2026). */
async function logsDir(): Promise<{ logs: string; out: string }> {
  const dir = await tempDir("srtlog-report-");
  const logs = path.join(dir, "logs");
  await cp(path.join(FIXTURES, "legacy-v1-disagg/logs"), logs, { recursive: true });
  await cp(path.join(FIXTURES, "current-v2-logs-layout/logs"), logs, { recursive: true });
  return { logs, out: path.join(dir, "out") };
}

const commandOf = (html: string) => html.match(/<pre id="command">([^<]*)<\/pre>/)![1].replace(/&#39;/g, "'").replace(/&amp;/g, "&");
const urlOf = (html: string) => html.match(/<code id="dashboard-url">([^<]*)<\/code>/)![1].replace(/&amp;/g, "&");
/** The command's words, undoing shellWord's single quotes. */
const words = (command: string) => [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]));

describe("srtlog report", () => {
  it("by default reports the newest three runs, as the dashboard selects them, in one HTML file written atomically", async () => {
    const { logs, out } = await logsDir();
    const file = `${out}.html`;
    const result = srtlog(["--logs", logs, "--out", file]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // 4401470, 4401463, 4401455 (2026) are newer than 3667 and 12045 (Nov 2025); 2 points each.
    expect(result.stdout).toMatch(/^wrote .*out\.html \(\d\.\d\d MB, 3 runs, 6 points\)\n$/);
    const html = await readFile(file, "utf8");
    for (const job of ["4401470", "4401463", "4401455"]) expect(html).toContain(`<td>${job}</td>`);
    expect(html).not.toContain("<td>3667</td>");
    expect(html).toContain("Summary: 6 point(s)");
    expect(await readdir(path.dirname(file))).toEqual(["logs", "out.html"]);
  });

  it("takes runs by job id, tags and SLA flags, and its reproduce command writes the same view again", async () => {
    const { logs, out } = await logsDir();
    const first = srtlog(["3667", "12045", "--tag", "baseline", "--max-ttft-p99", "500", "--view", "stat=p99&logy=1", "--logs", logs, "--out", `${out}-1.html`]);
    expect(first.code).toBe(0);
    const html = await readFile(`${out}-1.html`, "utf8");
    // Only 3667 carries the tag "baseline".
    expect(first.stdout).toContain("1 run, 3 points");
    expect(html).toContain("p99 TTFT ≤ 500 ms");
    expect(html).toContain("NVIDIA H100 80GB HBM3");
    expect(html).toContain("missing concurrencies: 128");
    const command = commandOf(html);
    expect(command).toBe(`srtlog report 3667 12045 --tag baseline --max-ttft-p99 500 --view 'stat=p99&logy=1' --logs ${logs} --out report.html`);
    const again = srtlog([...words(command).slice(2, -2), "--out", `${out}-2.html`]);
    expect(again.code).toBe(0);
    expect(urlOf(await readFile(`${out}-2.html`, "utf8"))).toBe(urlOf(html));
  });

  it("--all reports every run; an unknown run or an empty selection is exit 2 with the reason", async () => {
    const { logs, out } = await logsDir();
    expect(srtlog(["--all", "--logs", logs, "--out", `${out}.html`]).stdout).toContain("5 runs, 11 points");
    const unknown = srtlog(["999", "--logs", logs, "--out", `${out}.html`]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(`srtlog report: Unknown run 999: no run directory or job id of that name in ${logs}.\n`);
    const none = srtlog(["--tag", "nope", "--logs", logs, "--out", `${out}-none.html`]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe("srtlog report: no runs selected: 5 runs in " + logs + ", 0 pass the filters\n");
    expect(srtlog(["--all", "3667", "--logs", logs]).stderr).toBe("srtlog report: give RUNS or --all, not both\n");
  });

  it("--format md writes report.md and one PNG per chart beside it", async () => {
    const { logs, out } = await logsDir();
    const result = srtlog(["3667", "--format", "md", "--logs", logs, "--out", `${out}.md`]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const md = await readFile(`${out}.md`, "utf8");
    expect(md).toContain("![Pareto frontier](out-files/pareto.png)");
    expect(md).toMatch(/\| 3667 \| 2025-11-10/);
    expect((await readdir(`${out}-files`)).sort()).toEqual(["itl.png", "pareto.png", "tpot.png", "ttft.png"]);
    const png = await readFile(path.join(`${out}-files`, "pareto.png"));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  }, 60_000);

  it("--format md without Chromium fails at once with what to do, writing nothing", async () => {
    const { logs, out } = await logsDir();
    const result = srtlog(["--format", "md", "--logs", logs, "--out", `${out}.md`], { SRTLOG_CHROMIUM: "/nonexistent/chromium" });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "srtlog report: --format md draws its charts as PNG in Chromium, which is not at /nonexistent/chromium: install it (apt-get install chromium) or set SRTLOG_CHROMIUM to its path\n",
    );
    expect(await readdir(path.dirname(out))).toEqual(["logs"]);
  });
});
