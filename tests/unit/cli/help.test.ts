import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const BIN = path.resolve("bin/srtlog.mjs");

function srtlog(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, SRTLOG_LOGS_DIR: "" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every flag each command's parseFlags accepts, written out by hand from cli/commands/*.ts. */
const FLAGS: Record<string, string[]> = {
  runs: ["--logs", "--json", "--watch", "--interval"],
  export: ["--logs", "--format", "--out"],
  nodes: ["--json", "--no-cache", "--follow", "--interval"],
  compare: ["--logs", "--baseline", "--current", "--metric", "--threshold", "--json"],
  best: ["--logs", "--run", "--tag", "--by", "--y", "--min-tps-user", "--max-", "--json"],
  ingest: ["--to", "--cluster"],
  query: ["--dataset", "--logs", "--format"],
  report: ["--logs", "--out", "--format", "--all", "--tag", "--max-", "--min-tps-user", "--y", "--view"],
};

describe("srtlog <command> --help", () => {
  for (const [command, flags] of Object.entries(FLAGS)) {
    it(`${command}: --help and -h print its usage and every flag, exit 0`, () => {
      const long = srtlog(command, "--help");
      expect(long.code).toBe(0);
      expect(long.stderr).toBe("");
      expect(long.stdout.split("\n")[0]).toMatch(new RegExp(`^usage: srtlog ${command} `));
      for (const flag of flags) expect(long.stdout, flag).toContain(flag);
      const short = srtlog(command, "-h");
      expect(short.code).toBe(0);
      expect(short.stdout).toBe(long.stdout);
      // `srtlog help <command>` is the same text.
      expect(srtlog("help", command).stdout).toBe(long.stdout);
    });

    it(`${command}: an unknown flag is one line on stderr and exit 2`, () => {
      const bad = srtlog(command, "--frobnicate");
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe("");
      // Node's own text follows (longer for nodes, which takes a positional), still on that one line.
      expect(bad.stderr).toMatch(new RegExp(`^srtlog ${command}: Unknown option '--frobnicate'[^\n]*\n$`));
    });
  }

  it("help wins over other flags, even ones that would fail, and is not read after --", () => {
    const help = srtlog("compare", "--baseline", "a", "--frobnicate", "-h");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: srtlog compare /);
    const positional = srtlog("nodes", "--", "--help");
    expect(positional.code).toBe(2);
    expect(positional.stderr).toBe("srtlog nodes: --help does not exist\n");
  });

  it("srtlog --help lists one usage line per command; no command is exit 2", () => {
    const top = srtlog("--help");
    expect(top.code).toBe(0);
    const lines = top.stdout.split("\n");
    expect(lines[0]).toBe("usage:");
    expect(lines.slice(1, 9).map((line) => line.trim().split(" ")[1])).toEqual(["runs", "export", "nodes", "compare", "best", "ingest", "query", "report"]);
    expect(srtlog().code).toBe(2);
  });
});
