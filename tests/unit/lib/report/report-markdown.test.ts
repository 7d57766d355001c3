import { describe, expect, it } from "vitest";
import { escapeMarkdown } from "../../../../lib/report/report-markdown";
import { renderReportMarkdown } from "../../../../lib/report/report-markdown";
import { reportFileName, reproduceCommand, shellWord } from "../../../../lib/report/report-view";
import type { ReportDoc } from "../../../../lib/report/report-doc";
import { parseViewState } from "../../../../lib/view-state";

const doc: ReportDoc = {
  title: "srtlog report: 7 (1 run)", generatedAt: "2026-12-06T13:00:00Z", logsDir: "/logs", command: "srtlog report 7 --logs /logs --out report.html",
  dashboardUrl: "http://127.0.0.1:8501/pareto?run=7&frontier=1", selection: [["Runs", "7 (1 run)"]], figures: [], slaRows: [], yLabel: "Output TPS/GPU",
  columns: ["Run ID", "Concurrency", "Output TPS"], rows: [{ "Run ID": "7", Concurrency: 4, "Output TPS": 12.345 } as never],
  essentials: [{ runDir: "7_x", label: "7 | 1A", facts: [["Tags", "a|b, <img src=x onerror=alert(1)>"]] }],
  health: [{ runDir: "7_x", label: "7 | 1A", badge: "1 traceback", notes: ["Traceback at w.err:3: *boom*"] }],
};

describe("renderReportMarkdown", () => {
  it("writes the tables, image links and reproduce command, user text escaped", () => {
    const md = renderReportMarkdown(doc, [{ title: "Pareto frontier", path: "report-files/pareto.png" }]);
    expect(md).toContain("![Pareto frontier](report-files/pareto.png)");
    expect(md).toContain("| Run ID | Concurrency | Output TPS |\n| --- | --- | --- |\n| 7 | 4 | 12.35 |");
    // A bar would split the cell, a tag would reach HTML-passing renderers: both escaped.
    expect(md).toContain("| Tags | a\\|b, \\<img src=x onerror=alert(1)\\> |");
    expect(md).toContain("- **7 \\| 1A**: 1 traceback\n  - Traceback at w.err:3: \\*boom\\*");
    expect(md).toContain("```sh\nsrtlog report 7 --logs /logs --out report.html\n```");
    expect(md).toContain("Dashboard: <http://127.0.0.1:8501/pareto?run=7&frontier=1>");
  });

  it("escapeMarkdown folds line breaks, so a value cannot start a new table row", () => {
    expect(escapeMarkdown("a\n| b")).toBe("a \\| b");
  });
});

describe("reproduce", () => {
  it("spells runs, tags, SLA and y as flags and the rest of the view as --view", () => {
    const state = parseViewState(new URLSearchParams("run=3667&tag=it's&max-itl-median=20&min-tps-user=30&y=total&stat=p99&logy=1&frontierBy=gpu"));
    expect(reproduceCommand(state, "/data/logs", "md")).toBe(
      "srtlog report 3667 --tag 'it'\\''s' --max-itl-median 20 --min-tps-user 30 --y total --view 'frontierBy=gpu&stat=p99&logy=1' --logs /data/logs --format md --out report.md",
    );
    expect(reproduceCommand(parseViewState(new URLSearchParams("run=all")), "/l", "html")).toBe("srtlog report --all --logs /l --out report.html");
  });

  it("shellWord quotes only what a shell would read differently", () => {
    expect(shellWord("/a/b-c_1.2")).toBe("/a/b-c_1.2");
    expect(shellWord("a b")).toBe("'a b'");
    expect(shellWord("$(x)")).toBe("'$(x)'");
  });

  it("names the download after the job ids, with nothing a header could trip on", () => {
    expect(reportFileName([{ jobId: "3667" }, { jobId: "12045" }])).toBe("srtlog-report-jobs-3667-12045.html");
    expect(reportFileName([{ jobId: 'a"b' }])).toBe("srtlog-report-job-a_b.html");
  });
});
