import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { APP_DIR } from "./harness";

/** What `make dashboard` would run (`make -n` prints the commands and runs none of them). */
function dryRun(env: Record<string, string>): { out: string; err: string } {
  const result = spawnSync("make", ["-n", "--no-print-directory", "dashboard"], { cwd: APP_DIR, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", NODE_ENV: "production", ...env }, encoding: "utf8" });
  return { out: result.stdout, err: result.stderr };
}

describe("make dashboard: the listening address", () => {
  it("ignores HOST (csh/tcsh set it to the machine name) and listens on loopback by default", () => {
    const { out, err } = dryRun({ HOST: "gpu-box" });
    expect(out).toContain("next start -H 127.0.0.1 ");
    expect(out).not.toContain("gpu-box");
    expect(err).not.toContain("WARNING");
  });

  it("takes SRTLOG_HOST, and warns when it is not loopback", () => {
    const wide = dryRun({ SRTLOG_HOST: "0.0.0.0" });
    expect(wide.out).toContain("next start -H 0.0.0.0 ");
    expect(wide.err).toContain("WARNING: SRTLOG_HOST=0.0.0.0 is not a loopback address");
    const local = dryRun({ SRTLOG_HOST: "localhost" });
    expect(local.out).toContain("next start -H localhost ");
    expect(local.err).not.toContain("WARNING");
  });
});
