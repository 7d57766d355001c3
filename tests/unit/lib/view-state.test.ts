import { describe, expect, it } from "vitest";
import { DEFAULT_VIEW_STATE, hrefFor, parseViewState, shownWindowRuns, toggled, toQueryString, withConfigPick, withoutFilters, yChoice, type ViewState } from "@/lib/view-state";

const parse = (query: string) => parseViewState(new URLSearchParams(query));

describe("view state in the URL", () => {
  it("an empty query is the default view, and the default view is an empty query", () => {
    expect(parse("")).toEqual(DEFAULT_VIEW_STATE);
    expect(DEFAULT_VIEW_STATE).toMatchObject({ y: "output", cutoff: false, frontier: false, stat: "mean", points: [] });
    expect(toQueryString(DEFAULT_VIEW_STATE)).toBe("");
    expect(hrefFor("/pareto", DEFAULT_VIEW_STATE)).toBe("/pareto");
  });

  it("round-trips every field, lists as repeated keys", () => {
    const state: ViewState = {
      logs: "/data/outputs, run #2",
      gpu: ["H100", "GB200"],
      topology: ["1P/4D"],
      islOsl: ["1024/1024"],
      container: ["ghcr.io/x:y"],
      tags: ["baseline", "a&b"],
      cluster: ["gb200-a", "h100 b"],
      runs: ["3667_1P_4D_20251110_192145", "12045"],
      y: "ttft-p99",
      x: "concurrency",
      paretoLogX: true,
      paretoLogY: true,
      colorBy: "gpu",
      cutoff: true,
      frontier: true,
      frontierBy: "tag",
      stat: "p99",
      latencyLogY: true,
      latencyX: "tps",
      latencyMedian: true,
      latencyClip: true,
      points: [{ runDir: "3667_1P_4D_20251110_192145", concurrency: 64 }, { runDir: "a@b", concurrency: 8 }],
      swap: true,
      agg: "individual",
      disagg: "separate",
      rate: "requests",
      configNodes: [{ runDir: "3667_1P_4D_20251110_192145", worker: "watchtower-navy-cn02_decode_w0" }],
      diffA: "4410001",
      diffB: "a&b",
      diffSame: true,
      diffIds: true,
      compareBase: "tag:before",
      compareCand: "run:4410002",
      levels: [12.5, 40],
      sla: { bounds: [{ metric: "ttft", stat: "mean", maxMs: 200 }, { metric: "ttft", stat: "p99", maxMs: 500 }, { metric: "e2el", stat: "median", maxMs: 9000.5 }], minTpsUser: 30 },
      win: 128,
      windowRuns: ["3667_1P_4D_20251110_192145", "4401453"],
    };
    const query = toQueryString(state);
    expect(query).toContain("max-ttft-p99=500");
    expect(query).toContain("min-tps-user=30");
    expect(query).toContain("logy=1&latx=tps");
    expect(query).toContain("y=ttft-p99&x=concurrency&xlog=1&ylog=1&color=gpu");
    expect(query).toContain("gpu=H100&gpu=GB200");
    expect(query).toContain("wins=3667_1P_4D_20251110_192145&wins=4401453");
    expect(query).toContain("pt=3667_1P_4D_20251110_192145%4064");
    expect(parse(query)).toEqual(state);
  });

  it("latency axes: log y and the x metric, junk falls back to linear vs concurrency", () => {
    expect(parse("logy=1&latx=tps")).toMatchObject({ latencyLogY: true, latencyX: "tps" });
    expect(parse("logy=maybe&latx=rps")).toMatchObject({ latencyLogY: false, latencyX: "concurrency" });
  });

  it("latency median line and p99 clip: med=1 and clip=1, off by default and left out of the URL when off", () => {
    expect(parse("med=1&clip=1")).toMatchObject({ latencyMedian: true, latencyClip: true });
    expect(parse("med=yes&clip=0")).toMatchObject({ latencyMedian: false, latencyClip: false });
    expect(toQueryString({ ...DEFAULT_VIEW_STATE, latencyClip: true })).toBe("clip=1");
    expect(toQueryString({ ...DEFAULT_VIEW_STATE, latencyMedian: true })).toBe("med=1");
  });

  it("parses Next's searchParams object (string | string[]) the same way", () => {
    expect(parseViewState({ gpu: ["H100", "B200"], run: "3667", y: "total", frontier: "1" })).toMatchObject({
      gpu: ["H100", "B200"],
      runs: ["3667"],
      y: "total",
      frontier: true,
    });
  });

  it("Pareto axes: old y values keep their meaning, new metrics on either axis, junk falls back to today's chart", () => {
    for (const y of ["output", "total", "goodput", "energy"]) expect(parse(`y=${y}`)).toMatchObject({ y, x: "tps-user" });
    expect(parse("x=ttft-p99&y=req-rate&xlog=1&ylog=1&color=tag")).toMatchObject({ x: "ttft-p99", y: "req-rate", paretoLogX: true, paretoLogY: true, colorBy: "tag" });
    expect(parse("x=bogus&y=ttft-p42&color=rainbow&xlog=2")).toMatchObject({ x: "tps-user", y: "output", colorBy: "run", paretoLogX: false });
    // The Latency tab's log y and the Pareto tab's are separate keys: one never switches the other.
    expect(parse("logy=1")).toMatchObject({ latencyLogY: true, paretoLogY: false });
    expect(toQueryString({ ...DEFAULT_VIEW_STATE, y: "total" })).toBe("y=total");
    expect(yChoice("ttft-p99")).toBe("output");
    expect(yChoice("energy")).toBe("energy");
  });

  it("tells 'no run chosen' (default) from 'none selected' and 'all'", () => {
    expect(parse("").runs).toBeUndefined();
    expect(parse("run=").runs).toEqual([]);
    expect(toQueryString({ ...DEFAULT_VIEW_STATE, runs: [] })).toBe("run=");
    expect(parse("run=all").runs).toBe("all");
  });

  it("falls back to defaults on garbage instead of failing", () => {
    const state = parse("y=weird&cutoffAt=-3&stat=p42&pt=nope&pt=x@1.5&pt=@4&frontier=maybe&cutoffAt=abc");
    expect(state.y).toBe("output");
    expect(state.sla.minTpsUser).toBeNull();
    expect(state.stat).toBe("mean");
    expect(state.points).toEqual([]);
    expect(state.frontier).toBe(false);
  });

  it("keeps at most the last two picked points, and drops duplicate list values", () => {
    expect(parse("pt=a@1&pt=b@2&pt=c@3").points).toEqual([{ runDir: "b", concurrency: 2 }, { runDir: "c", concurrency: 3 }]);
    expect(parse("gpu=H100&gpu=H100").gpu).toEqual(["H100"]);
  });

  it("toggles list values and clears filters", () => {
    expect(toggled(["a", "b"], "a")).toEqual(["b"]);
    expect(toggled(["a"], "b")).toEqual(["a", "b"]);
    const filtered = parse("gpu=H100&tag=x&run=1&y=total");
    expect(toQueryString(withoutFilters(filtered))).toBe("run=1&y=total");
  });

  it("node views: aggregation, disaggregation view and rate unit, defaults left out of the URL", () => {
    expect(DEFAULT_VIEW_STATE).toMatchObject({ agg: "all", disagg: "stacked", rate: "tokens", configNodes: [] });
    const state = parse("agg=dp&disagg=separate&rate=requests");
    expect(state).toMatchObject({ agg: "dp", disagg: "separate", rate: "requests" });
    expect(toQueryString(state)).toBe("agg=dp&disagg=separate&rate=requests");
    expect(parse("agg=nodes&disagg=pie&rate=bytes")).toMatchObject({ agg: "all", disagg: "stacked", rate: "tokens" });
    expect(toQueryString(parse("agg=all&disagg=stacked&rate=tokens"))).toBe("");
    // Sum over nodes, shared by Node Metrics and Rate Match.
    expect(parse("agg=sum").agg).toBe("sum");
    expect(toQueryString(parse("agg=sum&rate=requests"))).toBe("agg=sum&rate=requests");
  });

  it("config picks: one worker per run, the last pick winning; malformed picks dropped", () => {
    const state = parse("cfg=a@x_prefill_w0&cfg=b%40c@y_decode_w1&cfg=a@z_decode_w0&cfg=nope&cfg=@w&cfg=r@");
    expect(state.configNodes).toEqual([
      { runDir: "a", worker: "z_decode_w0" },
      { runDir: "b@c", worker: "y_decode_w1" },
    ]);
    const picked = withConfigPick(state, { runDir: "b@c", worker: "q_prefill_w0" });
    expect(picked.configNodes).toEqual([{ runDir: "a", worker: "z_decode_w0" }, { runDir: "b@c", worker: "q_prefill_w0" }]);
    expect(toQueryString(picked)).toBe("cfg=a%40z_decode_w0&cfg=b%40c%40q_prefill_w0");
  });

  it("run diff: runs a and b, differences only unless same=1", () => {
    expect(parse("a=4410001&b=4410002")).toMatchObject({ diffA: "4410001", diffB: "4410002", diffSame: false });
    expect(parse("a=&b=")).toMatchObject({ diffA: undefined, diffB: undefined });
    expect(toQueryString(parse("b=2&a=1&same=1"))).toBe("a=1&b=2&same=1");
  });

  it("compare: baseline, candidate and levels (sorted, deduplicated, positive numbers only)", () => {
    const state = parse("base=tag:before&cand=run:4410002&lv=40&lv=12.5&lv=x&lv=-1&lv=40&lv=");
    expect(state).toMatchObject({ compareBase: "tag:before", compareCand: "run:4410002", levels: [12.5, 40] });
    expect(toQueryString(state)).toBe("base=tag%3Abefore&cand=run%3A4410002&lv=12.5&lv=40");
  });

  it("SLA lens: bounds by metric and statistic, and a TPS/User floor; unusable values dropped", () => {
    const state = parse("max-tpot-mean=30&max-itl-p99=abc&max-e2el-p99=-5&min-tps-user=0&max-ttft-median=250");
    expect(state.sla).toEqual({ bounds: [{ metric: "ttft", stat: "median", maxMs: 250 }, { metric: "tpot", stat: "mean", maxMs: 30 }], minTpsUser: null });
    expect(toQueryString(state)).toBe("max-ttft-median=250&max-tpot-mean=30");
    expect(parse("win=64").win).toBe(64);
    expect(parse("win=x").win).toBeUndefined();
  });

  it("frontierBy: a grouping or the default single frontier", () => {
    expect(parse("frontier=1&frontierBy=gpu")).toMatchObject({ frontier: true, frontierBy: "gpu" });
    expect(parse("frontierBy=colour").frontierBy).toBe("all");
    expect(toQueryString(parse("frontierBy=all"))).toBe("");
  });
});

describe("shownWindowRuns (issue 20 item 1)", () => {
  it("a lone run's windows are drawn; with several runs only those switched on, none by default", () => {
    expect([...shownWindowRuns([], ["D"])]).toEqual(["D"]);
    expect([...shownWindowRuns([], ["D", "A1", "A2"])]).toEqual([]);
    expect([...shownWindowRuns(["A1", "gone"], ["D", "A1", "A2"])]).toEqual(["A1"]);
  });
});
