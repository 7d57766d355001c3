// Large, deterministic sa-bench result tree for loader benchmarks: ~400 MiB of result JSON with
// full per-request arrays (per-token itls, full-length generated_texts).
// Usage: npx tsx scripts/bench/generate-bench-results.ts OUT_DIR [--runs 100] [--concurrencies 10] [--prompts N]
import { join, resolve } from "node:path";
import { isMain, parseNumericFlags } from "../shared/cli";
import { formatMB, resetDir, writeText } from "../shared/fs-out";
import { TextSource } from "../shared/generated-text";
import { metadataJson, recipeYaml } from "../shared/metadata";
import { createRng } from "../shared/prng";
import { logsSubdir, resultDirName, resultFileName, runDirName, type RunSpec } from "../shared/run-spec";
import { writeSaBenchResult } from "../shared/sa-bench-result";
import { simulateStep } from "../shared/sa-bench-sim";
import { formatCompactTime } from "../shared/time-format";
import { benchRun, concurrencySweep } from "./bench-runs";

export interface BenchResultsOptions {
  runs?: number;
  concurrencies?: number;
  /** Prompts per concurrency file; by default chosen per run so the tree totals `targetBytes`. */
  promptsPerConcurrency?: number;
  targetBytes?: number;
}

// Per-token itls dominate: ~22 bytes per float (full-precision repr + ", ") plus ~4.3 chars of text per token.
const bytesPerRequest = (osl: number) => 0.9 * osl * 26.5 + 150;

/** Sends max(c, floor) prompts per step, with the floor that brings the run closest to its byte budget. */
function promptsForBudget(concurrencies: number[], osl: number, budget: number): (c: number) => number {
  const perRequest = bytesPerRequest(osl);
  const total = (b: number) => concurrencies.reduce((n, c) => n + Math.max(c, b), 0) * perRequest;
  let floor = 1;
  while (total(floor + 1) - budget < budget - total(floor)) floor++;
  return (c) => Math.max(c, floor);
}

function writeBenchRun(root: string, s: RunSpec, texts: TextSource): number {
  const runDir = join(root, runDirName(s));
  writeText(join(runDir, `${s.jobId}.json`), metadataJson(s));
  if (s.layout === "current") writeText(join(runDir, "config.yaml"), recipeYaml(s));
  const rng = createRng(`bench-results-${s.jobId}`);
  let bytes = 0;
  let clock = s.submitSec + 900;
  for (const c of s.concurrencies) {
    const numPrompts = s.promptsFor(c);
    const spec = { isl: s.isl, osl: s.osl, concurrency: c, numPrompts, streamInterval: 1, perf: s.perf, failures: s.failures[c] };
    const outcome = simulateStep(spec, rng.fork(`step-${c}`));
    clock += outcome.durationSec + 20;
    const generated = outcome.outputLens.map((len) => (len === 0 ? "" : texts.forTokens(rng, len)));
    const path = join(runDir, logsSubdir(s), resultDirName(s), resultFileName(s, c));
    bytes += writeSaBenchResult(path, {
      date: formatCompactTime(clock, "-"), modelId: s.model.servedName, tokenizerId: "/model/",
      concurrency: c, numPrompts, withPeak: s.withPeak,
    }, outcome, generated);
  }
  return bytes;
}

/** Wipes `outDir` and writes `runs` runs x `concurrencies` result files; resolves to the result JSON byte count. */
export async function generateBenchResults(outDir: string, opts: BenchResultsOptions = {}): Promise<number> {
  const runs = opts.runs ?? 100;
  const concurrencies = concurrencySweep(opts.concurrencies ?? 10);
  const budget = (opts.targetBytes ?? 400 * 2 ** 20) / runs;
  const texts = new TextSource("bench-generated-texts");
  resetDir(outDir);
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const probe = benchRun(i, concurrencies, () => 1);
    const promptsFor = opts.promptsPerConcurrency
      ? () => opts.promptsPerConcurrency as number
      : promptsForBudget(concurrencies, probe.osl, budget);
    bytes += writeBenchRun(outDir, { ...probe, promptsFor }, texts);
  }
  return bytes;
}

if (isMain(import.meta.url)) {
  const { positional, flags } = parseNumericFlags(process.argv.slice(2));
  if (positional.length !== 1) {
    console.error("usage: npx tsx scripts/bench/generate-bench-results.ts OUT_DIR [--runs 100] [--concurrencies 10] [--prompts N]");
    process.exit(2);
  }
  const started = performance.now();
  const bytes = await generateBenchResults(resolve(positional[0]), {
    runs: flags.runs, concurrencies: flags.concurrencies, promptsPerConcurrency: flags.prompts,
  });
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`result JSON: ${formatMB(bytes)} (${(bytes / 2 ** 20).toFixed(0)} MiB) in ${secs} s`);
}
