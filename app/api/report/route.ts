import { errorResponse, SrtlogError } from "@/lib/errors";
import { REPORT_CSP } from "@/lib/report/report-html";
import { reportFileName } from "@/lib/report/report-view";
import { getDashboard } from "@/lib/server/dashboard-data";
import { buildReportHtml } from "@/lib/server/report";
import { parseViewState, toQueryString } from "@/lib/view-state";

/** "Download report": the self-contained HTML report of the runs and settings the URL's view selects. */
export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const state = parseViewState(url.searchParams);
    // The same logs-dir checks as every page and /api/export: allowed roots, the user's own picks.
    const d = await getDashboard(toQueryString(state));
    if (!d.logs.ok) throw new SrtlogError("bad_input", d.logs.message);
    if (d.selected.length === 0) throw new SrtlogError("bad_input", "No runs selected: pick runs in the sidebar to report on.");
    const html = await buildReportHtml({ runs: d.selected, state: d.state, logsDir: d.logs.dir, origin: url.origin });
    return new Response(html, {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Disposition": `attachment; filename="${reportFileName(d.selected)}"`,
        // The report's scripts are inline: if a browser shows it in place, it still fetches nothing.
        "Content-Security-Policy": REPORT_CSP,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
