import { describe, expect, it } from "vitest";
import { applyView, filterChoices, filterOptionsOf, filterRuns, resolveRunNames, selectRuns, unknownRunsText } from "@/lib/filters";
import { DEFAULT_VIEW_STATE, parseViewState } from "@/lib/view-state";
import { makeRun } from "./charts/make-run";

const runs = [
  makeRun({ jobId: "5000", runDir: "5000_1P_4D", meta: { tags: ["baseline", "h100"] } }),
  makeRun({ jobId: "4000", runDir: "4000_2P_2D", topology: "2P/2D", meta: { gpuType: "GB200", container: "c:2", tags: ["baseline"] } }),
  makeRun({ jobId: "3000", runDir: "3000_8A", topology: "8A", meta: { gpuType: "h100", container: null, profiler: { type: "sa-bench", isl: 8192, osl: 1024, concurrencies: null, requestRate: null } } }),
  makeRun({ jobId: "2000", runDir: "2000_1P_4D", meta: { gpuType: null, tags: ["h100"] } }),
];
const dirs = (list: { runDir: string }[]) => list.map((r) => r.runDir);
const view = (query: string) => parseViewState(new URLSearchParams(query));

describe("sidebar filters", () => {
  it("offers every value once, sorted, GPU names shortened", () => {
    expect(filterOptionsOf(runs)).toEqual({
      gpu: ["GB200", "H100"],
      topology: ["1P/4D", "2P/2D", "8A"],
      islOsl: ["1024/1024", "8192/1024"],
      container: ["c:2", "ghcr.io/sgl-project/sglang:v0.4.1-cu121"],
      tags: ["baseline", "h100"],
      cluster: [],
    });
  });

  it("cluster: offered for dataset runs only, and narrows to the chosen clusters", () => {
    const origin = (cluster: string) => ({ dataset: "/d", runKey: `${cluster}/x`, cluster, month: "2025-11" });
    const mixed = [{ ...runs[0], origin: origin("gb-a") }, { ...runs[1], origin: origin("h-b") }, { ...runs[2], origin: origin("gb-a") }, runs[3]];
    expect(filterOptionsOf(mixed).cluster).toEqual(["gb-a", "h-b"]);
    expect(dirs(filterRuns(mixed, view("cluster=gb-a")))).toEqual(["5000_1P_4D", "3000_8A"]);
    expect(dirs(filterRuns(mixed, view("cluster=h-b&cluster=gb-a")))).toEqual(["5000_1P_4D", "4000_2P_2D", "3000_8A"]);
  });

  it("each filter keeps only matching runs; empty filters keep all", () => {
    expect(dirs(filterRuns(runs, DEFAULT_VIEW_STATE))).toEqual(["5000_1P_4D", "4000_2P_2D", "3000_8A", "2000_1P_4D"]);
    expect(dirs(filterRuns(runs, view("gpu=H100")))).toEqual(["5000_1P_4D", "3000_8A"]);
    expect(dirs(filterRuns(runs, view("topology=2P/2D&topology=8A")))).toEqual(["4000_2P_2D", "3000_8A"]);
    expect(dirs(filterRuns(runs, view("islosl=8192/1024")))).toEqual(["3000_8A"]);
    expect(dirs(filterRuns(runs, view("container=c:2")))).toEqual(["4000_2P_2D"]);
  });

  it("tags: runs having ALL chosen tags", () => {
    expect(dirs(filterRuns(runs, view("tag=baseline")))).toEqual(["5000_1P_4D", "4000_2P_2D"]);
    expect(dirs(filterRuns(runs, view("tag=baseline&tag=h100")))).toEqual(["5000_1P_4D"]);
  });

  it("selection: newest three by default, the URL's runs among the filtered, all, or none", () => {
    expect(dirs(selectRuns(runs, undefined))).toEqual(["5000_1P_4D", "4000_2P_2D", "3000_8A"]);
    expect(dirs(selectRuns(runs, ["2000_1P_4D", "5000_1P_4D", "nope"]))).toEqual(["5000_1P_4D", "2000_1P_4D"]);
    expect(dirs(selectRuns(runs, "all"))).toHaveLength(4);
    expect(selectRuns(runs, [])).toEqual([]);
    const { filtered, selected } = applyView(runs, view("gpu=H100&run=2000_1P_4D&run=3000_8A"));
    expect(dirs(filtered)).toEqual(["5000_1P_4D", "3000_8A"]);
    expect(dirs(selected)).toEqual(["3000_8A"]);
  });
});

