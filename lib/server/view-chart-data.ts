import "server-only";
import { toChartRun, type ChartRun } from "../charts/chart-data";
import { withEnergy, withGoodput } from "../charts/goodput-points";
import { axesNeed } from "../charts/pareto-metrics";
import type { Run } from "../model";
import type { RowExtras } from "../rows";
import type { ViewState } from "../view-state";
import { goodputOfRuns } from "./goodput";
import { energyByPoint } from "./power";

/**
 * Chart runs and CSV extras as the Pareto tab computes them: goodput or energy only when an axis (x or y)
 * asks for them, both when both do.
 */
export async function viewChartData(runs: readonly Run[], state: Pick<ViewState, "x" | "y" | "sla">): Promise<{ chartRuns: ChartRun[]; extras: RowExtras }> {
  const axes = { x: state.x, y: state.y };
  let chartRuns = runs.map(toChartRun);
  const extras: RowExtras = {};
  if (axesNeed(axes, "goodput")) {
    extras.goodput = (await goodputOfRuns(runs, state.sla)).byPoint;
    chartRuns = withGoodput(chartRuns, extras.goodput);
  }
  if (axesNeed(axes, "energy")) {
    extras.energy = energyByPoint(runs);
    chartRuns = withEnergy(chartRuns, extras.energy);
  }
  return { chartRuns, extras };
}
