import { describe, expect, it } from "vitest";
import { parseRecipe, quickRecipeConcurrencies, recipeConcurrencies } from "@/parsers/recipe";

// Each case is read both ways; the quick reader must agree with the YAML parser or step aside.
const CASES: [string, string][] = [
  ["flow list", "name: x\nbenchmark:\n  type: sa-bench\n  concurrencies: [16, 64, 256]\n  isl: 1024\n"],
  ["block list", "benchmark:\n  concurrencies:\n    - 1\n    - 4\n    - 2048\nresources:\n  gpus_per_node: 8\n"],
  ["x string", 'benchmark:\n  concurrencies: "4x8x16"\n'],
  ["bare x string", "benchmark:\n  concurrencies: 4x8x16\n"],
  ["single", "benchmark:\n  concurrencies: 64\n"],
  ["comments and blank lines", "benchmark:   # the sweep\n\n  # sizes\n  type: sa-bench\n  concurrencies: [1, 2]   # small\n"],
  ["none", "benchmark:\n  type: sa-bench\n  isl: 1024\n"],
  ["no benchmark", "name: x\nresources:\n  gpus_per_node: 8\n"],
  ["nested under something else", "other:\n  benchmark:\n    concurrencies: [9]\nbenchmark:\n  concurrencies: [1]\n"],
];

describe("quickRecipeConcurrencies", () => {
  it.each(CASES)("%s: agrees with the YAML parser", (_name, text) => {
    const full = parseRecipe(text);
    expect(full.ok).toBe(true);
    const quick = quickRecipeConcurrencies(text);
    if (quick !== undefined) expect(quick).toEqual(full.ok ? full.concurrencies : null);
  });

  it("reads the common spellings itself", () => {
    expect(quickRecipeConcurrencies(CASES[0][1])).toEqual([16, 64, 256]);
    expect(quickRecipeConcurrencies(CASES[1][1])).toEqual([1, 4, 2048]);
    expect(quickRecipeConcurrencies(CASES[2][1])).toEqual([4, 8, 16]);
    expect(quickRecipeConcurrencies(CASES[6][1])).toBeNull();
    expect(quickRecipeConcurrencies(CASES[8][1])).toEqual([1]);
  });

  it("steps aside for what it cannot be sure of", () => {
    expect(quickRecipeConcurrencies("benchmark: {concurrencies: [1, 2]}\n")).toBeUndefined();
    expect(quickRecipeConcurrencies("benchmark:\n  concurrencies: &sizes [1, 2]\n")).toBeUndefined();
    expect(recipeConcurrencies("benchmark: {concurrencies: [1, 2]}\n")).toEqual([1, 2]);
  });
});