describe("?run= by directory or job id", () => {
  // 7000 lives in a directory named by its job id (v2 layout); 6000 twice, as an original and a re-run copy.
  const named = [
    makeRun({ jobId: "7000", runDir: "7000" }),
    makeRun({ jobId: "6000", runDir: "6000_1P_2D_20251110_120000" }),
    makeRun({ jobId: "6000", runDir: "6000_copy" }),
    ...runs,
  ];

  it("a job id selects the run with that job id, whatever its directory is called", () => {
    expect(dirs(selectRuns(named, ["5000"]))).toEqual(["5000_1P_4D"]);
    expect(dirs(applyView(named, view("run=4000")).selected)).toEqual(["4000_2P_2D"]);
  });

  it("a directory name means that directory only; a job id shared by two directories selects both", () => {
    expect(dirs(selectRuns(named, ["6000_copy"]))).toEqual(["6000_copy"]);
    expect(dirs(selectRuns(named, ["6000"]))).toEqual(["6000_1P_2D_20251110_120000", "6000_copy"]);
    expect(dirs(selectRuns(named, ["7000", "5000_1P_4D"]))).toEqual(["7000", "5000_1P_4D"]);
  });

  it("a name neither a directory nor a job id is unknown, and said so", () => {
    expect(resolveRunNames(named, ["5000", "nope", "123"])).toEqual({ runDirs: new Set(["5000_1P_4D"]), unknown: ["nope", "123"] });
    const { selected, unknownRuns } = applyView(named, view("run=999999"));
    expect(selected).toEqual([]);
    expect(unknownRuns).toEqual(["999999"]);
    expect(applyView(named, view("run=all")).unknownRuns).toEqual([]);
    expect(unknownRunsText(["999999"], "/logs")).toBe("Unknown run 999999: no run directory or job id of that name in /logs.");
    expect(unknownRunsText(["1", "2"], "/logs")).toBe("Unknown runs 1, 2: no run directory or job id of those names in /logs.");
  });

  it("names resolve against every run, so a filtered-out directory does not turn into another run's job id", () => {
    const clash = [makeRun({ jobId: "8000", runDir: "8000", meta: { gpuType: "GB200" } }), makeRun({ jobId: "8000", runDir: "8000_retry" })];
    expect(dirs(applyView(clash, view("gpu=H100&run=8000")).selected)).toEqual([]);
    expect(dirs(applyView(clash, view("run=8000")).selected)).toEqual(["8000"]);
  });
});

describe("cluster filter with the URL and the other filters", () => {
  const origin = (cluster: string) => ({ dataset: "/d", runKey: `${cluster}/x`, cluster, month: "2025-11" });
  // Job 5000 ingested from two clusters: two runs, named apart by their cluster prefix.
  const two = [
    { ...runs[0], runDir: "gb:5000_1P_4D", origin: origin("gb") },
    { ...runs[0], runDir: "h:5000_1P_4D", origin: origin("h") },
    { ...runs[1], runDir: "h:4000_2P_2D", origin: origin("h") },
  ];

  it("ANDs with the other filters, and a job id in ?run= picks it in the chosen cluster only", () => {
    expect(dirs(filterRuns(two, view("cluster=h&tag=h100")))).toEqual(["h:5000_1P_4D"]);
    expect(dirs(filterRuns(two, view("cluster=gb&gpu=GB200")))).toEqual([]);
    expect(dirs(applyView(two, view("run=5000")).selected)).toEqual(["gb:5000_1P_4D", "h:5000_1P_4D"]);
    expect(dirs(applyView(two, view("run=5000&cluster=h")).selected)).toEqual(["h:5000_1P_4D"]);
    expect(dirs(applyView(two, view("run=gb:5000_1P_4D&cluster=h")).selected)).toEqual([]);
    // On a logs dir (no cluster), a cluster in the URL matches nothing: it must show up to be unticked.
    expect(dirs(filterRuns(runs, view("cluster=gb")))).toEqual([]);
  });

  it("the sidebar lists a chosen value no run offers (stale link, cluster on a logs dir), once", () => {
    expect(filterChoices(["gb", "h"], ["h"])).toEqual(["gb", "h"]);
    expect(filterChoices([], ["gb", "gone", "gb"])).toEqual(["gb", "gone"]);
    expect(filterChoices(["gb"], ["gone"])).toEqual(["gb", "gone"]);
  });
});
