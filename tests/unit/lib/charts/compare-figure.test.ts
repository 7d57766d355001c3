import { describe, expect, it } from "vitest";
import { buildCompareFrontierFigure, buildDeltaFigure, floorCut } from "@/lib/charts/compare-figure";

describe("compare figures", () => {
  it("two frontier traces named by side, the overlap shaded only when there is one", () => {
    const figure = buildCompareFrontierFigure([{ x: 10, y: 100 }], [{ x: 10, y: 110 }], ["tag a", "tag b"], "total", [10, 10]);
    expect(figure.data.map((t) => [t.name, t.x, t.y])).toEqual([["tag a", [10], [100]], ["tag b", [10], [110]]]);
    expect(figure.layout.shapes).toHaveLength(1);
    expect(figure.layout.yaxis?.title).toEqual({ text: "Total TPS/GPU" });
    expect(buildCompareFrontierFigure([], [], ["a", "b"], "output", null).layout.shapes).toEqual([]);
  });

  it("Δ% line over the samples", () => {
    const figure = buildDeltaFigure([{ x: 1, changePct: 5 }, { x: 2, changePct: -3 }], "output");
    expect(figure.data[0]).toMatchObject({ x: [1, 2], y: [5, -3] });
  });

  it("where the baseline falls below its floor: a labelled dotted line, and the Δ% axis spans the whole overlap", () => {
    const delta = buildDeltaFigure([{ x: 10, changePct: 5 }, { x: 38, changePct: 300 }], "output", [10, 40], 38);
    expect(delta.layout.xaxis?.range).toEqual([10, 40]);
    expect(delta.layout.shapes).toEqual([expect.objectContaining({ type: "line", x0: 38, x1: 38, yref: "paper" })]);
    expect(delta.layout.annotations?.[0]?.text).toBe("not compared past here: baseline < 5% of its peak →");
    const frontiers = buildCompareFrontierFigure([{ x: 10, y: 100 }], [{ x: 10, y: 110 }], ["a", "b"], "output", [10, 40], 38);
    expect(frontiers.layout.shapes).toHaveLength(2);
    expect(floorCut(null)).toEqual({ shapes: [], annotations: [] });
    expect(buildDeltaFigure([], "output", [10, 40], null).layout.xaxis?.range).toBeUndefined();
  });
});
