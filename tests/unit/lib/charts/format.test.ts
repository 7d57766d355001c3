import { describe, expect, it } from "vitest";
import { fmt2 } from "@/lib/charts/format";

// The reference: the Intl format fmt2 used before its toFixed fast path, built here independently.
const intl = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });

describe("fmt2", () => {
  it("writes two decimals without grouping, by hand", () => {
    expect(fmt2(12.345678)).toBe("12.35");
    expect(fmt2(15235)).toBe("15235.00");
    expect(fmt2(0.004)).toBe("0.00");
    expect(fmt2(-3.5)).toBe("-3.50");
    expect(fmt2(1e21)).toBe("1000000000000000000000.00");
  });

  it("says N/A for a missing or non-finite number", () => {
    for (const value of [null, undefined, NaN, Infinity, -Infinity]) expect(fmt2(value)).toBe("N/A");
  });

  it("matches the Intl format on halves, tiny negatives, -0 and huge values", () => {
    const edges = [0.005, 0.015, 0.125, 1.005, 2.675, 1.255, -0.005, -0.001, -0.004999, -0, 0, 5e-324, 123456789.995, 9.995, 1e20 + 0.5, 1e21, -1e21, 1.7976931348623157e308];
    for (const value of edges) expect(fmt2(value), String(value)).toBe(intl.format(value));
  });

  it("matches the Intl format next to every half-hundredth (x.xx5 and its neighbours) and on short decimals", () => {
    for (let i = 0; i < 20_000; i++) {
      const half = Number(`${Math.floor(i / 7)}.${String(i % 100).padStart(2, "0")}5`);
      for (const value of [half, -half, half + 1e-9, half - 1e-9, half * (1 + Number.EPSILON), Number((i / 1000).toFixed(3)), Number((i / 10000).toFixed(4)) * 37]) {
        expect(fmt2(value), String(value)).toBe(intl.format(value));
      }
    }
  });

  it("matches the Intl format on 20,000 values across magnitudes", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const value = (random() - 0.3) * 10 ** Math.floor(random() * 12 - 3);
      expect(fmt2(value)).toBe(intl.format(value));
    }
  });

  it("matches the Intl format on half-hundredths of millions to hundreds of billions (x * 100 then errs by more than 1e-7)", () => {
    expect(fmt2(8443860.405)).toBe("8443860.41");
    for (const base of [1e6, 8e6, 1e8, 1e10, 9e10]) {
      for (let i = 0; i < 5_000; i++) {
        const value = Number(`${base + i * 7919}.${String(i % 100).padStart(2, "0")}5`);
        for (const v of [value, -value]) expect(fmt2(v), String(v)).toBe(intl.format(v));
      }
    }
  });
});
