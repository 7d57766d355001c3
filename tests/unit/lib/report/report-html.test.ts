import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { emptyCounts } from "../../../../parsers/health-signals";
import { toChartRun } from "../../../../lib/charts/chart-data";
import { toRunHealth } from "../../../../lib/health";
import type { Run } from "../../../../lib/model";
import { buildReportDoc, type ReportInput } from "../../../../lib/report/report-doc";
import { escapeHtml, jsonForScript, renderReportHtml } from "../../../../lib/report/report-html";
import { parseViewState } from "../../../../lib/view-state";
import { RunLoader } from "../../../../lib/server/run-loader";
import { blankMetadata, blankPoint } from "../../../helpers/model-builders";
import { copyFixture } from "../../../helpers/temp-dir";

const EVIL = `</script><img src=x onerror=alert(1)>`;

/** An 8-GPU run; per point [concurrency, output TPS, mean TPOT ms, p99 TTFT ms]. */
function makeRun(jobId: string, points: [number, number, number, number][], tags: string[] = []): Run {
  return {
    jobId, runPath: `/logs/${jobId}_run`, runDir: `${jobId}_run`, metadataFile: `${jobId}.json`,
    metadata: blankMetadata({ jobId, tags, gpuType: "H100", gpusPerNode: 8, container: "lmsys/sglang:v0.5", modelPath: "/models/DeepSeek-R1", profiler: { type: "sa-bench", isl: 1024, osl: 1024, concurrencies: null, requestRate: null } }),
    topology: "1P/1D", totalGpus: 8, resultDirs: [], expectedConcurrencies: [], missingConcurrencies: [], missing: [], isComplete: true, notes: [], warnings: [],
    points: points.map(([concurrency, outputTps, meanTpotMs, p99TtftMs]) => blankPoint({ concurrency, outputTps, meanTpotMs, p99TtftMs, meanTtftMs: p99TtftMs / 2, meanItlMs: meanTpotMs })),
  };
}

function input(runs: Run[], query: string, extra: Partial<ReportInput> = {}): ReportInput {
  const state = { ...parseViewState(new URLSearchParams(query)), frontier: true };
  const health = runs.map((run) => toRunHealth(run, { counts: emptyCounts(), retractedRequests: 0, first: [] }));
  return { runs, chartRuns: runs.map(toChartRun), state, health, logsDir: "/logs", origin: "http://127.0.0.1:8501", format: "html", generatedAt: new Date(Date.UTC(2026, 11, 6, 13, 0, 0)), ...extra };
}

const PLOTLY_STUB = "window.Plotly={newPlot:function(){}};";

