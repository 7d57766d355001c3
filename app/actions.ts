"use server";

import { z } from "zod";
import { checkLogsDir } from "@/lib/server/dashboard-logs";
import { getRunLoader } from "@/lib/server/logs-dir";
import { pickedLogsDirs } from "@/lib/server/picked-logs";

/** "Sync Now": forget what the server remembers about the logs dir and rescan it. */
export async function syncNow(logs: unknown): Promise<{ ok: boolean; message: string }> {
  const requested = z.string().optional().safeParse(logs ?? undefined);
  const check = checkLogsDir(requested.success ? requested.data : undefined, await pickedLogsDirs());
  if (!check.ok) return { ok: false, message: check.message };
  const loader = getRunLoader(check.dir);
  loader.clear();
  const { runs, skipped } = await loader.loadAllWithSkipped();
  return { ok: true, message: `Rescanned: ${runs.length} run${runs.length === 1 ? "" : "s"}, ${skipped.length} skipped` };
}
