import type { Layout } from "plotly.js-dist-min";

/** Dark chart template: the page's slate-900 behind the plot, light ink, faint grid. */
export const DARK = { background: "#0f172a", ink: "#e2e8f0", grid: "#334155", line: "#64748b" } as const;

/**
 * Colours the light figures use for ink and panels, and what they become on a dark background. Series
 * colours (runs, SLA red, frontier gold) are not here: they read on both.
 */
const SWAP: Record<string, string> = {
  "#ffffff": DARK.background,
  "#0f172a": DARK.ink,
  "#475569": "#94a3b8",
  "#e2e8f0": "#475569",
  "#94a3b8": DARK.line,
};

function swap<T>(color: T): T {
  return typeof color === "string" ? ((SWAP[color.toLowerCase()] ?? color) as T) : color;
}

type Annotation = NonNullable<Layout["annotations"]>[number];
type Shape = NonNullable<Layout["shapes"]>[number];

function darkAnnotation(a: Partial<Annotation>): Partial<Annotation> {
  return { ...a, ...(a.font ? { font: { ...a.font, color: swap(a.font.color) } } : {}), bgcolor: swap(a.bgcolor), bordercolor: swap(a.bordercolor) };
}

function darkShape(s: Partial<Shape>): Partial<Shape> {
  return { ...s, fillcolor: swap(s.fillcolor), ...(s.line ? { line: { ...s.line, color: swap(s.line.color) } } : {}) };
}

/** An axis (xaxis, yaxis2, ...) with the dark grid, axis line and zero line. */
function darkAxis(axis: object): object {
  return { ...axis, gridcolor: DARK.grid, linecolor: DARK.line, zerolinecolor: DARK.line };
}

/**
 * The dark version of a light figure's layout, for dark mode: a new object, the input untouched (the
 * light layout is memoised by its tab). Backgrounds, text, grid, legend, modebar, annotations and shapes.
 */
export function darkLayout(layout: Partial<Layout>): Partial<Layout> {
  const out: Record<string, unknown> = { ...layout };
  for (const [key, value] of Object.entries(layout)) {
    if (/^[xy]axis\d*$/.test(key) && value && typeof value === "object") out[key] = darkAxis(value);
  }
  // Plotly draws axes it is not told about with its own light-grey grid: give the default pair ours.
  for (const key of ["xaxis", "yaxis"]) out[key] ??= darkAxis({});
  return {
    ...(out as Partial<Layout>),
    paper_bgcolor: DARK.background,
    plot_bgcolor: DARK.background,
    font: { ...layout.font, color: DARK.ink },
    legend: { ...layout.legend, bgcolor: "rgba(0,0,0,0)", font: { ...layout.legend?.font, color: DARK.ink } },
    modebar: { ...layout.modebar, bgcolor: "rgba(15,23,42,0.6)", color: "#94a3b8", activecolor: DARK.ink },
    ...(layout.annotations ? { annotations: layout.annotations.map(darkAnnotation) } : {}),
    ...(layout.shapes ? { shapes: layout.shapes.map(darkShape) } : {}),
  };
}

type Trace = Partial<import("plotly.js-dist-min").ScatterData>;

/**
 * The traces for dark mode: the outlines the light figures draw in dark ink (a picked point's ring, the
 * best point's star edge) would vanish on the dark background, so they turn light. Run colours stay.
 * Returns the input array itself when no trace changes, so nothing redraws for nothing.
 */
export function darkTraces(data: Trace[]): Trace[] {
  let changed = false;
  const out = data.map((trace) => {
    const line = trace.marker?.line;
    if (!line?.color) return trace;
    const color = Array.isArray(line.color) ? line.color.map((c) => swap(c)) : swap(line.color);
    if (color === line.color || (Array.isArray(color) && color.every((c, i) => c === (line.color as unknown[])[i]))) return trace;
    changed = true;
    return { ...trace, marker: { ...trace.marker, line: { ...line, color } } } as Trace;
  });
  return changed ? out : data;
}
