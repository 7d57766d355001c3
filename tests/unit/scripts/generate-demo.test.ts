import { describe, expect, it } from "vitest";
import { generateDemo } from "../../../scripts/demo/generate-demo";
import { RunLoader } from "@/lib/server/run-loader";
import { getRunActivity } from "@/lib/server/run-activity";
import { tempDir } from "../../helpers/temp-dir";

describe("the generated demo", () => {
  it("is a logs dir of finished jobs: no run is badged running just because its files were written a moment ago", async () => {
    const dir = await tempDir();
    await generateDemo(dir);
    const runs = await new RunLoader(dir).loadAll();
    expect(runs.length).toBeGreaterThan(0);
    // The demo has runs with missing concurrencies (3702 misses two): those are the ones that looked live.
    expect(runs.some((run) => run.missingConcurrencies.length > 0)).toBe(true);
    expect(runs.map((run) => [run.runDir, getRunActivity(run)]).filter(([, activity]) => activity !== "finished")).toEqual([]);
  });
});
