import { csvExport } from "@/lib/charts/csv-export";
import { errorResponse, SrtlogError } from "@/lib/errors";
import { getDashboard } from "@/lib/server/dashboard-data";
import { goodputOfRuns } from "@/lib/server/goodput";
import { energyByPoint } from "@/lib/server/power";
import { parseViewState, toQueryString } from "@/lib/view-state";

/** "Download Data as CSV": the rows of the runs the view selects, with the `srtlog export` columns. */
export async function GET(request: Request) {
  try {
    const state = parseViewState(new URL(request.url).searchParams);
    const d = await getDashboard(toQueryString(state));
    if (!d.logs.ok) throw new SrtlogError("bad_input", d.logs.message);
    // Goodput reads per-request data: cached after the first export, and only for the selected runs.
    const { byPoint } = await goodputOfRuns(d.selected, d.state.sla);
    const { fileName, text } = csvExport(d.selected, { goodput: byPoint, energy: energyByPoint(d.selected) });
    return new Response(text, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
