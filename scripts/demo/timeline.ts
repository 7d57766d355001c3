// When each benchmark step ran, derived from the simulated results, so worker-log load matches them.
import type { Rng } from "../shared/prng";
import { simulateStep, userTps, type StepOutcome } from "../shared/sa-bench-sim";
import type { RunSpec } from "../shared/run-spec";

export interface Phase {
  kind: "warmup" | "main";
  concurrency: number;
  startSec: number;
  endSec: number;
  reqPerSec: number;
  userTps: number;
}

export interface StepResult {
  concurrency: number;
  outcome: StepOutcome;
  endSec: number;
}

export interface RunTimeline {
  benchStartSec: number;
  phases: Phase[];
  steps: StepResult[];
  /** Set when the job died part-way (time limit), cutting the last phase short. */
  endSec: number;
}

/** Simulates every step of the sweep and lays warm-ups, runs and gaps out on the clock. */
export function buildTimeline(s: RunSpec, benchStartSec: number, rng: Rng): RunTimeline {
  const phases: Phase[] = [];
  const steps: StepResult[] = [];
  let t = benchStartSec;
  for (const c of s.concurrencies) {
    const outcome = simulateStep(
      {
        isl: s.isl, osl: s.osl, concurrency: c, numPrompts: s.promptsFor(c),
        streamInterval: s.streamInterval, perf: s.perf, failures: s.failures[c],
      },
      rng.fork(`step-${c}`),
    );
    const reqPerSec = outcome.completed / outcome.durationSec;
    const tps = userTps(s.perf, Math.min(c, s.promptsFor(c)));
    const warmup = (2 * outcome.e2el.mean) / 1000;
    phases.push({ kind: "warmup", concurrency: c, startSec: t, endSec: t + warmup, reqPerSec, userTps: tps });
    t += warmup + rng.uniform(3, 8);
    const cutShort = s.missing.includes(c);
    const duration = cutShort ? outcome.durationSec * 0.4 : outcome.durationSec;
    phases.push({ kind: "main", concurrency: c, startSec: t, endSec: t + duration, reqPerSec, userTps: tps });
    t += duration;
    if (cutShort) return { benchStartSec, phases, steps, endSec: t };
    steps.push({ concurrency: c, outcome, endSec: t });
    t += rng.uniform(2, 6);
  }
  return { benchStartSec, phases, steps, endSec: t };
}
