import { describe, expect, it } from "vitest";
import { buildPowerLayout, buildPowerTraces } from "@/lib/charts/power-figure";
import { nodePowerSeries } from "@/lib/energy";
import { parsePowerSamples, POWER_SAMPLES_HEADER } from "@/parsers/power/samples";

const csv = [
  POWER_SAMPLES_HEADER,
  "1,100.0,0,a,0,G0,100",
  "1,100.2,0,a,1,G1,150",
  "1,100.1,0,b,0,G2,300",
  "1,101.0,1,a,0,G0,110",
  "1,101.1,1,a,1,G1,160",
  "1,101.0,1,b,0,G2,310",
].join("\n");

describe("power over time per node", () => {
  it("sums each node's GPUs per scrape sweep, at the sweep's earliest time", () => {
    expect(nodePowerSeries(parsePowerSamples(csv))).toEqual([
      { hostname: "a", gpus: 2, t: [100, 101], watts: [250, 270] },
      { hostname: "b", gpus: 1, t: [100.1, 101], watts: [300, 310] },
    ]);
  });

  it("draws one line per node from the first sample and shades each window with its concurrency", () => {
    const nodes = nodePowerSeries(parsePowerSamples(csv));
    const traces = buildPowerTraces(nodes, 100);
    expect(traces.map((t) => [t.name, t.x, t.y])).toEqual([
      ["a (2 GPUs)", [0, 1], [250, 270]],
      ["b (1 GPUs)", [expect.closeTo(0.1, 9), 1], [300, 310]],
    ]);
    const layout = buildPowerLayout([{ concurrency: 8, start: 100.5, end: 101 }], 100);
    expect(layout.shapes?.map((s) => [s.x0, s.x1])).toEqual([[0.5, 1]]);
    expect(layout.annotations?.map((a) => a.text)).toEqual(["c=8"]);
  });
});
