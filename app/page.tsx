import { getRunLoader } from "@/lib/server/logs-dir";
import { SrtlogError } from "@/lib/errors";
import { RunTable } from "@/components/run-table";
import { toRunSummary } from "@/lib/run-summary";

export const dynamic = "force-dynamic";

/** Until the full dashboard lands: the runs the loader finds, and the ones it skipped with why. */
export default async function Home() {
  const loader = getRunLoader();
  try {
    const { runs, skipped } = await loader.loadAllWithSkipped();
    return (
      <main className="mx-auto max-w-6xl p-6">
        <h1 className="text-2xl font-semibold">srtlog</h1>
        <p className="text-sm text-slate-600" data-testid="logs-dir">
          {runs.length} runs in {loader.logsDir}
        </p>
        <RunTable runs={runs.map(toRunSummary)} skipped={skipped} />
      </main>
    );
  } catch (error) {
    if (!(error instanceof SrtlogError)) throw error;
    return (
      <main className="p-6" data-testid="error">
        {error.message}. Start the dashboard with LOGS_DIR=/path/to/outputs.
      </main>
    );
  }
}
