// The smaller text files around a run: sa-bench console output, frontend and orchestrator logs,
// and the legacy per-worker stdout files.
import { formatConsoleSummary } from "../shared/sa-bench-result";
import { resultDirName, totalGpus, type RunSpec, type WorkerSpec } from "../shared/run-spec";
import { commandLine } from "../shared/server-config";
import { formatIsoMicros, formatLogTime } from "../shared/time-format";
import type { RunTimeline } from "./timeline";

/** benchmark.out: sa-bench's echo lines plus benchmark_serving.py's summary per step. */
export function benchmarkOut(s: RunSpec, tl: RunTimeline): string {
  const out = [
    `SA-Bench Config: endpoint=http://localhost:8000; isl=${s.isl}; osl=${s.osl}; concurrencies=${s.concurrencies.join("x")}; req_rate=inf; model=${s.model.servedName}`,
    "Verifying endpoint...",
    `{"id":"chatcmpl-0","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help"`,
  ];
  for (const p of tl.phases.filter((ph) => ph.kind === "main")) {
    out.push(`Running benchmark with concurrency: ${p.concurrency}`, formatLogTime(p.startSec));
    out.push("Starting initial single prompt test run...", "Initial test run completed. Starting main benchmark run...");
    out.push("Traffic request rate: inf", "Burstiness factor: 1.0 (Poisson process)", `Maximum request concurrency: ${p.concurrency}`);
    const step = tl.steps.find((st) => st.concurrency === p.concurrency);
    if (!step) break; // the job was killed (time limit) while this step ran
    out.push(formatConsoleSummary(step.outcome, s.withPeak).trimEnd());
    if (s.empty.includes(p.concurrency)) break; // crashed while saving this step's JSON
    out.push(formatLogTime(step.endSec), `Completed benchmark with concurrency: ${p.concurrency}`);
    out.push("-----------------------------------------");
  }
  if (tl.steps.length === s.concurrencies.length && s.empty.length === 0) {
    out.push(`SA-Bench complete. Results in /logs/${resultDirName(s)}`);
  }
  return out.join("\n") + "\n";
}

/** <node>_frontend_0.out: dynamo HTTP frontend (Rust tracing format). */
export function frontendOut(s: RunSpec, startSec: number, readySec: number): string {
  const line = (sec: number, level: string, target: string, msg: string) =>
    `${formatIsoMicros(sec)}  ${level} ${target}: ${msg}`;
  return [
    line(startSec, "INFO", "dynamo_runtime::distributed", `Initializing DistributedRuntime namespace=dynamo`),
    line(startSec + 1.2, "INFO", "dynamo_llm::http::service::service_v2", "Starting HTTP service on: 0.0.0.0:8000 address=\"0.0.0.0:8000\""),
    line(readySec - 3.4, "INFO", "dynamo_llm::discovery::watcher", `added model model_name="${s.model.servedName}"`),
    line(readySec, "INFO", "dynamo_llm::http::service::service_v2", "Model is ready; serving requests"),
  ].join("\n") + "\n";
}

/** logs/sweep_<jobid>.log: the srtctl orchestrator's own log (abridged). */
export function sweepLog(s: RunSpec, workerStartSec: number, tl: RunTimeline): string {
  const at = (sec: number, msg: string) => `${formatLogTime(sec)} [INFO] ${msg}`;
  const lines = [at(s.submitSec + 20, `Job ${s.jobId} started: ${s.jobName} (${totalGpus(s)} GPUs)`)];
  for (const w of s.workers) {
    lines.push(at(workerStartSec, `Log: /lustre/fsw/coreai_dlalgo_llm/srt-slurm/outputs/${s.jobId}/logs/${w.node}_${w.role}_w${w.index}.out`));
  }
  lines.push(at(tl.benchStartSec - 5, "All workers healthy; starting benchmark sa-bench"));
  lines.push(at(tl.benchStartSec, `Log: /lustre/fsw/coreai_dlalgo_llm/srt-slurm/outputs/${s.jobId}/logs/benchmark.out`));
  lines.push(at(tl.endSec + 4, "Benchmark finished"));
  return lines.join("\n") + "\n";
}

/** Legacy <node>_<mode>_w<i>.out: the launcher's stdout; SGLang's own log went to .err. */
export function legacyWorkerStdout(s: RunSpec, w: WorkerSpec, startSec: number): string {
  return [
    `[${formatLogTime(startSec)}] Starting ${w.role} worker ${w.index} on ${w.node}`,
    `[${formatLogTime(startSec)}] Command: ${commandLine(s, w).join(" ")}`,
    `[${formatLogTime(startSec + 1)}] Waiting for etcd at http://${s.frontendNode}:2379 ... ok`,
  ].join("\n") + "\n";
}

/** Legacy log.out: the sbatch script's own stdout. */
export function legacyLogOut(s: RunSpec, tl: RunTimeline): string {
  return [
    `Job ${s.jobId} (${s.jobName}) on ${[...new Set(s.workers.map((w) => w.node))].join(",")}`,
    `Model: ${s.model.path}  Container: ${s.container}`,
    `Benchmark started at ${formatLogTime(tl.benchStartSec)}`,
    `Benchmark finished at ${formatLogTime(tl.endSec)}`,
  ].join("\n") + "\n";
}
