import { describe, expect, it } from "vitest";
import { buildDisaggStackedFigure, buildNodeFigure, buildRateMatchFigure, hasLines, windowOverlay, type NodeRunLines } from "@/lib/charts/node-figure";
import { DISAGG_SEPARATE, NODE_SECTIONS } from "@/lib/node-charts";
import type { RateLines } from "@/lib/node-view";

const line = (label: string, y: number[]) => ({ label, x: y.map((_, i) => i), y });
const spec = (role: string, id: string) => NODE_SECTIONS.find((s) => s.role === role)!.charts.find((c) => c.id === `${role}-${id}`)!;

const runs: NodeRunLines[] = [
  {
    run: { runDir: "3667_1P_4D", jobId: "3667", label: "3667 | 1P4D | 8/32" },
    lines: {
      "prefill:tokenUsage": [line("cn01-p-w0", [10, 20])],
      "decode:runningReq": [line("cn02-d-w0", [5, 6]), line("cn03-d-w1", [7, 8])],
      "decode:preallocReq": [line("cn02-d-w0", [1, 0])],
      "decode:transferReq": [line("cn02-d-w0", [2, 1])],
    },
  },
  { run: { runDir: "4401463", jobId: "4401463", label: "4401463 | 2P1D | 8/8" }, lines: { "decode:runningReq": [line("eos0250-d-w0", [3, 4])] } },
];

describe("buildNodeFigure", () => {
  it("one trace per run and line, named run | node, over elapsed seconds", () => {
    const figure = buildNodeFigure(runs, spec("decode", "running"), "individual");
    expect(figure.data.map((t) => t.name)).toEqual(["3667 | 1P4D | 8/32 | cn02-d-w0", "3667 | 1P4D | 8/32 | cn03-d-w1", "4401463 | 2P1D | 8/8 | eos0250-d-w0"]);
    expect(figure.data[1]).toMatchObject({ x: [0, 1], y: [7, 8], mode: "lines" });
    expect(new Set(figure.data.map((t) => (t.line as { color: string }).color)).size).toBe(3);
    expect(figure.layout.xaxis).toMatchObject({ title: { text: "Time Elapsed (s)" } });
    expect(figure.layout.title).toMatchObject({ text: "Running Requests" });
  });

  it("KV cache utilization is a 0-100 % axis", () => {
    const figure = buildNodeFigure(runs, spec("prefill", "kv-cache"), "all");
    expect(figure.layout.yaxis).toMatchObject({ title: { text: "Utilization (%)" }, range: [0, 100] });
    expect(figure.data[0].hovertemplate).toContain("%{y:,.4~r}%");
  });

  it("knows which charts have something to draw", () => {
    expect(hasLines(runs, { role: "decode", metric: "runningReq" })).toBe(true);
    expect(hasLines(runs, { role: "prefill", metric: "inputThroughput" })).toBe(false);
    expect(hasLines(runs, DISAGG_SEPARATE[0])).toBe(true);
  });
});

describe("buildDisaggStackedFigure", () => {
  it("stacks prealloc, transfer and running per run and line, in flow order", () => {
    const figure = buildDisaggStackedFigure(runs);
    expect(figure.data.map((t) => t.name)).toEqual([
      "3667 | 1P4D | 8/32 | cn02-d-w0 | Prealloc Queue",
      "3667 | 1P4D | 8/32 | cn02-d-w0 | Transfer Queue",
      "3667 | 1P4D | 8/32 | cn02-d-w0 | Running",
      "3667 | 1P4D | 8/32 | cn03-d-w1 | Running",
      "4401463 | 2P1D | 8/8 | eos0250-d-w0 | Running",
    ]);
    expect(figure.data.slice(0, 3).map((t) => t.stackgroup)).toEqual(["3667_1P_4D|cn02-d-w0", "3667_1P_4D|cn02-d-w0", "3667_1P_4D|cn02-d-w0"]);
    expect(figure.data[3].stackgroup).toBe("3667_1P_4D|cn03-d-w1");
  });
});

describe("buildRateMatchFigure", () => {
  const rate: RateLines = {
    tokens: { prefill: line("prefill input", [8000]), decode: line("decode generation", [900]) },
    requests: { prefill: line("prefill input", [8]), decode: line("decode generation", [9]) },
    stats: { lines: 4, downsampled: 0, largest: 1, budget: 1000 },
  };

  it("tokens/s or requests/s, the axis saying which", () => {
    const tokens = buildRateMatchFigure(rate, "tokens");
    expect(tokens.data.map((t) => [t.name, t.y])).toEqual([["Prefill Input", [8000]], ["Decode Generation", [900]]]);
    expect(tokens.layout.yaxis).toMatchObject({ title: { text: "Throughput (tokens/s)" } });
    const requests = buildRateMatchFigure(rate, "requests");
    expect(requests.data.map((t) => t.y)).toEqual([[8], [9]]);
    expect(requests.layout.yaxis).toMatchObject({ title: { text: "Rate (requests/s)" } });
  });

  it("stays in tokens/s when ISL/OSL are unknown", () => {
    const figure = buildRateMatchFigure({ ...rate, requests: null }, "requests");
    expect(figure.data[0].y).toEqual([8000]);
    expect(figure.layout.yaxis).toMatchObject({ title: { text: "Throughput (tokens/s)" } });
  });
});

