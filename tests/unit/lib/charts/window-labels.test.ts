import { describe, expect, it } from "vitest";
import { placeLabels, type LabelLayout } from "@/lib/charts/window-labels";

// 100 px wide chart over x 0..100: 1 data unit = 1 px; 4 px per character, 2 px between labels, 2 rows.
const layout: LabelLayout = { plotWidthPx: 100, charPx: 4, gapPx: 2, rows: 2 };
const label = (x: number, text = "c16") => ({ x, text }); // 3 chars = 12 px wide, x-6 .. x+6

describe("placeLabels", () => {
  it("labels far apart share the top row", () => {
    expect(placeLabels([label(10), label(30), label(50)], [0, 100], layout)).toEqual([0, 0, 0]);
  });

  it("a label that would touch its neighbour goes one row down; with no row left it is dropped", () => {
    // 10 spans 4..16; 20 spans 14..26 (overlaps, row 1); 25 spans 19..31 (overlaps 20's row-1 label and 10+2 gap? row 0 ends 16, 16+2 <= 19: row 0)
    expect(placeLabels([label(10), label(20), label(25)], [0, 100], layout)).toEqual([0, 1, 0]);
    expect(placeLabels([label(50), label(51), label(52)], [0, 100], layout)).toEqual([0, 1, null]);
  });

  it("no two placed labels of a row overlap, whatever the input order (18 windows of three runs)", () => {
    const labels = Array.from({ length: 18 }, (_, i) => label((i * 37) % 100, `41${i} c${2 ** (i % 9)}`));
    const rows = placeLabels(labels, [0, 100], layout);
    for (let a = 0; a < labels.length; a++) {
      for (let b = a + 1; b < labels.length; b++) {
        if (rows[a] === null || rows[a] !== rows[b]) continue;
        const [ha, hb] = [labels[a].text.length * 2, labels[b].text.length * 2];
        expect(Math.abs(labels[a].x - labels[b].x), `${a} and ${b}`).toBeGreaterThanOrEqual(ha + hb + 2);
      }
    }
  });

  it("zoomed: labels outside the shown span are dropped, the rest spread over the wider pixels", () => {
    expect(placeLabels([label(10), label(12), label(60)], [5, 15], layout)).toEqual([0, 0, null]);
  });
});
