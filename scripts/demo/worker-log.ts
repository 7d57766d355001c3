// Assembles one worker's log text: start-up, batch lines over the benchmark, and unrelated noise.
import type { Rng } from "../shared/prng";
import type { RunSpec, WorkerSpec } from "../shared/run-spec";
import { healthCheckLine } from "../shared/sglang-log";
import type { TimedLine } from "../shared/sglang-startup";
import { formatLogTime } from "../shared/time-format";
import type { Phase } from "./timeline";
import { batchLines } from "./worker-batches";

const PYNVML_WARNING =
  "/usr/local/lib/python3.12/dist-packages/torch/cuda/__init__.py:63: FutureWarning: The pynvml package is deprecated. Please install nvidia-ml-py instead. If you did not install pynvml directly, please report this to the maintainers of the package that installed pynvml for you.";

function noiseLines(fromSec: number, toSec: number, count: number, rng: Rng): TimedLine[] {
  const lines: TimedLine[] = [];
  for (let i = 0; i < count; i++) {
    const sec = rng.uniform(fromSec, toSec);
    lines.push({ sec, text: healthCheckLine(formatLogTime(sec), rng.int(32768, 60999), rng.chance(0.3)) });
  }
  return lines;
}

/** The whole log: a Python warning, then start-up (from startupLines), batch and noise lines in time order. */
export function workerLogText(
  s: RunSpec,
  w: WorkerSpec,
  startup: TimedLine[],
  phases: Phase[],
  endSec: number,
  rng: Rng,
): string {
  const batches = batchLines(s, w, phases, rng);
  const noise = noiseLines(startup[0].sec, endSec, Math.max(8, Math.round(batches.length * 0.06)), rng);
  const all = [...startup, ...batches, ...noise].sort((a, b) => a.sec - b.sec);
  return [PYNVML_WARNING, ...all.map((l) => l.text)].join("\n") + "\n";
}
