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
    // Goodput needs latency bounds to attain (without them the cells stay empty) and reads per-request
    // data: only then, only for the selected runs, and cached after the first export.
    const byPoint = d.state.sla.bounds.length > 0 ? (await goodputOfRuns(d.selected, d.state.sla)).byPoint : undefined;
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