describe("concurrency windows on node charts", () => {
  const windows = { windows: [{ concurrency: 16, x0: 10, x1: 110 }, { concurrency: 32, x0: 130, x1: 330 }], note: null };
  const withWindows: NodeRunLines[] = [{ ...runs[0], windows }];

  it("shades each window behind the lines, labelled with its concurrency", () => {
    const layout = buildNodeFigure(withWindows, spec("decode", "running"), "all").layout;
    expect(layout.shapes).toMatchObject([
      { type: "rect", layer: "below", x0: 10, x1: 110, yref: "paper" },
      { type: "rect", layer: "below", x0: 130, x1: 330, yref: "paper" },
    ]);
    expect(layout.annotations?.map((a) => a.text)).toEqual(["c16", "c32"]);
    expect((layout.xaxis as { range?: unknown }).range).toBeUndefined();
  });

  it("zooms to the asked concurrency's window with a margin, and names runs when several have windows", () => {
    const two: NodeRunLines[] = [...withWindows, { ...runs[1], windows: { windows: [{ concurrency: 32, x0: 0, x1: 50 }], note: null } }];
    const layout = windowOverlay(two, 32);
    expect(layout.range).toEqual([120, 340]); // the first run's window, 10 s (5%) either side
    // Zoomed to 120..340 s: only the label inside the shown span stays (the others would sit off the axis).
    expect(layout.annotations.map((a) => a.text)).toEqual(["3667 c32"]);
    expect(windowOverlay(two).annotations.map((a) => a.text)).toEqual(["3667 c16", "3667 c32", "4401463 c32"]);
    expect(windowOverlay(withWindows, 7).range).toBeNull();
    const rate: RateLines = { tokens: { prefill: line("p", [1, 2]), decode: line("d", [3, 4]) }, requests: null, stats: { lines: 2, downsampled: 0, largest: 2, budget: 1000 } };
    expect(buildRateMatchFigure(rate, "tokens", withWindows[0], 16).layout.xaxis).toMatchObject({ range: [5, 115] });
  });

  it("says on the chart when a run's windows could not be placed", () => {
    const unplaced: NodeRunLines[] = [{ ...runs[0], windows: { windows: [], note: "Concurrency windows not drawn: ..." } }];
    const layout = buildNodeFigure(unplaced, spec("decode", "running"), "all").layout;
    expect(layout.shapes ?? []).toEqual([]);
    expect(layout.annotations?.[0].text).toMatch(/windows not drawn for 3667/);
  });
});

describe("windows with several runs (issue 20 item 1)", () => {
  // D is disaggregated (prefill + decode lines), A1 and A2 aggregated (agg lines only); each has placed windows, except D's.
  const win = (c: number, x0: number, x1: number) => ({ concurrency: c, x0, x1 });
  const ref = (jobId: string) => ({ runDir: jobId, jobId, label: `${jobId} | run` });
  const d: NodeRunLines = { run: ref("D"), lines: { "prefill:tokenUsage": [line("n1-p", [1, 2, 3])], "decode:runningReq": [line("n2-d", [1, 2, 3])] }, windows: { windows: [], note: "Concurrency windows not drawn: ..." } };
  const a1: NodeRunLines = { run: ref("A1"), lines: { "agg:tokenUsage": [line("a", [1, 2])] }, windows: { windows: [win(512, 0, 100), win(1024, 100, 200)], note: null } };
  const a2: NodeRunLines = { run: ref("A2"), lines: { "agg:tokenUsage": [line("a", [1, 2])] }, windows: { windows: [win(64, 5, 90)], note: null } };
  const all = [d, a1, a2];
  const texts = (f: { layout: { annotations?: Partial<{ text: string }>[] } }) => (f.layout.annotations ?? []).map((a) => a.text);

  it("a chart draws only the windows of the runs it plots, and notes only about them", () => {
    const everyone = new Set(["D", "A1", "A2"]);
    const prefill = buildNodeFigure(all, spec("prefill", "kv-cache"), "all", undefined, everyone);
    expect(prefill.layout.shapes ?? []).toEqual([]);
    expect(texts(prefill)).toEqual([expect.stringMatching(/^Concurrency windows not drawn for D:/)]);
    const agg = buildNodeFigure(all, spec("agg", "kv-cache"), "all", undefined, everyone);
    expect((agg.layout.shapes ?? []).map((s) => [s.x0, s.x1])).toEqual([[0, 100], [100, 200], [5, 90]]);
    expect(texts(agg).some((t) => t?.includes("D"))).toBe(false);
  });

  it("with several runs, windows are drawn only for the runs switched on", () => {
    const none = buildNodeFigure(all, spec("agg", "kv-cache"), "all", undefined, new Set());
    expect(none.layout.shapes ?? []).toEqual([]);
    expect(none.layout.annotations ?? []).toEqual([]);
    const onlyA2 = buildNodeFigure(all, spec("agg", "kv-cache"), "all", undefined, new Set(["A2"]));
    expect((onlyA2.layout.shapes ?? []).map((s) => [s.x0, s.x1])).toEqual([[5, 90]]);
    expect(texts(onlyA2)).toEqual(["c64"]);
  });

  it("overlapping windows of two runs get labels in different rows, never on top of each other", () => {
    const agg = buildNodeFigure(all, spec("agg", "kv-cache"), "all", undefined, new Set(["A1", "A2"]));
    const labels = (agg.layout.annotations ?? []).map((a) => [a.text, a.y]);
    // Span 0..200 s on 560 px: 2.8 px/s, 7-character labels 42 px wide. A2 c64 (centre 47.5 s = 133 px) is placed
    // first (leftmost) on top; A1 c512 (centre 50 s = 140 px) would overlap it, so it goes one row down;
    // A1 c1024 (centre 150 s = 420 px) has room on top.
    expect(labels).toEqual([["A1 c512", 0.945], ["A1 c1024", 1], ["A2 c64", 1]]);
  });
});
