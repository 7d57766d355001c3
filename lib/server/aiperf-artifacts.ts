import "server-only";
import { readdirSync, type Dirent } from "node:fs";
import path from "node:path";
import { pickAiperfExports, type ArtifactDir } from "../../parsers/per-request/aiperf-artifacts";

/** srt-slurm's AIPerf benchmarks write `<log dir>/artifacts/`: the run dir itself (legacy) or its `logs/`. */
const ARTIFACT_ROOTS = ["logs/artifacts", "artifacts"];

function listDir(dir: string): Dirent[] {
  try {
    return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Each `artifacts/<dir>/` of a run with the names of its files (one level: AIPerf writes flat). */
function artifactDirs(runPath: string): ArtifactDir[] {
  return ARTIFACT_ROOTS.flatMap((root) =>
    listDir(path.join(/*turbopackIgnore: true*/ runPath, root))
      .filter((entry) => entry.isDirectory())
      .map((entry) => {
        const rel = `${root}/${entry.name}`;
        return { rel, files: listDir(path.join(/*turbopackIgnore: true*/ runPath, rel)).filter((f) => f.isFile()).map((f) => f.name) };
      }),
  );
}

/**
 * Concurrency -> AIPerf `profile_export.jsonl` of a run (relative to the run dir), read only when a
 * point's Requests view finds no sa-bench arrays: a directory listing, never part of the run index.
 */
export function findAiperfExports(runPath: string): { byConcurrency: Map<number, string>; issues: string[] } {
  return pickAiperfExports(artifactDirs(runPath));
}
