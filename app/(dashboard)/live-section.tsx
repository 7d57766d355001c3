import { LiveRefresh } from "@/components/live/live-refresh";
import { getDashboard } from "@/lib/server/dashboard-data";
import { getRunActivity } from "@/lib/server/run-activity";
import { runPickerLabel } from "@/lib/labels";
import { followedRuns } from "@/lib/live/follow-limit";

/** The live indicator and updater for the selected runs still being written; nothing for finished runs. */
export async function LiveSection({ query }: { query: string }) {
  const d = await getDashboard(query);
  const live = d.selected.flatMap((run) => {
    const activity = getRunActivity(run);
    return activity === "finished" ? [] : [{ runDir: run.runDir, label: runPickerLabel(run), activity }];
  });
  if (live.length === 0) return null;
  const { followed, notFollowed } = followedRuns(live);
  return <LiveRefresh runs={followed} notFollowed={notFollowed} logs={d.state.logs ?? null} />;
}
