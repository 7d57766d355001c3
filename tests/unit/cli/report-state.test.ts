import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { reportCommand, reportState } from "../../../cli/commands/report";
import { copyFixture } from "../../helpers/temp-dir";
import { reproduceCommand } from "../../../lib/report/report-view";
import { parseViewState } from "../../../lib/view-state";

/** A command's words after `srtlog report`, single quotes undone. */
const argsOf = (command: string) => [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2])).slice(2);

/** The flag values of a reproduce command. */
function flagsOf(command: string): Record<string, string | boolean> {
  const words = argsOf(command);
  const values: Record<string, string | boolean> = {};
  for (let i = 0; i < words.length; i++) {
    if (words[i] === "--all") values.all = true;
    else values[words[i].replace(/^--/, "")] = words[++i];
  }
  return values;
}

describe("srtlog report's view from its flags", () => {
  it("takes back the y axis its own reproduce command names, for a latency or rate on y", () => {
    for (const query of ["y=ttft-p99&x=output", "y=tps-user&x=total&ylog=1", "y=req-rate&color=gpu"]) {
      const state = { ...parseViewState(new URLSearchParams(`run=all&${query}`)), logs: "/logs" };
      const values = flagsOf(reproduceCommand(state, "/logs", "html"));
      const again = reportState(values, [], "/logs");
      expect({ x: again.x, y: again.y, logX: again.paretoLogX, logY: again.paretoLogY, color: again.colorBy }).toEqual({ x: state.x, y: state.y, logX: state.paretoLogX, logY: state.paretoLogY, color: state.colorBy });
    }
  });

  it("still refuses a --y that names no metric, saying which ones there are", () => {
    expect(() => reportState({ y: "bogus" }, [], "/logs")).toThrow(/--y must be one of output, total, goodput, energy, tps-user, req-rate, concurrency, ttft-mean/);
  });
});

describe("srtlog report's reproduce command", () => {
  it("writes the report again when a tag starts with '-' (as --tag=-fp8: '--tag -fp8' is refused as ambiguous)", async () => {
    const logs = await copyFixture("tests/fixtures/loader/legacy-v1-disagg/logs");
    const meta = path.join(logs, "3667_1P_4D_20251110_192145", "3667.json");
    await writeFile(meta, (await readFile(meta, "utf8")).replace('"tags": ["baseline", "h100"]', '"tags": ["-fp8"]'));
    const state = { ...parseViewState(new URLSearchParams("tag=-fp8")), logs };
    const out = path.join(path.dirname(logs), "again.html");
    const args = [...argsOf(reproduceCommand(state, logs, "html")).slice(0, -2), "--out", out];
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      expect(await reportCommand(args)).toBe(0);
    } finally {
      log.mockRestore();
    }
    // Only 3667 carries the tag.
    expect(await readFile(out, "utf8")).toContain("<td>3667</td>");
  });
});
