import { describe, expect, it } from "vitest";
import { cutoffLine, DEFAULT_VIEW_STATE, parseViewState, toQueryString, withCutoff } from "@/lib/view-state";

const parse = (query: string) => parseViewState(new URLSearchParams(query));

describe("the Pareto cutoff line and the SLA TPS/User bound are one value (URL min-tps-user)", () => {
  it("the line is drawn at the bound, only while it is switched on", () => {
    expect(cutoffLine(parse("cutoff=1&min-tps-user=45"))).toBe(45);
    expect(cutoffLine(parse("min-tps-user=45"))).toBeNull();
    expect(cutoffLine(parse("cutoff=1"))).toBeNull();
  });

  it("switching the line on with no bound sets the bound to 30 TPS/User; off keeps the bound", () => {
    const on = withCutoff(DEFAULT_VIEW_STATE, true);
    expect(on.sla.minTpsUser).toBe(30);
    expect(toQueryString(on)).toBe("cutoff=1&min-tps-user=30");
    expect(withCutoff(parse("min-tps-user=12"), true).sla.minTpsUser).toBe(12);
    const off = withCutoff(parse("cutoff=1&min-tps-user=12"), false);
    expect([off.cutoff, off.sla.minTpsUser]).toEqual([false, 12]);
  });

  it("an old link's cutoffAt becomes the bound unless the link also has one; it is never written again", () => {
    const old = parse("cutoff=1&cutoffAt=42.5");
    expect(old.sla.minTpsUser).toBe(42.5);
    expect(toQueryString(old)).toBe("cutoff=1&min-tps-user=42.5");
    expect(parse("cutoffAt=42.5&min-tps-user=20").sla.minTpsUser).toBe(20);
    expect(parse("cutoffAt=-3").sla.minTpsUser).toBeNull();
  });
});
