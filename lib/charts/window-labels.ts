/**
 * Where the concurrency labels of a time chart go so none overlaps another: Plotly draws annotations
 * where told, however they collide, so labels are placed here in rows under the top edge, each in the
 * first row with room, and dropped when no row has room (the shaded window stays; its hover says it).
 * Widths are estimated in pixels for a chart of `plotWidthPx`, the narrowest a node chart gets.
 */

export interface LabelSpec {
  /** Centre on the x axis, in data units. */
  x: number;
  text: string;
}

export interface LabelLayout {
  plotWidthPx: number;
  /** Average glyph width of the 10 px label font. */
  charPx: number;
  /** Free space kept between two labels of a row. */
  gapPx: number;
  rows: number;
}

export const LABEL_LAYOUT: LabelLayout = { plotWidthPx: 560, charPx: 6, gapPx: 6, rows: 3 };

/**
 * The row of each label (0 = top), or null when it is dropped; labels outside `span` are dropped.
 * Greedy left to right, so the same input always gives the same picture.
 */
export function placeLabels(labels: readonly LabelSpec[], span: readonly [number, number], layout: LabelLayout = LABEL_LAYOUT): (number | null)[] {
  const rows = new Array<number | null>(labels.length).fill(null);
  const width = span[1] - span[0];
  if (!(width > 0)) return rows;
  const rowEnds = new Array<number>(layout.rows).fill(-Infinity);
  const order = labels.map((label, i) => ({ i, px: ((label.x - span[0]) / width) * layout.plotWidthPx, half: (label.text.length * layout.charPx) / 2 })).sort((a, b) => a.px - b.px);
  for (const { i, px, half } of order) {
    if (px < 0 || px > layout.plotWidthPx) continue;
    const row = rowEnds.findIndex((end) => end + layout.gapPx <= px - half);
    if (row < 0) continue;
    rowEnds[row] = px + half;
    rows[i] = row;
  }
  return rows;
}

/** Paper y of a label row: rows step down from the top edge by one 10 px line. */
export const labelRowY = (row: number) => 1 - row * 0.055;
