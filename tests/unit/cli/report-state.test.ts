import { describe, expect, it } from "vitest";
import { reportState } from "../../../cli/commands/report";
import { reproduceCommand } from "../../../lib/report/report-view";
import { parseViewState } from "../../../lib/view-state";

/** The flag values of a reproduce command (its words after `srtlog report`, single quotes undone). */
function flagsOf(command: string): Record<string, string | boolean> {
  const words = [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]));
  const values: Record<string, string | boolean> = {};
  for (let i = 2; i < words.length; i++) {
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
