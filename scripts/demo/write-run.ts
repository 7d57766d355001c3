// Writes one complete run directory (metadata, recipe, results, worker logs, config dumps).
import { join } from "node:path";
import { writeText } from "../shared/fs-out";
import { TextSource } from "../shared/generated-text";
import { metadataJson, recipeYaml } from "../shared/metadata";
import { createRng, type Rng } from "../shared/prng";
import {
  logsSubdir, resultDirName, resultFileName, runDirName, workerLogNames, type RunSpec,
} from "../shared/run-spec";
import { writeSaBenchResult } from "../shared/sa-bench-result";
import { nodeConfigJson } from "../shared/server-config";
import { formatCompactTime } from "../shared/time-format";
import { benchmarkOut, frontendOut, legacyLogOut, legacyWorkerStdout, sweepLog } from "./side-files";
import { buildTimeline, type RunTimeline } from "./timeline";
import { startupLines } from "../shared/sglang-startup";
import { workerLogText } from "./worker-log";

const texts = new TextSource("demo-generated-texts");

function writeResults(s: RunSpec, logsDir: string, tl: RunTimeline, rng: Rng): void {
  const dir = join(logsDir, resultDirName(s));
  for (const step of tl.steps) {
    const path = join(dir, resultFileName(s, step.concurrency));
    if (s.empty.includes(step.concurrency)) {
      writeText(path, ""); // sa-bench died right after opening the file
      continue;
    }
    const o = step.outcome;
    // The demo keeps generated_texts short; the bench generator writes full-length ones.
    const generated = o.outputLens.map((len) => (len === 0 ? "" : texts.slice(rng, rng.int(30, 90))));
    writeSaBenchResult(path, {
      date: formatCompactTime(step.endSec, "-"),
      modelId: s.model.servedName,
      tokenizerId: "/model/",
      concurrency: step.concurrency,
      numPrompts: s.promptsFor(step.concurrency),
      withPeak: s.withPeak,
      reuseHttpConnections: s.reuseHttpConnections,
    }, o, generated);
  }
}

function writeWorkers(s: RunSpec, logsDir: string, rng: Rng): RunTimeline {
  const workerStart = s.submitSec + 45;
  const startups = s.workers.map((w) => startupLines(s, w, workerStart + rng.uniform(0, 4), rng.fork(`startup-${w.node}-${w.role}-${w.index}`)));
  const ready = Math.max(...startups.map((st) => st.readySec));
  const tl = buildTimeline(s, ready + rng.uniform(20, 40), rng.fork("timeline"));
  s.workers.forEach((w, i) => {
    const names = workerLogNames(s, w);
    const text = workerLogText(s, w, startups[i].lines, tl.phases, tl.endSec, rng.fork(`log-${w.node}-${w.role}-${w.index}`));
    writeText(join(logsDir, names.main), text);
    if (names.side) writeText(join(logsDir, names.side), legacyWorkerStdout(s, w, workerStart));
  });
  // Two workers on one node dump to the same <node>_config.json; the last one to start wins.
  for (const w of s.workers) writeText(join(logsDir, `${w.node}_config.json`), nodeConfigJson(s, w));
  writeText(join(logsDir, `${s.frontendNode}_frontend_0.out`), frontendOut(s, workerStart, ready));
  writeText(join(logsDir, "benchmark.out"), benchmarkOut(s, tl));
  if (s.layout === "current") writeText(join(logsDir, `sweep_${s.jobId}.log`), sweepLog(s, workerStart, tl));
  else writeText(join(logsDir, "log.out"), legacyLogOut(s, tl));
  return tl;
}

/** Writes `s` under `root` and returns its directory name. */
export function writeRun(root: string, s: RunSpec, copyMetadataToLogs = false): string {
  const name = runDirName(s);
  const runDir = join(root, name);
  const logsDir = join(runDir, logsSubdir(s));
  const rng = createRng(`demo-run-${s.jobId}`);
  writeText(join(runDir, `${s.jobId}.json`), metadataJson(s));
  if (s.layout === "current") writeText(join(runDir, "config.yaml"), recipeYaml(s));
  const tl = writeWorkers(s, logsDir, rng.fork("workers"));
  writeResults(s, logsDir, tl, rng.fork("results"));
  if (copyMetadataToLogs) {
    // srtctl copies these into logs/ when the job ends; scanners must not mistake logs/ for a run.
    writeText(join(logsDir, `${s.jobId}.json`), metadataJson(s));
    writeText(join(logsDir, "config.yaml"), recipeYaml(s));
  }
  return name;
}
