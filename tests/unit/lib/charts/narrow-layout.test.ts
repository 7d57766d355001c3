import { describe, expect, it } from "vitest";
import { layoutForWidth, widthBucket } from "@/lib/charts/narrow-layout";

describe("layoutForWidth", () => {
  const layout = { height: 600, legend: { font: { size: 11 } }, title: { text: "Pareto" } };

  it("a wide chart keeps its legend at the right", () => {
    expect(layoutForWidth(layout, 1100, 3)).toBe(layout);
  });

  it("a narrow chart puts the legend below the plot, in rows of 300 px, and grows by 22 px a row", () => {
    // 950 px: three entries a row; 7 entries need three rows, so 600 + 66.
    const narrow = layoutForWidth(layout, 950, 7);
    expect(narrow.height).toBe(666);
    expect(narrow.legend).toEqual({ font: { size: 11 }, orientation: "h", x: 0, xanchor: "left", y: -0.18, yanchor: "top" });
    expect(narrow.title).toEqual({ text: "Pareto" });
    // No height given: Plotly's 450.
    expect(layoutForWidth({}, 500, 2).height).toBe(450 + 2 * 22);
  });

  it("buckets widths so a resize redraws only when the legend rows change", () => {
    expect([0, 1, 299, 300, 950, 999, 1000, 1400].map(widthBucket)).toEqual([0, 1, 1, 300, 900, 900, 1000, 1000]);
    expect(layoutForWidth(layout, widthBucket(950), 7)).toEqual(layoutForWidth(layout, 950, 7));
  });

  it("leaves alone a hidden or already horizontal legend, a chart without traces, and a width not measured yet", () => {
    expect(layoutForWidth({ ...layout, showlegend: false }, 600, 3)).toEqual({ ...layout, showlegend: false });
    const horizontal = { legend: { orientation: "h" as const, y: -0.2 } };
    expect(layoutForWidth(horizontal, 600, 3)).toBe(horizontal);
    expect(layoutForWidth(layout, 600, 0)).toBe(layout);
    expect(layoutForWidth(layout, 0, 3)).toBe(layout);
    // One trace: Plotly draws no legend unless showlegend is set.
    expect(layoutForWidth(layout, 600, 1)).toBe(layout);
    expect(layoutForWidth({ showlegend: true }, 600, 1).height).toBe(450 + 22);
  });
});
