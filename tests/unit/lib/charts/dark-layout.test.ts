import { describe, expect, it } from "vitest";
import type { Layout } from "plotly.js-dist-min";
import { darkLayout, darkTraces } from "@/lib/charts/dark-layout";
import type { Trace } from "@/lib/charts/pareto-figure";
import { BASE_LAYOUT, GRID_AXIS } from "@/lib/charts/style";

const LIGHT: Partial<Layout> = {
  ...BASE_LAYOUT,
  title: { text: "Output TPS/GPU vs TPS/User" },
  xaxis: { ...GRID_AXIS, title: { text: "TPS/User" } },
  yaxis: { ...GRID_AXIS, type: "log" },
  yaxis2: { ...GRID_AXIS, overlaying: "y" },
  legend: { font: { size: 11 } },
  annotations: [{ text: "<b>prefill</b>", font: { size: 14, color: "#0f172a" }, bgcolor: "#ffffff", bordercolor: "#0f172a" }, { text: "Target", font: { color: "#dc2626" } }],
  shapes: [{ type: "rect", fillcolor: "#e2e8f0", line: { width: 0 } }, { type: "line", line: { color: "#dc2626" } }],
};

describe("darkLayout", () => {
  const dark = darkLayout(LIGHT);

  it("puts the plot on the dark page background with light text", () => {
    expect(dark.paper_bgcolor).toBe("#0f172a");
    expect(dark.plot_bgcolor).toBe("#0f172a");
    expect(dark.font).toEqual({ family: "ui-sans-serif, system-ui, sans-serif", size: 12, color: "#e2e8f0" });
    expect(dark.legend).toEqual({ font: { size: 11, color: "#e2e8f0" }, bgcolor: "rgba(0,0,0,0)" });
  });

  it("darkens the grid of every axis and keeps each axis' own settings", () => {
    for (const axis of [dark.xaxis, dark.yaxis, dark.yaxis2]) {
      expect(axis).toMatchObject({ gridcolor: "#334155", linecolor: "#64748b", zerolinecolor: "#64748b", showgrid: true });
    }
    expect(dark.yaxis?.type).toBe("log");
    expect(dark.xaxis?.title).toEqual({ text: "TPS/User" });
    expect(dark.yaxis2?.overlaying).toBe("y");
  });

  it("turns dark ink and white labels light and dark, leaving series colours alone", () => {
    expect(dark.annotations?.[0]).toMatchObject({ font: { size: 14, color: "#e2e8f0" }, bgcolor: "#0f172a", bordercolor: "#e2e8f0" });
    expect(dark.annotations?.[1].font?.color).toBe("#dc2626");
    expect(dark.shapes?.[0].fillcolor).toBe("#475569");
    expect(dark.shapes?.[1].line?.color).toBe("#dc2626");
  });

  it("gives a figure without axes the dark grid too, and leaves the light layout untouched", () => {
    expect(darkLayout({}).xaxis).toMatchObject({ gridcolor: "#334155" });
    expect(LIGHT.paper_bgcolor).toBe("#ffffff");
    expect(LIGHT.xaxis?.gridcolor).toBe("#e2e8f0");
    expect(LIGHT.annotations?.[0].bgcolor).toBe("#ffffff");
  });
});

describe("darkTraces", () => {
  it("lightens dark-ink marker outlines (picked rings, the best point's star) and keeps run colours", () => {
    const data: Trace[] = [
      { name: "3667", marker: { color: "#1f77b4", line: { color: "#0f172a", width: [3, 0] } } },
      { name: "best", marker: { color: "#facc15", symbol: "star" as const, line: { color: ["#0f172a", "#1f77b4"], width: 1.5 } } },
    ];
    const dark = darkTraces(data);
    expect(dark[0].marker).toEqual({ color: "#1f77b4", line: { color: "#e2e8f0", width: [3, 0] } });
    expect(dark[1].marker?.line?.color).toEqual(["#e2e8f0", "#1f77b4"]);
    expect(data[0].marker?.line?.color).toBe("#0f172a");
  });

  it("returns the same array when nothing changes, so the chart does not redraw", () => {
    const data: Trace[] = [{ name: "a", marker: { color: "#d62728", line: { width: 0 } } }, { name: "b", line: { color: "#ca8a04" } }];
    expect(darkTraces(data)).toBe(data);
  });
});
