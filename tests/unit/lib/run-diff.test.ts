import { describe, expect, it } from "vitest";
import { badge, diffRuns, flattenSettings, metadataSettings, type DiffRow, type RunSettings } from "@/lib/run-diff";
import { blankMetadata } from "../../helpers/model-builders";

function settings(over: Partial<RunSettings> = {}): RunSettings {
  return { metadata: { container: "sglang:v1", gpuType: "H200" }, roles: {}, recipe: null, ...over };
}

const row = (key: string, differs: boolean): DiffRow => ({ key, a: "1", b: differs ? "2" : "1", differs });

describe("flattenSettings", () => {
  it("flattens nested objects into dotted keys and arrays by index", () => {
    expect(flattenSettings({ a: { b: 1, c: { d: "x" } }, list: [4, { e: true }], n: null })).toEqual({
      "a.b": "1", "a.c.d": "x", "list[0]": "4", "list[1].e": "true", n: "null",
    });
  });

  it("keeps empty objects and arrays as a setting, under a prefix", () => {
    expect(flattenSettings({ env: {}, args: [] }, "p")).toEqual({ "p.env": "{}", "p.args": "[]" });
  });
});

describe("diffRuns", () => {
  it("marks a setting missing on one side as null and differing", () => {
    const a = settings({ recipe: { backend: { tp: 4 } } });
    const b = settings({ recipe: { backend: { tp: 4, ep: 8 } } });
    expect(diffRuns(a, b)).toEqual([
      { key: "metadata.container", a: "sglang:v1", b: "sglang:v1", differs: false },
      { key: "metadata.gpuType", a: "H200", b: "H200", differs: false },
      { key: "recipe.backend.ep", a: null, b: "8", differs: true },
      { key: "recipe.backend.tp", a: "4", b: "4", differs: false },
    ]);
  });

  it("prefixes role settings with the role: server args, flags and environment", () => {
    const role = (mem: number) => ({ serverArgs: { mem_fraction_static: mem }, flags: { "tp-size": "4" }, environment: { NCCL_DEBUG: "INFO" } });
    const rows = diffRuns(settings({ roles: { decode: role(0.8) } }), settings({ roles: { decode: role(0.9) } }));
    expect(rows.filter((r) => r.key.startsWith("decode."))).toEqual([
      { key: "decode.env.NCCL_DEBUG", a: "INFO", b: "INFO", differs: false },
      { key: "decode.flags.tp-size", a: "4", b: "4", differs: false },
      { key: "decode.server_args.mem_fraction_static", a: "0.8", b: "0.9", differs: true },
    ]);
    expect(badge(rows)).toBe("single variable");
  });

  it("leaves out what always differs between runs: job id, name, date, tags", () => {
    const meta = metadataSettings({ metadata: blankMetadata({ jobId: "1", tags: ["x"] }), topology: "1P/1D", totalGpus: 8 });
    expect(Object.keys(meta)).not.toContain("jobId");
    expect(Object.keys(meta)).not.toContain("tags");
    expect(meta.topology).toBe("1P/1D");
  });
});

describe("badge", () => {
  it("names the three cases", () => {
    expect(badge([row("x", false)])).toBe("identical");
    expect(badge([])).toBe("identical");
    expect(badge([row("x", true), row("y", false)])).toBe("single variable");
    expect(badge([row("x", true), row("y", true), row("z", true)])).toBe("3 settings differ");
  });
});
