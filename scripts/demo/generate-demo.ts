// Deterministic demo logs directory: eight runs across both srt-slurm layouts plus a few entries
// a scanner must skip. Usage: npx tsx scripts/demo/generate-demo.ts OUT_DIR
import { readdirSync, utimesSync } from "node:fs";
import { join, resolve } from "node:path";
import { isMain } from "../shared/cli";
import { formatMB, resetDir, treeSize, writeText } from "../shared/fs-out";
import { COPY_METADATA_TO_LOGS, DEMO_RUNS } from "./demo-runs";
import { writeRun } from "./write-run";

function writeNonRuns(outDir: string): void {
  writeText(join(outDir, "README.txt"), "srt-slurm logs directory. One sub-directory per job.\n");
  writeText(
    join(outDir, "utils", "compare_runs.py"),
    "#!/usr/bin/env python3\n\"\"\"Helper kept next to the logs; not a run.\"\"\"\nimport json, sys\n\nfor p in sys.argv[1:]:\n    print(p, json.load(open(p)).get(\"output_throughput\"))\n",
  );
  // A deleted run: looks like a real one but lives under a hidden directory.
  writeText(
    join(outDir, ".trash", "3599_1P_1D_20251101_120000", "3599.json"),
    JSON.stringify({ version: "1.0", run_metadata: { slurm_job_id: "3599", mode: "disaggregated" } }, null, 2) + "\n",
  );
}

/**
 * The demo's runs are finished jobs: files written a moment ago would make a run with a missing
 * concurrency look like a job still writing (lib/live/run-activity.ts), badged "running" and followed live.
 */
function backdate(dir: string, when: Date): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) backdate(full, when);
    else if (entry.isFile()) utimesSync(full, when, when);
  }
}

/** Wipes `outDir` and writes the demo runs into it, dated a day back. */
export async function generateDemo(outDir: string): Promise<void> {
  resetDir(outDir);
  for (const spec of DEMO_RUNS) writeRun(outDir, spec, COPY_METADATA_TO_LOGS.has(spec.jobId));
  writeNonRuns(outDir);
  backdate(outDir, new Date(Date.now() - 86_400_000));
}

if (isMain(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error("usage: npx tsx scripts/demo/generate-demo.ts OUT_DIR");
    process.exit(2);
  }
  const dir = resolve(out);
  const started = performance.now();
  await generateDemo(dir);
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`wrote ${DEMO_RUNS.length} runs to ${dir} (${formatMB(treeSize(dir))}) in ${secs} s`);
}