describe("renderReportHtml", () => {
  it("keeps a tag or run directory holding </script> and an <img onerror> inert", () => {
    const run = { ...makeRun("100", [[8, 800, 20, 200]], [EVIL]), runDir: `100_<b>run</b>` };
    const html = renderReportHtml(buildReportDoc(input([run], `tag=${encodeURIComponent(EVIL)}`)), PLOTLY_STUB);
    // Three script elements (Plotly, the figures' JSON, the draw call) and exactly three ends.
    expect(html.match(/<script/gi)).toHaveLength(3);
    expect(html.match(/<\/script/gi)).toHaveLength(3);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>run</b>");
    // Shown as text in the config table and the selection, and as \u escapes in the JSON.
    expect(html).toContain("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("100_&lt;b&gt;run&lt;/b&gt;");
    const start = html.indexOf('id="srtlog-figures">') + 'id="srtlog-figures">'.length;
    const json = html.slice(start, html.indexOf("</script>", start));
    expect(JSON.parse(json)[0].data.some((t: { text?: string[] }) => t.text?.some((s) => s.includes("100_<b>run</b>")))).toBe(true);
    // The command line quotes the tag for a shell.
    expect(html).toContain(`--tag &#39;&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&#39;`);
  });

  it("holds the selection, SLA, summary rows, config essentials, health notes and the reproduce command", () => {
    const a = makeRun("100", [[8, 800, 20, 200], [16, 1600, 25, 450]], ["fast"]);
    const b = { ...makeRun("200", [[8, 400, 40, 1200]]), missingConcurrencies: [16], warnings: ["no 200.json"] };
    const health = [
      toRunHealth(a, { counts: { ...emptyCounts(), oom: 1 }, retractedRequests: 0, first: [{ signal: "oom", file: "logs/w0.err", line: 7, text: "CUDA out of memory" }] }),
      toRunHealth(b, { counts: emptyCounts(), retractedRequests: 0, first: [] }),
    ];
    const doc = buildReportDoc(input([a, b], "run=100&run=200&max-ttft-p99=500&gpu=H100", { health }));
    const html = renderReportHtml(doc, PLOTLY_STUB);
    // 3 points in all; 800 TPS / 8 GPUs = 100 per GPU at 1000/20 = 50 TPS/User.
    expect(html).toContain("Summary: 3 point(s)");
    // Total TPS is not given: N/A between them.
    expect(html).toMatch(/<td class="n">100<\/td><td>N\/A<\/td><td class="n">50<\/td>/);
    expect(html).toContain("<th>P99 TTFT (ms)</th>");
    expect(html).toContain("p99 TTFT ≤ 500 ms");
    expect(html).toContain("<td>GPU</td><td>H100</td>");
    expect(html).toContain("lmsys/sglang:v0.5");
    expect(html).toContain("/models/DeepSeek-R1");
    expect(html).toContain("1 OOM");
    expect(html).toContain("OOM at logs/w0.err:7: CUDA out of memory");
    expect(html).toContain("missing concurrencies: 16");
    expect(html).toContain("warning: no 200.json");
    expect(html).toContain("srtlog report 100 200 --max-ttft-p99 500 --view gpu=H100 --logs /logs --out report.html");
    expect(html).toContain("http://127.0.0.1:8501/pareto?gpu=H100&amp;run=100&amp;run=200&amp;frontier=1&amp;max-ttft-p99=500");
    // Run 100's c16 (p99 TTFT 450) passes at 1600/8 = 200 TPS/GPU; its c8 is the only other point.
    expect(html).toMatch(/<td>100 \| 1P\/1D[^<]*<\/td><td>16<\/td><td>200.00<\/td><td>40.00<\/td><td>2\/2<\/td>/);
    expect(doc.figures.map((f) => f.id)).toEqual(["chart-pareto", "chart-ttft", "chart-tpot", "chart-itl"]);
    // The frontier as the dashboard draws it: band and dotted line over run 100's two points.
    const frontier = doc.figures[0].data.find((t) => t.name === "Pareto Frontier");
    expect(frontier?.x).toEqual([40, 50]);
    expect(frontier?.y).toEqual([200, 100]);
  });

  it("stays under 5 MB for 20 runs of the loader fixtures, Plotly included", async () => {
    const plotly = readFileSync(path.join(process.cwd(), "node_modules/plotly.js-basic-dist-min/plotly-basic.min.js"), "utf8");
    const fixtures: Run[] = [];
    for (const name of ["legacy-v1-disagg", "current-v2-logs-layout", "result-variants"]) {
      fixtures.push(...(await new RunLoader(await copyFixture(`tests/fixtures/loader/${name}/logs`)).loadAll()));
    }
    // 6 runs (3+2 / 2+2+2 / 9 points), each repeated under its own name until there are 20.
    const runs = Array.from({ length: 20 }, (_, i) => {
      const run = fixtures[i % fixtures.length];
      return { ...run, runDir: `${run.runDir}-copy${i}`, jobId: `${run.jobId}${i}` };
    });
    const points = runs.reduce((n, run) => n + run.points.length, 0);
    const html = renderReportHtml(buildReportDoc(input(runs, "run=all&stat=p99&max-ttft-p99=500")), plotly);
    const bytes = Buffer.byteLength(html);
    console.log(`report of 20 fixture runs (${points} points): ${bytes} bytes (${(bytes / 1e6).toFixed(2)} MB; Plotly ${plotly.length} bytes)`);
    expect(html).toContain(`Summary: ${points} point(s)`);
    expect(bytes).toBeGreaterThan(plotly.length);
    expect(bytes).toBeLessThan(5_000_000);
  });
});

describe("escapes", () => {
  it("escapeHtml turns every markup character into an entity", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });

  it("jsonForScript leaves no < > & or line separator in the text, and parses back to the value", () => {
    const value = { tag: EVIL, sep: "a\u2028b", amp: "x&y" };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
