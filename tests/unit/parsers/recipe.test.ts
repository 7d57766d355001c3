import { describe, expect, it } from "vitest";
import { parseRecipe } from "@/parsers/recipe";

function concurrenciesOf(text: string): number[] | null {
  const result = parseRecipe(text);
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}`);
  return result.concurrencies;
}

describe("parseRecipe (config.yaml)", () => {
  it("reads concurrencies as a YAML flow list and keeps the whole recipe", () => {
    const text = [
      'name: "disagg-8k1k-shared-decode"',
      "resources:",
      "  gpus_per_node: 8",
      "  # decode workers share the prefill nodes",
      "  decode_nodes: 0",
      "benchmark:",
      '  type: "sa-bench"',
      "  isl: 8192",
      "  concurrencies: [16, 64, 256]",
      '  req_rate: "inf"',
      "",
    ].join("\n");
    expect(parseRecipe(text)).toEqual({
      ok: true,
      recipe: {
        name: "disagg-8k1k-shared-decode",
        resources: { gpus_per_node: 8, decode_nodes: 0 },
        benchmark: { type: "sa-bench", isl: 8192, concurrencies: [16, 64, 256], req_rate: "inf" },
      },
      concurrencies: [16, 64, 256],
    });
  });

  it("reads concurrencies as a YAML block list", () => {
    expect(concurrenciesOf("benchmark:\n  concurrencies:\n    - 1\n    - 4\n    - 2048\n")).toEqual([1, 4, 2048]);
  });

  it('reads concurrencies as "4x8x16", quoted or not', () => {
    expect(concurrenciesOf('benchmark:\n  concurrencies: "4x8x16"\n')).toEqual([4, 8, 16]);
    expect(concurrenciesOf("benchmark:\n  concurrencies: 4x8x16\n")).toEqual([4, 8, 16]);
  });

  it("reads a single number and a comma-separated string", () => {
    expect(concurrenciesOf("benchmark:\n  concurrencies: 64\n")).toEqual([64]);
    expect(concurrenciesOf('benchmark:\n  concurrencies: "16,32"\n')).toEqual([16, 32]);
  });

  it("no benchmark, an empty benchmark or no concurrencies -> null", () => {
    expect(concurrenciesOf("name: x\n")).toBeNull();
    expect(concurrenciesOf("benchmark:\n")).toBeNull();
    expect(concurrenciesOf("benchmark:\n  type: sa-bench\n")).toBeNull();
    expect(concurrenciesOf("benchmark: sa-bench\n")).toBeNull();
  });

  it("invalid YAML -> a one-line reason", () => {
    const result = parseRecipe("benchmark:\n  concurrencies: [1, 2\n");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const prefix = "config.yaml is not valid YAML: ";
      expect(result.reason.slice(0, prefix.length)).toBe(prefix);
      expect(result.reason.length).toBeGreaterThan(prefix.length);
      expect(result.reason).not.toContain("\n");
    }
  });

  it.each([
    ["a list", "- a\n- b\n"],
    ["a scalar", "hello\n"],
    ["an empty file", ""],
  ])("%s -> 'config.yaml is not a mapping'", (_name, text) => {
    expect(parseRecipe(text)).toEqual({ ok: false, reason: "config.yaml is not a mapping" });
  });
});
